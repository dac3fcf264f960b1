import { useTranslations } from "next-intl";
import type { ExceptionKind, ForecastException } from "@/lib/forecasts/exceptions";
import { useText } from "./plain-words";

export const exceptionTone: Record<ExceptionKind, string> = {
  stockout: "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300",
  outside_band: "border-orange-300 bg-orange-50 text-orange-800 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-300",
  bias: "border-orange-300 bg-orange-50 text-orange-800 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-300",
  big_change: "border-blue-300 bg-blue-50 text-blue-800 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-300",
  poor_accuracy: "border-purple-300 bg-purple-50 text-purple-800 dark:border-purple-800 dark:bg-purple-950 dark:text-purple-300",
  overstock: "border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/**
 * One badge per exception: the label and the suggested action on screen, the detail on hover and for screen readers.
 * Each badge is `relative` so its screen-reader text (absolutely positioned) stays inside the table's scrolling box
 * instead of widening the page on a phone.
 */
export function ExceptionBadges({ exceptions }: { exceptions: ForecastException[] }) {
  const t = useTranslations("forecasts.exceptions");
  const text = useText();
  if (exceptions.length === 0) return <span className="text-xs text-gray-500 dark:text-gray-400">{t("none")}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {exceptions.map((e) => (
        <li key={e.kind} title={text(e.detail)} className={`relative rounded border px-1.5 py-0.5 text-xs whitespace-nowrap ${exceptionTone[e.kind]}`}>
          {t(`kinds.${e.kind}`)}
          {e.action && <span className="font-medium"> · {text(e.action)}</span>}
          <span className="sr-only">: {text(e.detail)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The full list with details, for the product page. */
export function ExceptionList({ exceptions }: { exceptions: ForecastException[] }) {
  const t = useTranslations("forecasts.exceptions");
  const text = useText();
  if (exceptions.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">{t("noneLong")}</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="exceptions">
      {exceptions.map((e) => (
        <li key={e.kind} className={`rounded-md border px-3 py-2 ${exceptionTone[e.kind]}`}>
          <p className="font-medium">
            {t(`kinds.${e.kind}`)}
            {e.action && <span>{t("suggested", { action: text(e.action) })}</span>}
          </p>
          <p className="text-xs">{text(e.detail)}</p>
        </li>
      ))}
    </ul>
  );
}
