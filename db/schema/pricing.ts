import { sqliteTable, integer, text, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { products } from "./catalog";
import { modelVersions } from "./platform";

export const priceHistory = sqliteTable(
  "price_history",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id").notNull().references(() => products.id),
    priceCents: integer("price_cents").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    source: text("source", { enum: ["seed", "import", "approved"] }).notNull(),
    decisionId: integer("decision_id"),
  },
  (t) => [index("price_history_product_idx").on(t.productId, t.effectiveFrom)],
);

export const competitorPrices = sqliteTable(
  "competitor_prices",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id").notNull().references(() => products.id),
    competitor: text("competitor").notNull(),
    date: text("date").notNull(),
    priceCents: integer("price_cents").notNull(),
  },
  (t) => [index("competitor_prices_product_idx").on(t.productId, t.date)],
);

export const priceEndings = ["0.99", "0.95", "whole", "any"] as const;
export const competitorRules = ["none", "maxAboveCheapest", "matchAverage"] as const;
export const pricingObjectives = ["profit", "revenue"] as const;

/**
 * The store-wide guardrails merchandisers set (one row, id 1). `version` guards concurrent edits. A change beyond
 * `secondApprovalPct` needs a second merchandiser's approval before it becomes the price.
 */
export const pricingSettings = sqliteTable("pricing_settings", {
  id: integer("id").primaryKey(),
  objective: text("objective", { enum: pricingObjectives }).notNull().default("profit"),
  maxChangePct: real("max_change_pct"),
  competitorRule: text("competitor_rule", { enum: competitorRules }).notNull().default("maxAboveCheapest"),
  /** maxAboveCheapest: at most this % above the cheapest competitor; matchAverage: within this % of their average. */
  competitorPct: real("competitor_pct"),
  priceEnding: text("price_ending", { enum: priceEndings }).notNull().default("0.99"),
  minMarginPct: real("min_margin_pct"),
  secondApprovalPct: real("second_approval_pct").notNull().default(15),
  version: integer("version").notNull().default(1),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Per-product floor and ceiling (in cents), set by a person: a guardrail beside the others, none of which overrides another. */
export const productPriceLimits = sqliteTable("product_price_limits", {
  productId: integer("product_id").primaryKey().references(() => products.id),
  floorCents: integer("floor_cents"),
  ceilingCents: integer("ceiling_cents"),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** One publication of price recommendations by the pricing champion under the guardrails of the time. */
export const priceRuns = sqliteTable("price_runs", {
  id: integer("id").primaryKey(),
  modelVersionId: integer("model_version_id").notNull().references(() => modelVersions.id),
  /** The guardrails and objective the optimiser used (a snapshot: settings may change later). */
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type DemandGrid = { price: number[]; units: number[]; lower: number[]; upper: number[] };
export type GuardrailAdjustment = { guardrail: string; from: number; to: number; change: number; reason: string };

export const recommendationStatuses = ["pending", "awaiting_second", "approved", "rejected"] as const;

/**
 * A product's recommendation in a run, and the merchandiser's decision on it. Money in cents; units per week.
 * `curve` is the demand curve (with its P10-P90 band) on a price grid, which charts and the what-if read.
 */
export const priceRecommendations = sqliteTable(
  "price_recommendations",
  {
    id: integer("id").primaryKey(),
    runId: integer("run_id").notNull().references(() => priceRuns.id),
    productId: integer("product_id").notNull().references(() => products.id),
    currentPriceCents: integer("current_price_cents").notNull(),
    recommendedPriceCents: integer("recommended_price_cents").notNull(),
    unconstrainedPriceCents: integer("unconstrained_price_cents").notNull(),
    costCents: integer("cost_cents"),
    elasticity: real("elasticity"),
    elasticityLower: real("elasticity_lower"),
    elasticityUpper: real("elasticity_upper"),
    /** Expected weekly units, revenue and profit (cents) at the current and the recommended price, P10/P50/P90. */
    expected: text("expected", { mode: "json" }).$type<Record<"current" | "recommended", { units: number[]; revenue: number[]; profit: number[] | null }>>().notNull(),
    confidence: text("confidence", { enum: ["high", "medium", "low"] }).notNull(),
    /**
     * The guardrail whose edge of the allowed range the recommended price sits on (or priceEnding); null when the
     * optimum was allowed; 'conflict' when no price met every guardrail (the current price kept, `adjustments` listing
     * the guardrails in conflict with their bounds).
     */
    boundBy: text("bound_by"),
    adjustments: text("adjustments", { mode: "json" }).$type<GuardrailAdjustment[]>().notNull(),
    competitorPrices: text("competitor_prices", { mode: "json" }).$type<Record<string, number>>().notNull(),
    curve: text("curve", { mode: "json" }).$type<DemandGrid>().notNull(),
    status: text("status", { enum: recommendationStatuses }).notNull().default("pending"),
    /** The price decided (the recommendation, or a merchandiser's adjustment). */
    decidedPriceCents: integer("decided_price_cents"),
    firstApprovedBy: integer("first_approved_by").references(() => users.id),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    effectiveFrom: text("effective_from"),
    reason: text("reason"),
    version: integer("version").notNull().default(1),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("price_recommendations_run_product_uq").on(t.runId, t.productId), index("price_recommendations_status_idx").on(t.runId, t.status)],
);

export type PricingSettings = typeof pricingSettings.$inferSelect;
export type PriceRun = typeof priceRuns.$inferSelect;
export type PriceRecommendationRow = typeof priceRecommendations.$inferSelect;
