"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";

export type BacktestNumbers = { matched: number; fraud: number; legitimate: number; unlabelled: number; from: string; to: string };


/**
 * What a rule matched among past payments, split by what is known about them. The share of known frauds among the
 * labelled matches is the rule's precision on history: a block rule with many legitimate matches blocks customers.
 */
export function BacktestSummary({ backtest: b, testId, compact = false }: { backtest: BacktestNumbers; testId?: string; compact?: boolean }) {
  const t = useTranslations("fraud.backtest");
  const f = useFormat();
  const n = f.integer;
  const day = (d: string) => f.date(d);
  const labelled = b.fraud + b.legitimate;
  const precision = labelled === 0 ? null : b.fraud / labelled;
  if (compact) {
    return (
      <span className="text-xs" data-testid={testId}>
        {t("compact", { matched: n(b.matched), fraud: n(b.fraud), legitimate: n(b.legitimate), unlabelled: n(b.unlabelled) })}
        <span className="block text-gray-500 dark:text-gray-400">
          {t("range", { from: day(b.from), to: day(b.to) })}
          {precision !== null && t("compactPrecision", { share: f.percent(precision, 1) })}
        </span>
      </span>
    );
  }
  return (
    <div className="rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700" role="status" data-testid={testId}>
      <p className="mb-2 font-medium">
        {t("heading", { from: day(b.from), to: day(b.to) })}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {[
          [t("matched"), b.matched],
          [t("knownFrauds"), b.fraud],
          [t("legitimate"), b.legitimate],
          [t("unlabelled"), b.unlabelled],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-gray-600 dark:text-gray-400">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n(value as number)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
        {b.matched === 0
          ? t("noMatch")
          : precision === null
            ? t("noOutcome")
            : t("precision", { share: f.percent(precision, 1) })}
      </p>
    </div>
  );
}
