import "server-only";
import type { Db } from "@/db/client";
import { formatMoney } from "@/lib/format";
import { latestPriceRun } from "@/lib/pricing/queries";
import { placementSummaries, recommenderVersions } from "@/lib/recommendations/overview";
import { negativeSurges } from "@/lib/reviews/surges";
import { championOf } from "@/models/registry/versions";
import type { InboxItem } from "./types";

type PriceRow = {
  productId: number;
  sku: string;
  name: string;
  status: "pending" | "awaiting_second";
  currentPriceCents: number;
  recommendedPriceCents: number;
  firstApprovedBy: number | null;
  firstApprover: string | null;
  boundBy: string | null;
};

function priceWhy(r: PriceRow, pct: string): string {
  if (r.status === "awaiting_second") return `${r.firstApprover ?? "A merchandiser"} approved this ${pct} change; a change this large needs a second merchandiser before it becomes the price.`;
  if (r.boundBy === "conflict") return "No price meets every guardrail, so the current price is kept; adjust a guardrail or the price, or reject it.";
  if (r.recommendedPriceCents === r.currentPriceCents) return "The model recommends keeping the price; approve or reject it to close the recommendation.";
  return `The model recommends a ${pct} change; the price stays as it is until someone approves, adjusts or rejects it.`;
}

/**
 * Recommendations of the latest price run still to decide. One waiting for a second approval is left out for the
 * merchandiser who gave the first: the four-eyes rule lets only someone else give the second.
 */
function priceItems(db: Db, userId: number): InboxItem[] {
  const run = latestPriceRun(db);
  if (!run) return [];
  const rows = db.$client
    .prepare<[number], PriceRow>(
      `SELECT r.product_id AS productId, p.sku, p.name, r.status, r.current_price_cents AS currentPriceCents,
              r.recommended_price_cents AS recommendedPriceCents, r.first_approved_by AS firstApprovedBy, u.email AS firstApprover,
              r.bound_by AS boundBy
         FROM price_recommendations r
         JOIN products p ON p.id = r.product_id
         LEFT JOIN users u ON u.id = r.first_approved_by
        WHERE r.run_id = ? AND r.status IN ('pending', 'awaiting_second')
        ORDER BY p.sku`,
    )
    .all(run.id);
  return rows
    .filter((r) => r.status === "pending" || r.firstApprovedBy !== userId)
    .map((r) => {
      const change = r.currentPriceCents > 0 ? (r.recommendedPriceCents - r.currentPriceCents) / r.currentPriceCents : 0;
      const pct = `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} %`;
      const second = r.status === "awaiting_second";
      return {
        kind: second ? "price_second_approval" : "price_recommendation",
        key: String(r.productId),
        title: `${r.sku} · ${r.name}: ${formatMoney(r.currentPriceCents, { cents: true })} → ${formatMoney(r.recommendedPriceCents, { cents: true })}`,
        why: priceWhy(r, pct),
        href: `/pricing/${r.productId}`,
        severity: Math.abs(change),
      } satisfies InboxItem;
    });
}

type SummaryRow = { productId: number; sku: string; name: string; approvedReviews: number | null; approvedModel: number | null; scored: number; latestModel: number | null };

/**
 * Storefront review summaries to (re)approve: approved ones the reviews have moved past (new reviews or a new
 * model: the storefront shows an outdated text), and products in a negative surge with no current approved summary.
 * Products that never had one and show no surge are not listed: the Reviews page lists those.
 */
function summaryItems(db: Db): InboxItem[] {
  const rows = db.$client
    .prepare<[], SummaryRow>(
      `SELECT p.id AS productId, p.sku, p.name, json_extract(x.sentiment, '$.reviews') AS approvedReviews, x.model_version_id AS approvedModel,
              COALESCE(s.scored, 0) AS scored, s.latestModel
         FROM products p
         LEFT JOIN review_summaries x ON x.product_id = p.id AND x.version = (SELECT max(version) FROM review_summaries y WHERE y.product_id = p.id)
         LEFT JOIN (SELECT product_id, count(*) AS scored, max(model_version_id) AS latestModel FROM review_scores GROUP BY product_id) s ON s.product_id = p.id
        WHERE x.id IS NOT NULL OR s.scored > 0`,
    )
    .all();
  const byProduct = new Map(rows.map((r) => [r.productId, r]));
  const status = (r: SummaryRow | undefined) =>
    !r || r.approvedReviews === null ? "none" : r.approvedReviews === r.scored && r.approvedModel === r.latestModel ? "approved" : "outdated";
  const items = new Map<number, InboxItem>();
  for (const surge of negativeSurges(db)) {
    if (status(byProduct.get(surge.productId)) === "approved") continue;
    items.set(surge.productId, {
      kind: "review_summary",
      key: String(surge.productId),
      title: `${surge.sku} · ${surge.name}`,
      why: `Negative reviews surged to ${(surge.recentShare * 100).toFixed(0)} % in the last 14 days and the storefront summary does not say so yet.`,
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
      title: `${r.sku} · ${r.name}`,
      why:
        newReviews > 0
          ? `${newReviews} review${newReviews === 1 ? " has" : "s have"} come in since the storefront summary was approved.`
          : "The reviews were rescored by a newer model since the storefront summary was approved.",
      href: `/reviews/${r.productId}`,
      severity: 1 + Math.min(Math.abs(newReviews), 99) / 100,
    });
  }
  return [...items.values()];
}

/** Placements whose draft is not what the storefront serves (or that serve nothing yet), once a model can serve them. */
function placementItems(db: Db): InboxItem[] {
  if (!championOf(db, "recommend")) return [];
  return placementSummaries(db, recommenderVersions(db))
    .filter((p) => p.draftDiffers)
    .map((p) => ({
      kind: "placement",
      key: p.code,
      title: `${p.label} placement`,
      why: p.live
        ? `The draft (revision ${p.draft.revision}) differs from live version ${p.live.version}; the storefront keeps serving the old one until it is approved.`
        : "No scenario is approved yet, so the storefront gets no recommendations here until one is.",
      href: `/recommendations/placements/${p.code}`,
      severity: p.live ? 1 : 2,
    }));
}

/** A merchandiser's work: prices to decide, summaries to approve, placements to approve. */
export function merchandiserItems(db: Db, userId: number): InboxItem[] {
  return [...priceItems(db, userId), ...summaryItems(db), ...placementItems(db)];
}
