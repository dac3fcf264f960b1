import type { Db } from "@/lib/db";
import { proportionZ } from "./stats";
import type { NegativeSurge } from "./types";
import { reviewWindows } from "./windows";

/**
 * A negative surge: a product's share of negative reviews over the last 14 days is clearly above its own share over
 * the 180 days before. "Clearly": one-sided two-proportion z of at least 3.09 (p < 0.001; about 300 products are
 * tested at once, so a 5 % test would raise false alarms every day), at least 8 reviews and 4 negative ones in the
 * window (fewer cannot mean much), at least 20 in the baseline, and a rise of at least 15 points.
 */
export const surgeRule = { minRecent: 8, minRecentNegative: 4, minBaseline: 20, minRise: 0.15, minZ: 3.09 };

/** Raw SQL: conditional sums per product over two windows, which the builder would only wrap in sql`` fragments. */
export function negativeSurges(db: Db): NegativeSurge[] {
  const windows = reviewWindows(db);
  if (!windows) return [];
  const rows = db.$client
    .prepare<[number, number, number, number, number, number], { productId: number; sku: string; name: string; category: string; n1: number; neg1: number; n0: number; neg0: number }>(
      `SELECT p.id AS productId, p.sku, p.name, p.category,
         sum(r.created_at > ?) AS n1, sum(r.created_at > ? AND s.positive = 0) AS neg1,
         sum(r.created_at <= ?) AS n0, sum(r.created_at <= ? AND s.positive = 0) AS neg0
        FROM reviews r JOIN review_scores s ON s.review_id = r.id JOIN products p ON p.id = r.product_id
       WHERE r.created_at > ? AND r.created_at <= ?
       GROUP BY p.id`,
    )
    .all(windows.surgeFrom, windows.surgeFrom, windows.surgeFrom, windows.surgeFrom, windows.baselineFrom, windows.asOf);
  return rows
    .filter((r) => r.n1 >= surgeRule.minRecent && r.neg1 >= surgeRule.minRecentNegative && r.n0 >= surgeRule.minBaseline)
    .map((r) => ({
      productId: r.productId,
      sku: r.sku,
      name: r.name,
      category: r.category,
      recentReviews: r.n1,
      recentNegative: r.neg1,
      recentShare: r.neg1 / r.n1,
      baselineShare: r.neg0 / r.n0,
      z: proportionZ(r.neg1, r.n1, r.neg0, r.n0),
    }))
    .filter((s) => s.recentShare - s.baselineShare >= surgeRule.minRise && s.z >= surgeRule.minZ)
    .sort((a, b) => b.z - a.z);
}
