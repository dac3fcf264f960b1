/**
 * What the forecast pages and the Overview's stockout alerts read, on a real (temporary) SQLite file. A product's
 * page reads that product's rows by key: the same statements returning the same rows however many other products
 * the store holds. The list, its chart (channel view included) and the alerts read no daily sales: each run keeps
 * the channel split it was published with. On PostgreSQL only the values are checked: the statement log and the
 * query plans are SQLite's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/lib/db";
import {
  channels,
  dailySales,
  forecastLines,
  forecastOverrides,
  forecastPlans,
  forecastRuns,
  forecastSeries,
  inventoryPositions,
  modelVersions,
  products,
  promotions,
  users,
} from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { productForecast } from "@/lib/forecasts/product";
import { forecastFilterSchema, forecastListPage, runById, topStockoutRisks } from "@/lib/forecasts/queries";
import { queryPlan, recordStatements, type LoggedStatement } from "../support/statement-log";
import { onPostgres } from "../support/test-db";

const FIRST_WEEK = "2024-03-04"; // a Monday
const HISTORY_END = addDays(FIRST_WEEK, -1);
const HORIZON = 13;
let db: Db;
let planner: number;

/** Rows inserted a few hundred at a time (PostgreSQL takes at most 65535 bound values a statement). */
async function insertAll<T extends Parameters<Db["insert"]>[0]>(table: T, rows: T["$inferInsert"][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** Products `from`..`to` with 4 weeks of sales on two channels, stock, a promotion, an approved plan in run 1 and an open, overridden one, forecasting twice as much, in run 2. */
async function addProducts(from: number, to: number): Promise<void> {
  const rows = {
    products: [] as (typeof products.$inferInsert)[],
    sales: [] as (typeof dailySales.$inferInsert)[],
    inventory: [] as (typeof inventoryPositions.$inferInsert)[],
    promotions: [] as (typeof promotions.$inferInsert)[],
    series: [] as (typeof forecastSeries.$inferInsert)[],
    lines: [] as (typeof forecastLines.$inferInsert)[],
    plans: [] as (typeof forecastPlans.$inferInsert)[],
    overrides: [] as (typeof forecastOverrides.$inferInsert)[],
  };
  for (let id = from; id <= to; id++) {
    rows.products.push({ id, sku: `SKU-${id}`, name: `Product ${id}`, category: id % 2 ? "home" : "garden", priceCents: 1000, createdAt: new Date(0) });
    // Units per channel up to each run's last actuals, as publication stores them (all 4 weeks lie in the 13).
    const sold: Record<1 | 2, { web: number; app: number }> = { 1: { web: 0, app: 0 }, 2: { web: 0, app: 0 } };
    for (let d = 0; d < 28; d++) {
      const [web, app] = [1 + ((id + d) % 3), d % 2];
      rows.sales.push({ productId: id, channelId: 1, date: addDays(HISTORY_END, -d), units: web, revenueCents: 0, priceCents: 1000 });
      rows.sales.push({ productId: id, channelId: 2, date: addDays(HISTORY_END, -d), units: app, revenueCents: 0, priceCents: 1000 });
      for (const run of d >= 7 ? ([1, 2] as const) : ([2] as const)) {
        sold[run].web += web;
        sold[run].app += app;
      }
    }
    rows.inventory.push({ productId: id, onHand: 12, onOrder: 0, leadTimeDays: 14, asOf: HISTORY_END });
    rows.promotions.push({ productId: id, startDate: addDays(FIRST_WEEK, 14), endDate: addDays(FIRST_WEEK, 20), discountPct: 20, name: "deal" });
    for (const [run, first, status] of [[1, addDays(FIRST_WEEK, -7), "approved"], [2, FIRST_WEEK, "open"]] as const) {
      rows.series.push({ runId: run, productId: id, method: "network", segment: "smooth", backtestMase: 0.8, channelUnits: sold[run] });
      for (let w = 0; w < HORIZON; w++) rows.lines.push({ runId: run, productId: id, week: addDays(first, 7 * w), p10: 6 * run, p50: 10 * run, p90: 14 * run });
      rows.plans.push({ runId: run, productId: id, status, version: 1, approvedBy: status === "approved" ? planner : null, updatedAt: new Date(0) });
    }
    rows.overrides.push({ runId: 2, productId: id, week: FIRST_WEEK, units: 20, modelP50: 10, reason: "promotion", createdBy: planner, createdAt: new Date(0) });
  }
  await db.transaction(async () => {
    await insertAll(products, rows.products);
    await insertAll(dailySales, rows.sales);
    await insertAll(inventoryPositions, rows.inventory);
    await insertAll(promotions, rows.promotions);
    await insertAll(forecastSeries, rows.series);
    await insertAll(forecastLines, rows.lines);
    await insertAll(forecastPlans, rows.plans);
    await insertAll(forecastOverrides, rows.overrides);
  });
}

beforeAll(async () => {
  db = getDb();
  planner = (await db.insert(users).values({ email: "planner@test", name: "Planner", role: "planner", passwordHash: null, createdAt: new Date() }).returning().get())!.id;
  await db.insert(channels).values([
    { id: 1, code: "web", name: "Web" },
    { id: 2, code: "app", name: "App" },
  ]);
  await db.insert(modelVersions).values({ id: 1, task: "forecast", version: 1, status: "champion", params: {}, createdAt: new Date(0) });
  await db.insert(forecastRuns).values([
    { id: 1, modelVersionId: 1, firstWeek: addDays(FIRST_WEEK, -7), horizonWeeks: HORIZON, historyEnd: addDays(HISTORY_END, -7), createdAt: new Date(0) },
    { id: 2, modelVersionId: 1, firstWeek: FIRST_WEEK, horizonWeeks: HORIZON, historyEnd: HISTORY_END, createdAt: new Date(0) },
  ]);
  await addProducts(1, 10);
});

/**
 * `fn`'s value and, on SQLite, the statements it ran. The statement log wraps better-sqlite3's prepare, so on
 * PostgreSQL only the value is checked (statements: null).
 */
async function record<T>(fn: () => Promise<T>): Promise<{ value: T; statements: LoggedStatement[] | null }> {
  if (onPostgres) return { value: await fn(), statements: null };
  return recordStatements(db, fn);
}

describe("a product's forecast page", () => {
  it("reads that product's rows by key, the same however many other products the store holds", async () => {
    const run = (await runById(db, 2))!;
    const page = () => record(() => productForecast(db, run, 3, 0.95));
    const before = await page();
    await addProducts(11, 100);
    const after = await page();
    expect(after.value).toEqual(before.value);
    expect(after.value!.exceptions.map((e) => e.kind)).toContain("big_change");
    // The statements and SQLite's plans for them: SQLite only (see record).
    if (onPostgres) return;
    expect(after.statements).toEqual(before.statements);
    for (const statement of after.statements!) expect(queryPlan(db, statement).filter((line) => line.startsWith("SCAN")), statement.sql).toEqual([]);
  });
});

describe("the forecast list, its chart and the Overview's stockout alerts", () => {
  it("read no daily sales, channel view included", async () => {
    const run = (await runById(db, 2))!;
    const { value, statements } = await record(async () => ({
      list: await forecastListPage(db, run, forecastFilterSchema.parse({ category: "home", channel: "app", sort: "demand" })),
      risks: await topStockoutRisks(db, 5),
    }));
    // The statements read: SQLite only (see record).
    if (statements) expect(statements.map((s) => s.sql).filter((sql) => /daily_sales/i.test(sql))).toEqual([]);
    expect(value.list.total).toBeGreaterThan(0);
    expect(value.list.rows.every((r) => r.channelShares.app! > 0 && r.channelShares.web! > r.channelShares.app!)).toBe(true);
    expect(value.list.chart[0]!.p50).toBeGreaterThan(0);
    expect(value.risks.total).toBeGreaterThan(0);
  });
});
