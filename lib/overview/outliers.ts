/**
 * Days (or weeks) whose sales are far above the rest, such as a load test that wrote a year of orders into one day.
 *
 * Rule: a period is an outlier when its total is more than k = 10 robust standard deviations above the median. The
 * robust standard deviation is 1.4826 x the median absolute deviation (MAD; Rousseeuw & Croux 1993: 1.4826 x MAD
 * estimates sigma for normal data, and neither the median nor the MAD moves when a few days explode), but at least
 * half the median: a store with a steady rhythm has a tiny MAD, and without that floor its Black Friday week (about
 * 5 x the median week in the demo store, 15 robust deviations) would be hidden like a load test. So a period must
 * also be at least 6 x the median to be flagged; a load test is hundreds of times it. Only spikes are flagged: a
 * quiet day is real trade, and hiding it would flatter the chart. With fewer than 7 periods nothing is flagged.
 */
export const OUTLIER_K = 10;
const MAD_TO_SIGMA = 1.4826;
const MIN_SPREAD_OF_MEDIAN = 0.5;
const MIN_PERIODS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type OutlierCheck = { outliers: Set<string>; median: number; threshold: number | null };

export function findOutlierPeriods(points: { period: string; total: number }[], k = OUTLIER_K): OutlierCheck {
  if (points.length < MIN_PERIODS) return { outliers: new Set(), median: points.length ? median(points.map((p) => p.total)) : 0, threshold: null };
  const totals = points.map((p) => p.total);
  const centre = median(totals);
  const spread = Math.max(MAD_TO_SIGMA * median(totals.map((t) => Math.abs(t - centre))), MIN_SPREAD_OF_MEDIAN * Math.abs(centre));
  if (spread === 0) return { outliers: new Set(), median: centre, threshold: null };
  const threshold = centre + k * spread;
  return { outliers: new Set(points.filter((p) => p.total > threshold).map((p) => p.period)), median: centre, threshold };
}

/** The total of one chart point (every channel's value summed). */
export function pointTotal(point: Record<string, number | string>): number {
  let total = 0;
  for (const [key, v] of Object.entries(point)) if (key !== "period" && typeof v === "number") total += v;
  return total;
}
