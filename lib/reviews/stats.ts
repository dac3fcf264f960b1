import type { SentimentShare } from "./types";

/** z for a two-sided 95 % interval. */
const Z95 = 1.959964;

/**
 * Share of positive reviews with its 95 % Wilson score interval: unlike the normal approximation it stays inside
 * 0..1 and is honest for the handful of reviews most products have.
 */
export function positiveShare(positive: number, reviews: number): SentimentShare {
  if (reviews === 0) return { reviews: 0, positiveShare: 0, low: 0, high: 1 };
  const p = positive / reviews;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * reviews)) / (1 + z2 / reviews);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / reviews + z2 / (4 * reviews * reviews))) / (1 + z2 / reviews);
  return { reviews, positiveShare: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** One-sided two-proportion z statistic (pooled) that share a = xa/na is above share b = xb/nb. */
export function proportionZ(xa: number, na: number, xb: number, nb: number): number {
  if (na === 0 || nb === 0) return 0;
  const pooled = (xa + xb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return se === 0 ? 0 : (xa / na - xb / nb) / se;
}
