import { and, count, eq, gt, gte, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { products, reviewAspectCounts, reviews, reviewScores, reviewSummaries } from "@/lib/schema";
import { listParams, type SortDir } from "@/lib/search-params";
import { summaryStatuses } from "./approved";
import { allAspects, MIN_ASPECT_OPINIONS } from "./aspects";
import { trendFromCounts } from "./product";
import { positiveShare } from "./stats";
import { negativeSurges } from "./surges";
import type { NegativeSurge, ReviewListPage, ReviewListRow, SummaryStatus } from "./types";
import { reviewWindows, SPARKLINE_WEEKS, weekIndex, type ReviewWindows } from "./windows";
import { countWhere } from "@/lib/sql";

export const REVIEW_PAGE_SIZE = 25;
export const reviewSorts = ["change", "reviews", "stars", "sentiment", "name"] as const;
/** Where a column starts when first clicked: the biggest fall of sentiment first, the most reviewed, the best rated. */
export const defaultReviewDir: Record<(typeof reviewSorts)[number], SortDir> = { change: "asc", reviews: "desc", stars: "desc", sentiment: "desc", name: "asc" };

export const reviewListSchema = z.object({
  category: z.string().trim().max(100).optional().catch(undefined),
  aspect: z.string().trim().max(60).optional().catch(undefined),
  surge: z.enum(["1"]).optional().catch(undefined),
  status: z.enum(summaryStatuses).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  ...listParams(reviewSorts, "change"),
});
export type ReviewListFilter = z.infer<typeof reviewListSchema>;

type Aggregate = {
  productId: number; sku: string; name: string; category: string; reviews: number; stars: number;
  scored: number; positive: number; recentN: number; recentPos: number; previousN: number; previousPos: number;
  approvedReviews: number | null; approvedModel: number | null; latestModel: number | null;
};

/**
 * Each reviewed product's numbers, from narrow queries that read indexes (reviews by product with date and rating;
 * scores by product and side; the 120 days of the trend) rather than one join over every review. Conditional counts
 * are sums of a case (the same on SQLite and PostgreSQL); the approved summary's review count is read from its JSON.
 */
async function aggregates(db: Db, windows: ReviewWindows): Promise<Aggregate[]> {
  const perProduct = db
    .select({ productId: reviews.productId, reviews: count().as("reviews"), stars: sql<number>`avg(${reviews.rating})`.mapWith(Number).as("stars") })
    .from(reviews)
    .groupBy(reviews.productId)
    .as("r");
  const totals = await db
    .select({ productId: products.id, sku: products.sku, name: products.name, category: products.category, reviews: perProduct.reviews, stars: perProduct.stars })
    .from(perProduct)
    .innerJoin(products, eq(products.id, perProduct.productId))
    .orderBy(products.id)
    .all();
  const isPositive = eq(reviewScores.positive, true);
  const scoredRows = await db
    .select({ productId: reviewScores.productId, scored: count(), positive: countWhere(isPositive), latestModel: max(reviewScores.modelVersionId) })
    .from(reviewScores)
    .groupBy(reviewScores.productId)
    .all();
  const scored = new Map(scoredRows.map((r) => [r.productId, r]));
  const recent = sql`${reviews.createdAt} > ${windows.recentFrom}`;
  const previous = sql`${reviews.createdAt} <= ${windows.recentFrom}`;
  const windowedRows = await db
    .select({
      productId: reviews.productId,
      recentN: countWhere(recent),
      recentPos: countWhere(sql`${recent} and ${isPositive}`),
      previousN: countWhere(previous),
      previousPos: countWhere(sql`${previous} and ${isPositive}`),
    })
    .from(reviews)
    .innerJoin(reviewScores, eq(reviewScores.reviewId, reviews.id))
    .where(sql`${reviews.createdAt} > ${windows.previousFrom}`)
    .groupBy(reviews.productId)
    .all();
  const windowed = new Map(windowedRows.map((r) => [r.productId, r]));
  const latestVersion = db
    .select({ productId: reviewSummaries.productId, version: max(reviewSummaries.version).as("latest_version") })
    .from(reviewSummaries)
    .groupBy(reviewSummaries.productId)
    .as("latest");
  const approvedRows = await db
    .select({ productId: reviewSummaries.productId, sentiment: reviewSummaries.sentiment, model: reviewSummaries.modelVersionId })
    .from(reviewSummaries)
    .innerJoin(latestVersion, and(eq(latestVersion.productId, reviewSummaries.productId), eq(latestVersion.version, reviewSummaries.version)))
    .all();
  const approved = new Map(approvedRows.map((r) => [r.productId, { reviews: r.sentiment.reviews, model: r.model }]));
  return totals.map((t) => {
    const s = scored.get(t.productId);
    const w = windowed.get(t.productId);
    const a = approved.get(t.productId);
    return {
      ...t,
      scored: s?.scored ?? 0,
      positive: s?.positive ?? 0,
      latestModel: s?.latestModel ?? null,
      recentN: w?.recentN ?? 0,
      recentPos: w?.recentPos ?? 0,
      previousN: w?.previousN ?? 0,
      previousPos: w?.previousPos ?? 0,
      approvedReviews: a?.reviews ?? null,
      approvedModel: a?.model ?? null,
    };
  });
}

/** Every reviewed product with its numbers, filtered and sorted (no paging): the page and the CSV export read it. */
export async function reviewListRows(db: Db, filter: ReviewListFilter, knownSurges?: readonly NegativeSurge[]): Promise<ReviewListRow[]> {
  const windows = await reviewWindows(db);
  if (!windows) return [];
  const surges = knownSurges ?? (await negativeSurges(db));
  const sparklines = await weeklyShares(db, windows);
  const surging = new Set(surges.map((s) => s.productId));
  const withAspect = filter.aspect ? await productsWithAspect(db, filter.aspect) : null;
  const q = filter.q?.toLowerCase();
  const rows = (await aggregates(db, windows))
    .filter((a) => !filter.category || a.category === filter.category)
    .filter((a) => !q || a.name.toLowerCase().includes(q) || a.sku.toLowerCase().includes(q))
    .filter((a) => !withAspect || withAspect.has(a.productId))
    .filter((a) => !filter.surge || surging.has(a.productId))
    .map((a): ReviewListRow => ({
      productId: a.productId,
      sku: a.sku,
      name: a.name,
      category: a.category,
      reviews: a.reviews,
      stars: a.stars,
      sentiment: positiveShare(a.positive, a.scored),
      trend: trendFromCounts(positiveShare(a.recentPos, a.recentN), positiveShare(a.previousPos, a.previousN)),
      sparkline: sparklines.get(a.productId) ?? Array<null>(SPARKLINE_WEEKS).fill(null),
      surge: surging.has(a.productId),
      summaryStatus: statusOf(a),
    }))
    .filter((r) => !filter.status || r.summaryStatus === filter.status);
  return sortRows(rows, filter);
}

function statusOf(a: Aggregate): SummaryStatus {
  if (a.approvedReviews === null) return "none";
  return a.approvedReviews === a.scored && a.approvedModel === a.latestModel ? "approved" : "outdated";
}

/**
 * Default order: the biggest fall in sentiment first (change ascending), products without a comparable change
 * last; then by reviews. Each other sort has its natural direction by default (most reviews, best stars first).
 */
function sortRows(rows: ReviewListRow[], filter: ReviewListFilter): ReviewListRow[] {
  const sign = (filter.dir ?? defaultReviewDir[filter.sort]) === "asc" ? 1 : -1;
  const key: Record<(typeof reviewSorts)[number], (r: ReviewListRow) => number | string | null> = {
    change: (r) => r.trend.change,
    reviews: (r) => r.reviews,
    stars: (r) => r.stars,
    sentiment: (r) => (r.sentiment.reviews > 0 ? r.sentiment.positiveShare : null),
    name: (r) => r.name.toLowerCase(),
  };
  const of = key[filter.sort];
  return [...rows].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    if (x === null || y === null) return x === y ? b.reviews - a.reviews : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign || b.reviews - a.reviews || a.productId - b.productId;
  });
}

export async function reviewListPage(db: Db, filter: ReviewListFilter): Promise<ReviewListPage> {
  const windows = await reviewWindows(db);
  const surges = await negativeSurges(db);
  const rows = await reviewListRows(db, filter, surges);
  const pageCount = Math.max(1, Math.ceil(rows.length / REVIEW_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const aspects = [...(await allAspects(db))].map(([aspect, a]) => ({ aspect, label: a.label })).sort((a, b) => a.label.localeCompare(b.label));
  const categories = (await db.selectDistinct({ category: products.category }).from(products).orderBy(products.category).all()).map((r) => r.category);
  const scored = (await db.select({ n: count() }).from(reviewScores).get())!.n > 0;
  return {
    rows: rows.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE),
    total: rows.length,
    page,
    pageSize: REVIEW_PAGE_SIZE,
    categories,
    aspects,
    asOf: windows ? new Date(windows.asOf) : null,
    scored,
    surgeCount: surges.length,
  };
}

/** Positive share per product and week over the sparkline's weeks (null where a week had no scored review). */
async function weeklyShares(db: Db, windows: ReviewWindows): Promise<Map<number, (number | null)[]>> {
  const rows = await db
    .select({ productId: reviewScores.productId, at: reviews.createdAt, positive: reviewScores.positive })
    .from(reviewScores)
    .innerJoin(reviews, eq(reviews.id, reviewScores.reviewId))
    .where(gt(reviews.createdAt, new Date(windows.weeksFrom)))
    .all();
  const counts = new Map<number, { n: number[]; pos: number[] }>();
  for (const r of rows) {
    const week = weekIndex(windows, r.at.getTime());
    if (week < 0 || week >= SPARKLINE_WEEKS) continue;
    const c = counts.get(r.productId) ?? { n: Array<number>(SPARKLINE_WEEKS).fill(0), pos: Array<number>(SPARKLINE_WEEKS).fill(0) };
    c.n[week]!++;
    c.pos[week]! += Number(r.positive);
    counts.set(r.productId, c);
  }
  return new Map([...counts].map(([id, c]) => [id, c.n.map((n, i) => (n > 0 ? c.pos[i]! / n : null))]));
}

/** Products with at least MIN_ASPECT_OPINIONS opinions on an aspect. */
async function productsWithAspect(db: Db, aspect: string): Promise<Set<number>> {
  const rows = await db
    .select({ productId: reviewAspectCounts.productId })
    .from(reviewAspectCounts)
    .where(and(eq(reviewAspectCounts.aspect, aspect), gte(sql`${reviewAspectCounts.positive} + ${reviewAspectCounts.negative}`, MIN_ASPECT_OPINIONS)))
    .all();
  return new Set(rows.map((r) => r.productId));
}
