import { and, desc, eq, lt, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { forecastPlans, forecastRuns, inventoryPositions, planStatuses, products, users, type ChannelUnits, type ForecastRun, type RecentBacktest } from "@/lib/schema";
import { listParams, type SortDir } from "@/lib/search-params";
import { channelCodes, sharesOf, type ChannelCode, type ChannelShares } from "./channel-shares";
import { effectiveForecasts, type EffectiveWeek } from "./effective";
import { detectExceptions, exceptionKinds, urgency, type ForecastException } from "./exceptions";
import { replenishment, serviceLevels, type InventoryPosition, type Replenishment } from "./replenishment";

export async function latestRun(db: Db): Promise<ForecastRun | null> {
  return (await db.select().from(forecastRuns).orderBy(desc(forecastRuns.id)).limit(1).get()) ?? null;
}

export async function runById(db: Db, id: number): Promise<ForecastRun | null> {
  return (await db.select().from(forecastRuns).where(eq(forecastRuns.id, id)).get()) ?? null;
}

export const DEFAULT_SERVICE_LEVEL = 0.95;
const serviceLevel = z.coerce
  .number()
  .refine((v) => (serviceLevels as readonly number[]).includes(v))
  .catch(DEFAULT_SERVICE_LEVEL)
  .default(DEFAULT_SERVICE_LEVEL);

/** URL search params of the forecast list; anything malformed falls back to "no filter". */
export const forecastFilterSchema = z.object({
  category: z.string().trim().max(100).optional().catch(undefined),
  channel: z.enum(channelCodes).optional().catch(undefined),
  exception: z.enum([...exceptionKinds, "any", "none"]).optional().catch(undefined),
  status: z.enum(planStatuses).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  ...listParams(["urgency", "sku", "demand", "cover", "mase", "order"], "urgency"),
  sl: serviceLevel,
});
export type ForecastFilter = z.infer<typeof forecastFilterSchema>;
export const FORECAST_PAGE_SIZE = 25;

export type PlanRow = {
  productId: number;
  sku: string;
  name: string;
  category: string;
  planId: number;
  status: (typeof planStatuses)[number];
  version: number;
  method: string;
  fallbackReason: string | null;
  backtestMase: number | null;
  horizonDemand: number;
  /** Share of each channel in the product's units of the 13 weeks before the run (empty when it sold nothing then). */
  channelShares: ChannelShares;
  overrides: number;
  inventory: InventoryPosition | null;
  replenishment: Replenishment | null;
  exceptions: ForecastException[];
};

type BaseRow = {
  productId: number;
  sku: string;
  name: string;
  category: string;
  planId: number;
  status: PlanRow["status"];
  version: number;
  method: string;
  fallbackReason: string | null;
  backtestMase: number | null;
  /** JSON as a raw read gives it: text on SQLite, the parsed value on PostgreSQL. */
  recent: string | RecentBacktest | null;
  channelUnits: string | ChannelUnits | null;
  onHand: number | null;
  onOrder: number | null;
  leadTimeDays: number | null;
};

/**
 * The last approved plan of an earlier run per product (all, or `productId` alone, read by key): its effective P50
 * total over the weeks shared with `run`.
 */
async function previousApprovedTotals(
  db: Db,
  run: ForecastRun,
  current: Map<number, EffectiveWeek[]>,
  productId?: number,
): Promise<Map<number, { total: number; current: number; weeks: number }>> {
  const rows = await db
    .select({ productId: forecastPlans.productId, runId: max(forecastPlans.runId) })
    .from(forecastPlans)
    .where(and(productId === undefined ? undefined : eq(forecastPlans.productId, productId), eq(forecastPlans.status, "approved"), lt(forecastPlans.runId, run.id)))
    .groupBy(forecastPlans.productId)
    .all();
  const byRun = new Map<number, number[]>();
  for (const r of rows) {
    if (r.runId === null) continue;
    const list = byRun.get(r.runId);
    if (list) list.push(r.productId);
    else byRun.set(r.runId, [r.productId]);
  }
  const out = new Map<number, { total: number; current: number; weeks: number }>();
  for (const [runId, productIds] of byRun) {
    for (const [productId, weeks] of await effectiveForecasts(db, runId, productIds)) {
      const now = new Map((current.get(productId) ?? []).map((w) => [w.week, w.p50]));
      const shared = weeks.filter((w) => now.has(w.week));
      if (shared.length === 0) continue;
      out.set(productId, { total: shared.reduce((s, w) => s + w.p50, 0), current: shared.reduce((s, w) => s + now.get(w.week)!, 0), weeks: shared.length });
    }
  }
  return out;
}

/** The products of a run (all, or `productId` alone) with plan, effective forecast, inventory, replenishment and exceptions. */
export async function planRows(db: Db, run: ForecastRun, sl = DEFAULT_SERVICE_LEVEL, productId?: number): Promise<PlanRow[]> {
  return (await runPlans(db, run, sl, productId)).rows;
}

/** planRows, with each product's effective weeks for what reads them too (the list's chart, a product's page). */
/**
 * The plan, product, series and stock of every product of a run (or `productId` alone). Left raw as a hot path: the
 * list and the Overview read every product of the run on each request (beside effectiveForecasts; not re-measured).
 * Ordered by product (the run's unique index gives that order on SQLite; PostgreSQL returns rows in any order), so
 * ties in the callers' sorts (the Overview's stockout alerts, the planner's inbox) come out the same on both.
 */
function basePlanRows(db: Db, runId: number, productId?: number): Promise<BaseRow[]> {
  return db.all<BaseRow>(
    sql`SELECT p.id AS "productId", p.sku, p.name, p.category, fp.id AS "planId", fp.status, fp.version,
               fs.method, fs.fallback_reason AS "fallbackReason", fs.backtest_mase AS "backtestMase", fs.recent, fs.channel_units AS "channelUnits",
               i.on_hand AS "onHand", i.on_order AS "onOrder", i.lead_time_days AS "leadTimeDays"
          FROM forecast_plans fp
          JOIN products p ON p.id = fp.product_id
          JOIN forecast_series fs ON fs.run_id = fp.run_id AND fs.product_id = fp.product_id
          LEFT JOIN inventory_positions i ON i.product_id = p.id
         WHERE fp.run_id = ${runId}${productId === undefined ? sql`` : sql` AND fp.product_id = ${productId}`}
         ORDER BY fp.product_id`,
  );
}

export async function runPlans(db: Db, run: ForecastRun, sl: number, productId?: number): Promise<{ rows: PlanRow[]; forecasts: Map<number, EffectiveWeek[]> }> {
  const base = await basePlanRows(db, run.id, productId);
  const forecasts = await effectiveForecasts(db, run.id, productId === undefined ? undefined : [productId]);
  const previous = await previousApprovedTotals(db, run, forecasts, productId);
  const rows = base.map((r): PlanRow => {
    const weeks = forecasts.get(r.productId) ?? [];
    const inventory = r.onHand === null ? null : { onHand: r.onHand, onOrder: r.onOrder ?? 0, leadTimeDays: r.leadTimeDays ?? 0 };
    const recent = typeof r.recent === "string" ? (JSON.parse(r.recent) as RecentBacktest) : r.recent;
    return {
      productId: r.productId,
      sku: r.sku,
      name: r.name,
      category: r.category,
      planId: r.planId,
      status: r.status,
      version: r.version,
      method: r.method,
      fallbackReason: r.fallbackReason,
      backtestMase: r.backtestMase,
      horizonDemand: weeks.reduce((s, w) => s + w.p50, 0),
      channelShares: sharesOf(r.channelUnits),
      overrides: weeks.filter((w) => w.override).length,
      inventory,
      replenishment: inventory ? replenishment(weeks, inventory, sl) : null,
      exceptions: detectExceptions({ weeks, inventory, backtestMase: r.backtestMase, recent, previousApproved: previous.get(r.productId) ?? null }),
    };
  });
  return { rows, forecasts };
}

/** The chosen channel's share of the product's recent units (0 when it sold nothing there); 1 when no channel is chosen. */
function channelShare(row: PlanRow, channel: ChannelCode | undefined): number {
  return channel ? (row.channelShares[channel] ?? 0) : 1;
}

/** The product's horizon P50, or the chosen channel's top-down part of it. */
export function channelDemand(row: PlanRow, channel: ChannelCode | undefined): number {
  return row.horizonDemand * channelShare(row, channel);
}

function sortKey(row: PlanRow, sort: ForecastFilter["sort"], channel: ChannelCode | undefined): number | string {
  switch (sort) {
    case "urgency":
      return urgency(row.exceptions);
    case "sku":
      return row.sku;
    case "demand":
      return channelDemand(row, channel);
    case "cover":
      return row.replenishment?.weeksOfCover ?? Number.POSITIVE_INFINITY;
    case "mase":
      return row.backtestMase ?? Number.NaN;
    case "order":
      return row.replenishment?.orderQuantity ?? 0;
  }
}

export const defaultDir: Record<ForecastFilter["sort"], SortDir> = { urgency: "asc", sku: "asc", demand: "desc", cover: "asc", mase: "desc", order: "desc" };

export function filterPlanRows(rows: PlanRow[], filter: ForecastFilter): PlanRow[] {
  const q = filter.q?.toLowerCase();
  const kept = rows.filter((r) => {
    if (filter.category && r.category !== filter.category) return false;
    if (filter.status && r.status !== filter.status) return false;
    if (filter.channel && !(channelShare(r, filter.channel) > 0)) return false;
    if (q && !r.sku.toLowerCase().includes(q) && !r.name.toLowerCase().includes(q)) return false;
    if (filter.exception === "any" && r.exceptions.length === 0) return false;
    if (filter.exception === "none" && r.exceptions.length > 0) return false;
    if (filter.exception && filter.exception !== "any" && filter.exception !== "none" && !r.exceptions.some((e) => e.kind === filter.exception)) return false;
    return true;
  });
  const sign = (filter.dir ?? defaultDir[filter.sort]) === "asc" ? 1 : -1;
  return kept.sort((a, b) => {
    const ka = sortKey(a, filter.sort, filter.channel);
    const kb = sortKey(b, filter.sort, filter.channel);
    // No value (no backtest) goes last whichever the direction.
    const missing = Number(Number.isNaN(ka)) - Number(Number.isNaN(kb));
    if (missing !== 0) return missing;
    const c = typeof ka === "string" ? ka.localeCompare(kb as string) : ka === kb ? 0 : ka < (kb as number) ? -1 : 1;
    return c !== 0 ? sign * c : a.sku.localeCompare(b.sku);
  });
}

export async function forecastListPage(db: Db, run: ForecastRun, filter: ForecastFilter) {
  const { rows: all, forecasts } = await runPlans(db, run, filter.sl);
  const rows = filterPlanRows(all, filter);
  const pages = Math.max(1, Math.ceil(rows.length / FORECAST_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const counts = Object.fromEntries(exceptionKinds.map((k) => [k, all.filter((r) => r.exceptions.some((e) => e.kind === k)).length])) as Record<
    (typeof exceptionKinds)[number],
    number
  >;
  return {
    rows: rows.slice((page - 1) * FORECAST_PAGE_SIZE, page * FORECAST_PAGE_SIZE),
    all: rows,
    total: rows.length,
    page,
    pages,
    counts,
    categories: [...new Set(all.map((r) => r.category))].sort(),
    statusCounts: Object.fromEntries(planStatuses.map((s) => [s, all.filter((r) => r.status === s).length])) as Record<(typeof planStatuses)[number], number>,
    chart: categoryTotals(all, forecasts, filter.category, filter.channel),
  };
}

/**
 * Weekly P50 (effective) and P10/P90 summed over a category's products (all when none is chosen), each times its
 * channel's share when a channel is; bands of a sum are not sums of bands, so they are labelled as such.
 */
function categoryTotals(rows: PlanRow[], forecasts: Map<number, EffectiveWeek[]>, category?: string, channel?: ChannelCode): { week: string; p10: number; p50: number; p90: number }[] {
  const totals = new Map<string, { week: string; p10: number; p50: number; p90: number }>();
  for (const row of rows) {
    if (category && row.category !== category) continue;
    const share = channelShare(row, channel);
    for (const w of forecasts.get(row.productId) ?? []) {
      const t = totals.get(w.week) ?? { week: w.week, p10: 0, p50: 0, p90: 0 };
      t.p10 += share * w.p10;
      t.p50 += share * w.p50;
      t.p90 += share * w.p90;
      totals.set(w.week, t);
    }
  }
  return [...totals.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/** The most urgent stockout risks of the latest run, for the Overview's alerts. */
export async function topStockoutRisks(db: Db, limit = 5) {
  const run = await latestRun(db);
  if (!run) return { run: null, rows: [] as PlanRow[], total: 0 };
  const risky = (await planRows(db, run))
    .filter((r) => r.exceptions.some((e) => e.kind === "stockout"))
    .sort((a, b) => (a.replenishment?.weeksOfCover ?? 0) - (b.replenishment?.weeksOfCover ?? 0));
  return { run, rows: risky.slice(0, limit), total: risky.length };
}

/** Approved plans of a run with their replenishment, for the plans list and its CSV export. */
export async function approvedPlans(db: Db, runId: number) {
  return (
    (
      await db
        .select({
          productId: products.id,
          sku: products.sku,
          name: products.name,
          category: products.category,
          serviceLevel: forecastPlans.serviceLevel,
          safetyStock: forecastPlans.safetyStock,
          reorderPoint: forecastPlans.reorderPoint,
          orderQuantity: forecastPlans.orderQuantity,
          onHand: inventoryPositions.onHand,
          onOrder: inventoryPositions.onOrder,
          leadTimeDays: inventoryPositions.leadTimeDays,
          approvedBy: users.email,
          approvedAt: forecastPlans.approvedAt,
        })
        .from(forecastPlans)
        .innerJoin(products, eq(products.id, forecastPlans.productId))
        .leftJoin(inventoryPositions, eq(inventoryPositions.productId, products.id))
        .leftJoin(users, eq(users.id, forecastPlans.approvedBy))
        .where(and(eq(forecastPlans.runId, runId), eq(forecastPlans.status, "approved")))
        // NULLS LAST spelt out: SQLite's default for DESC, not PostgreSQL's.
        .orderBy(sql`${forecastPlans.orderQuantity} desc nulls last`, products.sku)
        .all()
    )
      // approvedAt as stored (epoch ms), as the plans table and its export read it.
      .map((r) => ({ ...r, approvedAt: r.approvedAt?.getTime() ?? null }))
  );
}
