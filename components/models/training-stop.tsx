import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";
import { capWarning, describeTrainingStop, trainingStopOf, trainingStopsOf } from "@/lib/models/training-stop";
import type { Translate } from "./labels";

/** A Message from lib/ in the reader's words (server or client: next-intl's hook works in both). */
function useMessage(): (message: Message) => string {
  const t = useTranslations() as unknown as Translate;
  return (message) => t(message.key, message.values);
}

const pill = "inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

/** A warning on a version whose training was ended by its time or epoch cap: the model may be unfinished. */
export function CapHitBadge({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const t = useTranslations("models.trainingStop");
  const text = useMessage();
  const stop = trainingStopOf(params);
  const warning = stop ? capWarning(stop) : null;
  if (!warning) return null;
  return (
    <span className={`${pill} bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300`} title={text(warning)} data-testid={testId}>
      {t("capHit")}
    </span>
  );
}

/** Why each of the version's fits stopped, with the cap warning spelled out where one ended training. */
export function TrainingStopDetails({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const t = useTranslations("models.trainingStop");
  const text = useMessage();
  const stops = trainingStopsOf(params);
  if (stops.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5" data-testid={testId}>
      {stops.map(({ key, label, stop }) => {
        const warning = capWarning(stop);
        return (
          <li key={key}>
            {t("line", { label: text(label), description: text(describeTrainingStop(stop)) })}
            {warning ? <span className="block font-medium text-amber-800 dark:text-amber-300">{text(warning)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
