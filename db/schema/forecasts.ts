import { sqliteTable, integer, text, real, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { products, type Channel } from "./catalog";
import { modelVersions } from "./platform";

/**
 * One publication of the forecast champion: weekly P10/P50/P90 for every product from the week after the last
 * actuals. Planners work on the latest run; older runs stay so overrides can later be scored against actuals.
 */
export const forecastRuns = sqliteTable("forecast_runs", {
  id: integer("id").primaryKey(),
  modelVersionId: integer("model_version_id").notNull().references(() => modelVersions.id),
  /** First day of the first forecast week (ISO). */
  firstWeek: text("first_week").notNull(),
  horizonWeeks: integer("horizon_weeks").notNull(),
  /** Last day with actuals when the run was made. */
  historyEnd: text("history_end").notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type ChannelUnits = Partial<Record<Channel["code"], number>>;

export type RecentBacktest = { weeks: string[]; actual: (number | null)[]; p10: number[]; p50: number[]; p90: number[] };

/** Per product of a run: which model forecasts it and how it did in the rolling-origin backtest. */
export const forecastSeries = sqliteTable(
  "forecast_series",
  {
    runId: integer("run_id").notNull().references(() => forecastRuns.id),
    productId: integer("product_id").notNull().references(() => products.id),
    method: text("method").notNull(),
    segment: text("segment").notNull(),
    /** Set when the series is too short for the network and a baseline forecasts it; says why. */
    fallbackReason: text("fallback_reason"),
    backtestMase: real("backtest_mase"),
    backtestWape: real("backtest_wape"),
    backtestBias: real("backtest_bias"),
    backtestCoverage: real("backtest_coverage"),
    /** The latest backtest origin: its forecast of the last weeks with actuals, next to those actuals. */
    recent: text("recent", { mode: "json" }).$type<RecentBacktest>(),
    /**
     * Units sold per channel code in the 13 weeks up to the run's last actuals, fixed at publication: the channel
     * view splits the product forecast top-down by these, without reading daily sales on every page.
     */
    channelUnits: text("channel_units", { mode: "json" }).$type<ChannelUnits>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.productId] })],
);

export const forecastLines = sqliteTable(
  "forecast_lines",
  {
    runId: integer("run_id").notNull().references(() => forecastRuns.id),
    productId: integer("product_id").notNull().references(() => products.id),
    week: text("week").notNull(),
    p10: real("p10").notNull(),
    p50: real("p50").notNull(),
    p90: real("p90").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.productId, t.week] })],
);

export const planStatuses = ["open", "reviewed", "approved"] as const;

/**
 * A planner's plan for one product in one run. `version` goes up on every change (override, review, approval) so
 * a stale page cannot overwrite a newer decision. The replenishment fields are fixed at approval.
 */
export const forecastPlans = sqliteTable(
  "forecast_plans",
  {
    id: integer("id").primaryKey(),
    runId: integer("run_id").notNull().references(() => forecastRuns.id),
    productId: integer("product_id").notNull().references(() => products.id),
    status: text("status", { enum: planStatuses }).notNull().default("open"),
    version: integer("version").notNull().default(1),
    serviceLevel: real("service_level"),
    safetyStock: real("safety_stock"),
    reorderPoint: real("reorder_point"),
    orderQuantity: integer("order_quantity"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("forecast_plans_run_product_uq").on(t.runId, t.productId),
    index("forecast_plans_status_idx").on(t.runId, t.status),
    // A product's approved plans of earlier runs, read by key on its forecast page.
    index("forecast_plans_product_idx").on(t.productId, t.status, t.runId),
  ],
);

export const overrideReasons = ["promotion", "event", "supply", "new_info", "correction", "other"] as const;

/** Every override a planner made; the latest per (run, product, week) is the one in force. */
export const forecastOverrides = sqliteTable(
  "forecast_overrides",
  {
    id: integer("id").primaryKey(),
    runId: integer("run_id").notNull().references(() => forecastRuns.id),
    productId: integer("product_id").notNull().references(() => products.id),
    week: text("week").notNull(),
    units: real("units").notNull(),
    /** The model's P50 for that week when the override was made, for forecast value added. */
    modelP50: real("model_p50").notNull(),
    reason: text("reason", { enum: overrideReasons }).notNull(),
    note: text("note"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("forecast_overrides_run_product_idx").on(t.runId, t.productId, t.week)],
);

export type ForecastRun = typeof forecastRuns.$inferSelect;
export type ForecastPlan = typeof forecastPlans.$inferSelect;
