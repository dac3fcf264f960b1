import type { SentimentShare, SentimentTrend, SummaryStatus } from "@/lib/reviews/types";

/** Display helpers of the review pages: shares as whole percentages, changes in percentage points. */

const pct = (share: number) => Math.round(share * 100);

/** "82 % (76–87)": the positive share with its 95 % interval; "–" with no scored review. */
export function formatShare(s: SentimentShare | null | undefined): string {
  if (!s || s.reviews === 0) return "–";
  return `${pct(s.positiveShare)}\u00a0% (${pct(s.low)}–${pct(s.high)})`;
}

/** A share alone: "82 %"; "–" for none. */
export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? "–" : `${pct(share)}\u00a0%`;
}

/** A change of share in percentage points, signed: "+6 pts", "−12 pts", "–" when it cannot be told. */
export function formatPoints(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return "–";
  const points = Math.round(change * 100);
  return `${points > 0 ? "+" : points < 0 ? "\u2212" : "±"}${Math.abs(points)}\u00a0pts`;
}

/** "82 % in the last 30 days vs 88 % in the 90 before". */
export function formatTrend(t: SentimentTrend): string {
  return `${formatPercent(t.recent.reviews > 0 ? t.recent.positiveShare : null)} in the last 30 days (${t.recent.reviews}) vs ${formatPercent(
    t.previous.reviews > 0 ? t.previous.positiveShare : null,
  )} in the 90 before (${t.previous.reviews})`;
}

export function formatStars(stars: number | null | undefined): string {
  return stars === null || stars === undefined || !Number.isFinite(stars) || stars === 0 ? "–" : `${stars.toFixed(1)}\u00a0★`;
}

export const summaryStatusLabels: Record<SummaryStatus, string> = {
  none: "No summary",
  approved: "Approved",
  outdated: "Outdated",
};

/** Text colour of a change: a fall is red, a rise green. */
export function changeTone(change: number | null | undefined): string {
  if (change === null || change === undefined || Math.abs(change) < 0.005) return "";
  return change < 0 ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400";
}
