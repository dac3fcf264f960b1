import "server-only";
import { and, asc, desc, eq, gte, max } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { competitorPrices, priceHistory as priceHistoryTable, priceRecommendations, priceRuns, products, recommendationStatuses, users, type PriceRecommendationRow, type PriceRun } from "@/lib/schema";
import { userEmail } from "@/lib/auth/users";
import { toCsv } from "@/lib/csv/write-csv";
import { addDays } from "@/lib/dates";
import { defaultLocale } from "@/lib/i18n/locales";
import { translator, type Translate } from "@/lib/i18n/translate";
import { listParams, type SortDir } from "@/lib/search-params";
import { GUARDRAIL_ORDER } from "@/models/pricing/guardrails";
import { CONFLICT, conflictSummary, guardrailNote } from "@/models/pricing/stored-guardrails";
import { todaysAllowedPrices } from "./allowed";
import { getPricingSettings, productLimits } from "./settings";
import type { Band } from "./what-if";

export async function latestPriceRun(db: Db): Promise<PriceRun | null> {
  return (await db.select().from(priceRuns).orderBy(desc(priceRuns.id)).limit(1).get()) ?? null;
}

export async function priceRunById(db: Db, id: number): Promise<PriceRun | null> {
  return (await db.select().from(priceRuns).where(eq(priceRuns.id, id)).get()) ?? null;
}

export async function recommendationOf(db: Db, runId: number, productId: number): Promise<PriceRecommendationRow | null> {
  return (await db.select().from(priceRecommendations).where(and(eq(priceRecommendations.runId, runId), eq(priceRecommendations.productId, productId))).get()) ?? null;
}

/** "Bound by" as the list filters it: a guardrail, a conflict of guardrails (the current price kept), or none. */
export const boundByFilters = [...GUARDRAIL_ORDER, CONFLICT, "none"] as const;
export const changeDirections = ["up", "down", "same"] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/** URL search params of the recommendations list; anything malformed falls back to "no filter". */
export const pricingFilterSchema = z.object({
  category: z.string().trim().max(100).optional().catch(undefined),
  boundBy: z.enum(boundByFilters).optional().catch(undefined),
  status: z.enum(recommendationStatuses).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  change: z.enum(changeDirections).optional().catch(undefined),
  ...listParams(["uplift", "change", "sku", "confidence"], "uplift"),
});
export type PricingFilter = z.infer<typeof pricingFilterSchema>;
export const PRICING_PAGE_SIZE = 25;
export const defaultDir: Record<PricingFilter["sort"], SortDir> = { uplift: "desc", change: "desc", sku: "asc", confidence: "desc" };

/** Recommended minus current at P50, with the recommended price's own P10-P90 (a band of the difference is not stored). */
export type ExpectedChange = { change: number; recommended: Band };

export type RecommendationListRow = {
  recommendationId: number;
  productId: number;
  sku: string;
  name: string;
  category: string;
  currentPriceCents: number;
  recommendedPriceCents: number;
  /** (recommended - current) / current x 100. */
  changePct: number;
  direction: (typeof changeDirections)[number];
  /** Weekly units; revenue and profit in cents. Profit is null without a cost. */
  expected: { units: ExpectedChange; revenue: ExpectedChange; profit: ExpectedChange | null };
  confidence: PriceRecommendationRow["confidence"];
  boundBy: string | null;
  /** Why the binding guardrail set the price, or which guardrails conflict and their bounds (stored-guardrails.ts). */
  guardrailNote: string | null;
  /** "max change vs competitor" when the guardrails conflicted; such a recommendation is not approved as it stands. */
  conflict: string | null;
  /** The stored guardrail outcome (lib/pricing/allowed.ts guardrailsText puts it in the reader's words). */
  adjustments: PriceRecommendationRow["adjustments"];
  status: RecommendationStatus;
  version: number;
  decidedPriceCents: number | null;
  decidedBy: string | null;
  firstApprovedBy: string | null;
};

type Expected = PriceRecommendationRow["expected"];

/** The stored quantiles are [P10, P50, P90]. */
function band(values: number[] | null | undefined): Band | null {
  if (!values || values.length < 3) return null;
  return { p10: values[0]!, p50: values[1]!, p90: values[2]! };
}

function expectedChange(current: number[] | null | undefined, recommended: number[] | null | undefined): ExpectedChange | null {
  const c = band(current);
  const r = band(recommended);
  return c && r ? { change: r.p50 - c.p50, recommended: r } : null;
}

const noChange: ExpectedChange = { change: 0, recommended: { p10: 0, p50: 0, p90: 0 } };

/** The users who decided and who first approved a recommendation (joined twice, so each under its own name). */
const decider = alias(users, "du");
const firstApprover = alias(users, "fu");

/** Every recommendation of a run with its product and the expected change, unfiltered. */
export async function recommendationRows(db: Db, run: PriceRun): Promise<RecommendationListRow[]> {
  const r = priceRecommendations;
  const rows = await db
    .select({
      recommendationId: r.id,
      productId: products.id,
      sku: products.sku,
      name: products.name,
      category: products.category,
      currentPriceCents: r.currentPriceCents,
      recommendedPriceCents: r.recommendedPriceCents,
      expected: r.expected,
      confidence: r.confidence,
      boundBy: r.boundBy,
      adjustments: r.adjustments,
      status: r.status,
      version: r.version,
      decidedPriceCents: r.decidedPriceCents,
      decidedBy: decider.email,
      firstApprovedBy: firstApprover.email,
    })
    .from(r)
    .innerJoin(products, eq(products.id, r.productId))
    .leftJoin(decider, eq(decider.id, r.decidedBy))
    .leftJoin(firstApprover, eq(firstApprover.id, r.firstApprovedBy))
    .where(eq(r.runId, run.id))
    .all();
  return rows.map(({ expected, adjustments, ...r }) => {
    const e: Partial<Expected> = expected;
    const delta = r.recommendedPriceCents - r.currentPriceCents;
    return {
      ...r,
      adjustments,
      guardrailNote: guardrailNote(r.boundBy, adjustments),
      conflict: conflictSummary(r.boundBy, adjustments),
      changePct: r.currentPriceCents > 0 ? (delta / r.currentPriceCents) * 100 : 0,
      direction: delta > 0 ? "up" : delta < 0 ? "down" : "same",
      expected: {
        units: expectedChange(e.current?.units, e.recommended?.units) ?? noChange,
        revenue: expectedChange(e.current?.revenue, e.recommended?.revenue) ?? noChange,
        profit: expectedChange(e.current?.profit, e.recommended?.profit),
      },
    };
  });
}

const confidenceRank = { low: 1, medium: 2, high: 3 } as const;

function sortKey(row: RecommendationListRow, sort: PricingFilter["sort"]): number | string {
  switch (sort) {
    case "uplift":
      return row.expected.profit?.change ?? Number.NaN;
    case "change":
      return row.changePct;
    case "sku":
      return row.sku;
    case "confidence":
      return confidenceRank[row.confidence];
  }
}

export function filterRecommendations(rows: RecommendationListRow[], filter: PricingFilter): RecommendationListRow[] {
  const q = filter.q?.toLowerCase();
  const kept = rows.filter((r) => {
    if (filter.category && r.category !== filter.category) return false;
    if (filter.status && r.status !== filter.status) return false;
    if (filter.change && r.direction !== filter.change) return false;
    if (filter.boundBy === "none" && r.boundBy !== null) return false;
    if (filter.boundBy && filter.boundBy !== "none" && r.boundBy !== filter.boundBy) return false;
    if (q && !r.sku.toLowerCase().includes(q) && !r.name.toLowerCase().includes(q)) return false;
    return true;
  });
  const sign = (filter.dir ?? defaultDir[filter.sort]) === "asc" ? 1 : -1;
  return kept.sort((a, b) => {
    const ka = sortKey(a, filter.sort);
    const kb = sortKey(b, filter.sort);
    // No value (no cost, so no profit) goes last whichever the direction.
    const missing = Number(Number.isNaN(ka)) - Number(Number.isNaN(kb));
    if (missing !== 0) return missing;
    const c = typeof ka === "string" ? ka.localeCompare(kb as string) : ka === kb ? 0 : ka < (kb as number) ? -1 : 1;
    return c !== 0 ? sign * c : a.sku.localeCompare(b.sku);
  });
}

export async function recommendationsPage(db: Db, run: PriceRun, filter: PricingFilter) {
  const all = await recommendationRows(db, run);
  const rows = filterRecommendations(all, filter);
  const pages = Math.max(1, Math.ceil(rows.length / PRICING_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  return {
    rows: rows.slice((page - 1) * PRICING_PAGE_SIZE, page * PRICING_PAGE_SIZE),
    total: rows.length,
    page,
    pages,
    statusCounts: Object.fromEntries(recommendationStatuses.map((s) => [s, all.filter((r) => r.status === s).length])) as Record<RecommendationStatus, number>,
    boundByCounts: Object.fromEntries(boundByFilters.map((g) => [g, all.filter((r) => (g === "none" ? r.boundBy === null : r.boundBy === g)).length])) as Record<(typeof boundByFilters)[number], number>,
    categories: [...new Set(all.map((r) => r.category))].sort(),
  };
}

const csvHeader = [
  "sku",
  "name",
  "category",
  "current_price",
  "recommended_price",
  "change_pct",
  "units_change",
  "units_p10",
  "units_p50",
  "units_p90",
  "revenue_change",
  "revenue_p10",
  "revenue_p50",
  "revenue_p90",
  "profit_change",
  "profit_p10",
  "profit_p50",
  "profit_p90",
  "confidence",
  "bound_by",
  "guardrail_note",
  "status",
  "decided_price",
  "decided_by",
];

// Numbers, not strings: toCsv would quote a negative string as a formula.
const money = (cents: number | null | undefined) => (cents == null ? null : Math.round(cents) / 100);
const units = (n: number) => Math.round(n * 10) / 10;

/** Every recommendation the filter keeps (all pages), as CSV: prices and money in dollars, units per week. */
export async function recommendationsCsv(db: Db, run: PriceRun, filter: PricingFilter, t: Translate = translator(defaultLocale)): Promise<string> {
  const rows = filterRecommendations(await recommendationRows(db, run), filter);
  return toCsv(
    csvHeader.map((column) => t(`pricing.csv.${column}`)),
    rows.map((r) => [
      r.sku,
      r.name,
      r.category,
      money(r.currentPriceCents),
      money(r.recommendedPriceCents),
      Math.round(r.changePct * 10) / 10,
      units(r.expected.units.change),
      units(r.expected.units.recommended.p10),
      units(r.expected.units.recommended.p50),
      units(r.expected.units.recommended.p90),
      money(r.expected.revenue.change),
      money(r.expected.revenue.recommended.p10),
      money(r.expected.revenue.recommended.p50),
      money(r.expected.revenue.recommended.p90),
      money(r.expected.profit?.change),
      money(r.expected.profit?.recommended.p10),
      money(r.expected.profit?.recommended.p50),
      money(r.expected.profit?.recommended.p90),
      r.confidence,
      r.boundBy,
      r.guardrailNote,
      r.status,
      money(r.decidedPriceCents),
      r.decidedBy,
    ]),
  );
}

/** Weeks of competitor prices the product page shows, back from the product's latest observation. */
export const COMPETITOR_HISTORY_WEEKS = 26;

export type PriceHistoryEntry = {
  id: number;
  priceCents: number;
  effectiveFrom: string;
  source: "seed" | "import" | "approved";
  decisionId: number | null;
  /** For approved prices: who approved (the second approver when two were needed), who approved first, and why adjusted. */
  approvedBy: string | null;
  firstApprovedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
};

/** The product's prices, newest first; an approved one with who approved it (and who first) and why. */
async function productPriceHistory(db: Db, productId: number): Promise<PriceHistoryEntry[]> {
  const ph = priceHistoryTable;
  const r = priceRecommendations;
  const rows = await db
    .select({
      id: ph.id,
      priceCents: ph.priceCents,
      effectiveFrom: ph.effectiveFrom,
      source: ph.source,
      decisionId: ph.decisionId,
      approvedBy: decider.email,
      firstApprovedBy: firstApprover.email,
      decidedAt: r.decidedAt,
      reason: r.reason,
    })
    .from(ph)
    .leftJoin(r, and(eq(ph.source, "approved"), eq(r.id, ph.decisionId)))
    .leftJoin(decider, eq(decider.id, r.decidedBy))
    .leftJoin(firstApprover, eq(firstApprover.id, r.firstApprovedBy))
    .where(eq(ph.productId, productId))
    .orderBy(desc(ph.effectiveFrom), desc(ph.id))
    .all();
  return rows.map(({ decidedAt, ...entry }) => ({ ...entry, decidedAt: decidedAt?.getTime() ?? null }));
}

/** The product's competitor prices over the COMPETITOR_HISTORY_WEEKS before its latest observation, oldest first. */
async function productCompetitorHistory(db: Db, productId: number): Promise<{ competitor: string; date: string; priceCents: number }[]> {
  const c = competitorPrices;
  // The window's first day from the latest observation, in JS: the dialects share no date arithmetic.
  const latest = (await db.select({ last: max(c.date) }).from(c).where(eq(c.productId, productId)).get())?.last;
  if (!latest) return [];
  return db
    .select({ competitor: c.competitor, date: c.date, priceCents: c.priceCents })
    .from(c)
    .where(and(eq(c.productId, productId), gte(c.date, addDays(latest, -7 * COMPETITOR_HISTORY_WEEKS))))
    .orderBy(asc(c.date), asc(c.competitor))
    .all();
}

/**
 * Everything the product's pricing page shows: the recommendation of the run, price and competitor history, limits,
 * settings, and the prices a merchandiser may choose today (the range the adjust check enforces).
 */
export async function productPricing(db: Db, run: PriceRun | null, productId: number) {
  const product = await db.select({ id: products.id, sku: products.sku, name: products.name, category: products.category, priceCents: products.priceCents, costCents: products.costCents }).from(products).where(eq(products.id, productId)).get();
  if (!product) return null;
  const recommendation = run ? await recommendationOf(db, run.id, productId) : null;
  const priceHistory = await productPriceHistory(db, productId);
  const competitorHistory = await productCompetitorHistory(db, productId);
  const limits = await productLimits(db, productId);
  const settings = await getPricingSettings(db);
  return {
    product,
    run,
    recommendation,
    decidedBy: await userEmail(db, recommendation?.decidedBy),
    firstApprovedBy: await userEmail(db, recommendation?.firstApprovedBy),
    priceHistory,
    competitorHistory,
    limits,
    settings,
    guardrails: { note: recommendation && guardrailNote(recommendation.boundBy, recommendation.adjustments), conflict: recommendation && conflictSummary(recommendation.boundBy, recommendation.adjustments) },
    allowedToday: recommendation ? todaysAllowedPrices(recommendation, product.costCents, settings, limits) : null,
  };
}
