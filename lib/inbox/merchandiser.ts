import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { priceRecommendations, products, users, type PriceRecommendationRow } from "@/lib/schema";
import { msg, type Message } from "@/lib/i18n/message";
import { latestPriceRun } from "@/lib/pricing/queries";
import { placementSummaries, recommenderVersions } from "@/lib/recommendations/overview";
import { negativeSurges } from "@/lib/reviews/surges";
import { championOf } from "@/lib/models/versions";
import type { InboxItem } from "./types";

type PriceRow = {
  productId: number;
  sku: string;
  name: string;
  status: PriceRecommendationRow["status"];
  currentPriceCents: number;
  recommendedPriceCents: number;
  firstApprovedBy: number | null;
  firstApprover: string | null;
  boundBy: string | null;
};

function priceWhy(r: PriceRow, priceChange: number): Message {
  if (r.status === "awaiting_second") return msg("inbox.why.priceSecond", { approver: r.firstApprover ?? "none", priceChange });
  if (r.boundBy === "conflict") return msg("inbox.why.priceConflict");
  if (r.recommendedPriceCents === r.currentPriceCents) return msg("inbox.why.priceKeep");
  return msg("inbox.why.priceChange", { priceChange });
}

/**
 * Recommendations of the latest price run still to decide. One waiting for a second approval is left out for the
 * merchandiser who gave the first: the four-eyes rule lets only someone else give the second.
 */
async function priceItems(db: Db, userId: number): Promise<InboxItem[]> {
  const run = await latestPriceRun(db);
  if (!run) return [];
  const rows: PriceRow[] = await db
    .select({
      productId: priceRecommendations.productId,
      sku: products.sku,
      name: products.name,
      status: priceRecommendations.status,
      currentPriceCents: priceRecommendations.currentPriceCents,
      recommendedPriceCents: priceRecommendations.recommendedPriceCents,
      firstApprovedBy: priceRecommendations.firstApprovedBy,
      firstApprover: users.email,
      boundBy: priceRecommendations.boundBy,
    })
    .from(priceRecommendations)
    .innerJoin(products, eq(products.id, priceRecommendations.productId))
    .leftJoin(users, eq(users.id, priceRecommendations.firstApprovedBy))
    .where(and(eq(priceRecommendations.runId, run.id), inArray(priceRecommendations.status, ["pending", "awaiting_second"])))
    .orderBy(asc(products.sku))
    .all();
  return rows
    .filter((r) => r.status === "pending" || r.firstApprovedBy !== userId)
    .map((r) => {
      const change = r.currentPriceCents > 0 ? (r.recommendedPriceCents - r.currentPriceCents) / r.currentPriceCents : 0;
      const second = r.status === "awaiting_second";
      return {
        kind: second ? "price_second_approval" : "price_recommendation",
        key: String(r.productId),
        title: msg("inbox.titles.price", { sku: r.sku, name: r.name, currentCents: r.currentPriceCents, recommendedCents: r.recommendedPriceCents }),
        why: priceWhy(r, change),
        href: `/pricing/${r.productId}`,
        severity: Math.abs(change),
      } satisfies InboxItem;
    });
}

type SummaryRow = { productId: number; sku: string; name: string; approvedReviews: number | null; approvedModel: number | null; scored: number; latestModel: number | null };
/** The approved summary's sentiment as read raw: JSON text on SQLite, already parsed on PostgreSQL (json). */
type SummaryQueryRow = Omit<SummaryRow, "approvedReviews"> & { sentiment: string | { reviews?: unknown } | null };

function reviewsOf(sentiment: SummaryQueryRow["sentiment"]): number | null {
  const parsed = typeof sentiment === "string" ? (JSON.parse(sentiment) as { reviews?: unknown }) : sentiment;
  return typeof parsed?.reviews === "number" ? parsed.reviews : null;
}

/**
 * Storefront review summaries to (re)approve: approved ones the reviews have moved past (new reviews or a new
 * model: the storefront shows an outdated text), and products in a negative surge with no current approved summary.
 * Products that never had one and show no surge are not listed: the Reviews page lists those.
 */
async function summaryItems(db: Db): Promise<InboxItem[]> {
  // Raw SQL: the latest summary per product (a correlated subquery) and the scores grouped per product in a derived
  // table are beyond the builder. The summary's review count is read from its sentiment JSON here, not by the database
  // (json_extract is SQLite's).
  const found = await db.all<SummaryQueryRow>(sql`SELECT p.id AS "productId", p.sku AS "sku", p.name AS "name", x.sentiment AS "sentiment",
              x.model_version_id AS "approvedModel", COALESCE(s.scored, 0) AS "scored", s.latest_model AS "latestModel"
         FROM products p
         LEFT JOIN review_summaries x ON x.product_id = p.id AND x.version = (SELECT max(version) FROM review_summaries y WHERE y.product_id = p.id)
         LEFT JOIN (SELECT product_id, count(*) AS scored, max(model_version_id) AS latest_model FROM review_scores GROUP BY product_id) s ON s.product_id = p.id
        WHERE x.id IS NOT NULL OR s.scored > 0`);
  const rows: SummaryRow[] = found.map(({ sentiment, ...r }) => ({ ...r, approvedReviews: sentiment === null ? null : reviewsOf(sentiment) }));
  const byProduct = new Map(rows.map((r) => [r.productId, r]));
  const status = (r: SummaryRow | undefined) =>
    !r || r.approvedReviews === null ? "none" : r.approvedReviews === r.scored && r.approvedModel === r.latestModel ? "approved" : "outdated";
  const items = new Map<number, InboxItem>();
  for (const surge of await negativeSurges(db)) {
    if (status(byProduct.get(surge.productId)) === "approved") continue;
    items.set(surge.productId, {
      kind: "review_summary",
      key: String(surge.productId),
      title: msg("inbox.titles.product", { sku: surge.sku, name: surge.name }),
      why: msg("inbox.why.summarySurge", { recentShare: surge.recentShare }),
      href: `/reviews/${surge.productId}`,
      severity: 2 + surge.z / 100,
    });
  }
  for (const r of rows) {
    if (items.has(r.productId) || status(r) !== "outdated") continue;
    const newReviews = r.scored - (r.approvedReviews ?? 0);
    items.set(r.productId, {
      kind: "review_summary",
      key: String(r.productId),
      title: msg("inbox.titles.product", { sku: r.sku, name: r.name }),
      why: newReviews > 0 ? msg("inbox.why.summaryNewReviews", { count: newReviews }) : msg("inbox.why.summaryRescored"),
      href: `/reviews/${r.productId}`,
      severity: 1 + Math.min(Math.abs(newReviews), 99) / 100,
    });
  }
  return [...items.values()];
}

/** Placements whose draft is not what the storefront serves (or that serve nothing yet), once a model can serve them. */
async function placementItems(db: Db): Promise<InboxItem[]> {
  if (!(await championOf(db, "recommend"))) return [];
  return (await placementSummaries(db, await recommenderVersions(db)))
    .filter((p) => p.draftDiffers)
    .map((p) => ({
      kind: "placement",
      key: p.code,
      title: msg("inbox.titles.placement", { label: p.label }),
      why: p.live ? msg("inbox.why.placementDiffers", { revision: String(p.draft.revision), version: String(p.live.version) }) : msg("inbox.why.placementNone"),
      href: `/recommendations/placements/${p.code}`,
      severity: p.live ? 1 : 2,
    }));
}

/** A merchandiser's work: prices to decide, summaries to approve, placements to approve. */
export async function merchandiserItems(db: Db, userId: number): Promise<InboxItem[]> {
  return [...(await priceItems(db, userId)), ...(await summaryItems(db)), ...(await placementItems(db))];
}
