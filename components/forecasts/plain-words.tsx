import { useTranslations } from "next-intl";
import { msg, type Message, type MessageValues } from "@/lib/i18n/message";

/**
 * Plain names for the forecast screens' technical terms: each metric and model a planner meets gets a readable label
 * (forecasts.terms.* and forecasts.methods.*), with the short explanation (and the raw id the data uses) one hover
 * or focus away.
 */

/** The backtest measures, by the names planners know them under (forecasts.terms.<term>.label / .explain). */
export const metricTermKeys = ["mase", "wape", "bias", "coverage", "trackingSignal", "segment"] as const;
export type MetricTerm = (typeof metricTermKeys)[number];

const modelIds = ["network", "seasonal-naive", "holt-winters", "ets", "tsb", "best-1", "best-2", "best-3"] as const;
type ModelId = (typeof modelIds)[number];
const isModelId = (m: string): m is ModelId => (modelIds as readonly string[]).includes(m);

const segmentIds = ["smooth", "erratic", "intermittent", "lumpy"] as const;
type SegmentId = (typeof segmentIds)[number];
const isSegmentId = (s: string): s is SegmentId => (segmentIds as readonly string[]).includes(s);

/** The small "i" of the explanation button: a symbol, the same in every language (hidden from screen readers). */
const INFO_MARK = "i";

/** Puts a Message into words: `useText()` in components, inEnglish in tests. */
export type MessageText = (message: Message) => string;

/** A Message into words in any component that is not async (server or client). */
export function useText(): MessageText {
  const t = useTranslations() as unknown as (key: string, values?: MessageValues) => string;
  return (m) => t(m.key, m.values);
}

/** "network+tsb" -> "Blend: Neural network + Intermittent-demand smoothing"; an unknown id is shown as it is. */
export function methodLabel(method: string, text: MessageText): string {
  const members = method.split("+").map((m) => (isModelId(m) ? text(msg(`forecasts.methods.${m}`)) : m));
  return members.length > 1 ? text(msg("forecasts.methods.blend", { members: members.join(" + ") })) : (members[0] ?? method);
}

/** A demand segment's name (smooth, erratic, intermittent, lumpy); an unknown one as it is. */
export function segmentLabel(segment: string, text: MessageText): string {
  return isSegmentId(segment) ? text(msg(`forecasts.segments.${segment}`)) : segment;
}

/**
 * Why a baseline forecasts a series, as the publish step stores it ("history too short for the network (12 weeks):
 * ets forecasts it"), in the reader's words with the method named plainly; any other text is shown as it is.
 */
export function fallbackReasonText(reason: string, text: MessageText): string {
  const m = /^history too short for the network \((\d+) weeks?\): (.+) forecasts it$/.exec(reason);
  if (!m) return reason;
  return text(msg("forecasts.methods.fallbackReason", { weeks: Number(m[1]), method: methodLabel(m[2]!, text) }));
}

export function MethodName({ method }: { method: string }) {
  const t = useTranslations("forecasts.methods");
  const text = useText();
  return <span title={t("modelId", { id: method })}>{methodLabel(method, text)}</span>;
}

/** The term's plain label and its explanation, in the reader's words. */
export function useMetricTerm(): (term: MetricTerm) => { label: string; explain: string } {
  const t = useTranslations("forecasts.terms");
  return (term) => ({ label: t(`${term}.label`), explain: t(`${term}.explain`) });
}

/**
 * A term with its explanation as a small tooltip on hover and keyboard focus (a title alone never shows on focus
 * or touch); screen readers get the explanation as the term's description.
 */
export function Term({ id, label, explain }: { id: string; label: string; explain: string }) {
  const t = useTranslations("forecasts.terms");
  return (
    <span className="group relative inline-flex items-center gap-1">
      <span>{label}</span>
      <button
        type="button"
        aria-describedby={id}
        className="inline-flex h-6 w-6 cursor-help items-center justify-center rounded-full text-gray-700 dark:text-gray-300"
      >
        <span aria-hidden className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-gray-500 text-[10px] leading-none">
          {INFO_MARK}
        </span>
        <span className="sr-only">{t("about", { label })}</span>
      </button>
      {/* display:none until hover or focus: an invisible box would still widen the page on a phone. */}
      <span
        role="tooltip"
        id={id}
        className="absolute top-full left-0 z-20 mt-1 hidden w-64 max-w-[80vw] rounded-md border border-gray-200 bg-white p-2 text-xs font-normal text-gray-700 shadow-md group-focus-within:block group-hover:block dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200"
      >
        {explain}
      </span>
    </span>
  );
}
