import { formatShare } from "./format";

export type BacktestNumbers = { matched: number; fraud: number; legitimate: number; unlabelled: number; from: string; to: string };

const n = (v: number) => v.toLocaleString("en-US");

/**
 * What a rule matched among past payments, split by what is known about them. The share of known frauds among the
 * labelled matches is the rule's precision on history: a block rule with many legitimate matches blocks customers.
 */
export function BacktestSummary({ backtest: b, testId, compact = false }: { backtest: BacktestNumbers; testId?: string; compact?: boolean }) {
  const labelled = b.fraud + b.legitimate;
  const precision = labelled === 0 ? null : b.fraud / labelled;
  if (compact) {
    return (
      <span className="text-xs" data-testid={testId}>
        {n(b.matched)} matched: {n(b.fraud)} fraud · {n(b.legitimate)} legitimate · {n(b.unlabelled)} unlabelled
        <span className="block text-gray-500 dark:text-gray-400">
          {b.from} – {b.to}
          {precision !== null && ` · ${formatShare(precision)} fraud among labelled`}
        </span>
      </span>
    );
  }
  return (
    <div className="rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700" role="status" data-testid={testId}>
      <p className="mb-2 font-medium">
        Backtest on past payments, {b.from} – {b.to}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {[
          ["Matched", b.matched],
          ["Known frauds", b.fraud],
          ["Legitimate", b.legitimate],
          ["Unlabelled", b.unlabelled],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-gray-600 dark:text-gray-400">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n(value as number)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
        {b.matched === 0
          ? "The rule would have matched no past payment."
          : precision === null
            ? "None of the matched payments has a known outcome."
            : `${formatShare(precision)} of the matched payments with a known outcome were fraud.`}
      </p>
    </div>
  );
}
