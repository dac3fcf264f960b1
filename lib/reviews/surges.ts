import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { products, reviews, reviewScores } from "@/lib/schema";
import { proportionZ } from "./stats";
import type { NegativeSurge } from "./types";
import { reviewWindows } from "./windows";
import { countWhere } from "@/lib/sql";

/**
 * A negative surge: a product's share of negative reviews over the last 14 days is clearly above its own share over
 * the 180 days before. "Clearly": one-sided two-proportion z of at least 3.09 (p < 0.001; about 300 products are
 * tested at once, so a 5 % test would raise false alarms every day), at least 8 reviews and 4 negative ones in the
 * window (fewer cannot mean much), at least 20 in the baseline, and a rise of at least 15 points.
 */
export const surgeRule = { minRecent: 8, minRecentNegative: 4, minBaseline: 20, minRise: 0.15, minZ: 3.09 };

/** Conditional sums per product over the two windows (sum of a case, the same on SQLite and PostgreSQL). */
export async function negativeSurges(db: Db): Promise<NegativeSurge[]> {
  const windows = await reviewWindows(db);
  if (!windows) return [];
  const recent = sql`${reviews.createdAt} > ${windows.surgeFrom}`;
  const baseline = sql`${reviews.createdAt} <= ${windows.surgeFrom}`;
  const negative = eq(reviewScores.positive, false);
  const rows = await db
    .select({
      productId: products.id,
      sku: products.sku,
      name: products.name,
      category: products.category,
      n1: countWhere(recent),
      neg1: countWhere(sql`${recent} and ${negative}`),
      n0: countWhere(baseline),
      neg0: countWhere(sql`${baseline} and ${negative}`),
    })
    .from(reviews)
    .innerJoin(reviewScores, eq(reviewScores.reviewId, reviews.id))
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(and(sql`${reviews.createdAt} > ${windows.baselineFrom}`, sql`${reviews.createdAt} <= ${windows.asOf}`))
    .groupBy(products.id, products.sku, products.name, products.category)
    .all();
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
