import { formatShare } from "./format";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * Payments of the held-out evaluation by truth and by what the threshold does with them: fraud flagged (caught),
 * fraud passed (missed), legitimate flagged (reviews for nothing), legitimate passed.
 */
export function ConfusionMatrix({ c, testId }: { c: { threshold: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; flaggedShare: number }; testId?: string }) {
  const cell = "border border-gray-200 px-3 py-2 text-right tabular-nums dark:border-gray-700";
  return (
    <div data-testid={testId}>
      <table className="text-sm">
        <caption className="mb-1 text-left text-xs text-gray-600 dark:text-gray-400">At threshold {c.threshold.toFixed(3)} (flagged = score at or above it)</caption>
        <thead>
          <tr className="text-xs text-gray-600 dark:text-gray-400">
            <th />
            <th className="px-3 py-1 font-medium">Flagged</th>
            <th className="px-3 py-1 font-medium">Passed</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th className="pr-3 text-left text-xs font-medium text-gray-600 dark:text-gray-400">Fraud</th>
            <td className={`${cell} bg-green-50 dark:bg-green-950/40`}>
              {n(c.tp)} <span className="block text-xs text-gray-600 dark:text-gray-400">caught</span>
            </td>
            <td className={`${cell} bg-red-50 dark:bg-red-950/40`}>
              {n(c.fn)} <span className="block text-xs text-gray-600 dark:text-gray-400">missed</span>
            </td>
          </tr>
          <tr>
            <th className="pr-3 text-left text-xs font-medium text-gray-600 dark:text-gray-400">Legitimate</th>
            <td className={`${cell} bg-amber-50 dark:bg-amber-950/40`}>
              {n(c.fp)} <span className="block text-xs text-gray-600 dark:text-gray-400">false alarms</span>
            </td>
            <td className={cell}>
              {n(c.tn)} <span className="block text-xs text-gray-600 dark:text-gray-400">passed</span>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
        Precision {formatShare(c.precision)} · recall {formatShare(c.recall)} · flags {formatShare(c.flaggedShare, 2)} of payments
      </p>
    </div>
  );
}
