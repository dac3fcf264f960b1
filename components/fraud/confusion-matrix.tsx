"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";

/**
 * Payments of the held-out evaluation by truth and by what the threshold does with them: fraud flagged (caught),
 * fraud passed (missed), legitimate flagged (reviews for nothing), legitimate passed.
 */
export function ConfusionMatrix({ c, testId }: { c: { threshold: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; flaggedShare: number }; testId?: string }) {
  const t = useTranslations("fraud.matrix");
  const f = useFormat();
  const n = f.integer;
  const cell = "border border-gray-200 px-3 py-2 text-right tabular-nums dark:border-gray-700";
  return (
    <div data-testid={testId}>
      <table className="text-sm">
        <caption className="mb-1 text-left text-xs text-gray-600 dark:text-gray-400">{t("caption", { threshold: f.number(c.threshold, 3) })}</caption>
        <thead>
          <tr className="text-xs text-gray-600 dark:text-gray-400">
            <th />
            <th className="px-3 py-1 font-medium">{t("flagged")}</th>
            <th className="px-3 py-1 font-medium">{t("passed")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th className="pr-3 text-left text-xs font-medium text-gray-600 dark:text-gray-400">{t("fraud")}</th>
            <td className={`${cell} bg-green-50 dark:bg-green-950/40`}>
              {n(c.tp)} <span className="block text-xs text-gray-600 dark:text-gray-400">{t("caught")}</span>
            </td>
            <td className={`${cell} bg-red-50 dark:bg-red-950/40`}>
              {n(c.fn)} <span className="block text-xs text-gray-600 dark:text-gray-400">{t("missed")}</span>
            </td>
          </tr>
          <tr>
            <th className="pr-3 text-left text-xs font-medium text-gray-600 dark:text-gray-400">{t("legitimate")}</th>
            <td className={`${cell} bg-amber-50 dark:bg-amber-950/40`}>
              {n(c.fp)} <span className="block text-xs text-gray-600 dark:text-gray-400">{t("falseAlarms")}</span>
            </td>
            <td className={cell}>
              {n(c.tn)} <span className="block text-xs text-gray-600 dark:text-gray-400">{t("passedCell")}</span>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
        {t("summary", { precision: f.percent(c.precision, 1), recall: f.percent(c.recall, 1), flagged: f.percent(c.flaggedShare, 2) })}
      </p>
    </div>
  );
}
