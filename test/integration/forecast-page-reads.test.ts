/**
 * What the forecast pages and the Overview's stockout alerts read, on a real (temporary) SQLite file. A product's
 * page reads that product's rows by key: the same statements returning the same rows however many other products
 * the store holds. The list, its chart (channel view included) and the alerts read no daily sales: each run keeps
 * the channel split it was published with.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { users } from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { productForecast } from "@/lib/forecasts/product";
import { forecastFilterSchema, forecastListPage, runById, topStockoutRisks } from "@/lib/forecasts/queries";
import { queryPlan, recordStatements } from "../support/statement-log";

const FIRST_WEEK = "2024-03-04"; // a Monday
const HISTORY_END = addDays(FIRST_WEEK, -1);
const HORIZON = 13;
let db: Db;
let planner: number;

/** Products `from`..`to` with 4 weeks of sales on two channels, stock, a promotion, an approved plan in run 1 and an open, overridden one, forecasting twice as much, in run 2. */
function addProducts(from: number, to: number): void {
  const sqlite = rawSqlite(db).$client;
  const product = sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (?, ?, ?, ?, 1000, 0)");
  const sale = sqlite.prepare("INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) VALUES (?, ?, ?, ?, 0, 1000)");
  const inventory = sqlite.prepare("INSERT INTO inventory_positions (product_id, on_hand, on_order, lead_time_days, as_of) VALUES (?, 12, 0, 14, ?)");
  const promotion = sqlite.prepare("INSERT INTO promotions (product_id, start_date, end_date, discount_pct, name) VALUES (?, ?, ?, 20, 'deal')");
  const series = sqlite.prepare("INSERT INTO forecast_series (run_id, product_id, method, segment, backtest_mase, channel_units) VALUES (?, ?, 'network', 'smooth', 0.8, ?)");
  const line = sqlite.prepare("INSERT INTO forecast_lines (run_id, product_id, week, p10, p50, p90) VALUES (?, ?, ?, ?, ?, ?)");
  const plan = sqlite.prepare("INSERT INTO forecast_plans (run_id, product_id, status, version, approved_by, updated_at) VALUES (?, ?, ?, 1, ?, 0)");
  const override = sqlite.prepare("INSERT INTO forecast_overrides (run_id, product_id, week, units, model_p50, reason, created_by, created_at) VALUES (2, ?, ?, 20, 10, 'promotion', ?, 0)");
  sqlite.transaction(() => {
    for (let id = from; id <= to; id++) {
      product.run(id, `SKU-${id}`, `Product ${id}`, id % 2 ? "home" : "garden");
      // Units per channel up to each run's last actuals, as publication stores them (all 4 weeks lie in the 13).
      const sold: Record<1 | 2, { web: number; app: number }> = { 1: { web: 0, app: 0 }, 2: { web: 0, app: 0 } };
      for (let d = 0; d < 28; d++) {
        const [web, app] = [1 + ((id + d) % 3), d % 2];
        sale.run(id, 1, addDays(HISTORY_END, -d), web);
        sale.run(id, 2, addDays(HISTORY_END, -d), app);
        for (const run of d >= 7 ? ([1, 2] as const) : ([2] as const)) {
          sold[run].web += web;
          sold[run].app += app;
        }
      }
      inventory.run(id, HISTORY_END);
      promotion.run(id, addDays(FIRST_WEEK, 14), addDays(FIRST_WEEK, 20));
      for (const [run, first, status] of [[1, addDays(FIRST_WEEK, -7), "approved"], [2, FIRST_WEEK, "open"]] as const) {
        series.run(run, id, JSON.stringify(sold[run]));
        for (let w = 0; w < HORIZON; w++) line.run(run, id, addDays(first, 7 * w), 6 * run, 10 * run, 14 * run);
        plan.run(run, id, status, status === "approved" ? planner : null);
      }
      override.run(id, FIRST_WEEK, planner);
    }
  })();
}

beforeAll(async () => {
  db = getDb();
  planner = (await db.insert(users).values({ email: "planner@test", name: "Planner", role: "planner", passwordHash: null, createdAt: new Date() }).returning().get())!.id;
  const sqlite = rawSqlite(db).$client;
  sqlite.exec("INSERT INTO channels (id, code, name) VALUES (1, 'web', 'Web'), (2, 'app', 'App')");
  sqlite.prepare("INSERT INTO model_versions (id, task, version, status, params, created_at) VALUES (1, 'forecast', 1, 'champion', '{}', 0)").run();
  const run = sqlite.prepare("INSERT INTO forecast_runs (id, model_version_id, first_week, horizon_weeks, history_end, created_at) VALUES (?, 1, ?, ?, ?, 0)");
  run.run(1, addDays(FIRST_WEEK, -7), HORIZON, addDays(HISTORY_END, -7));
  run.run(2, FIRST_WEEK, HORIZON, HISTORY_END);
  addProducts(1, 10);
});

describe("a product's forecast page", () => {
  it("reads that product's rows by key, the same however many other products the store holds", async () => {
    const run = (await runById(db, 2))!;
    const page = () => recordStatements(db, () => productForecast(db, run, 3, 0.95));
    const before = await page();
    addProducts(11, 100);
    const after = await page();
    expect(after.value).toEqual(before.value);
    expect(after.value!.exceptions.map((e) => e.kind)).toContain("big_change");
    expect(after.statements).toEqual(before.statements);
    for (const statement of after.statements) expect(queryPlan(db, statement).filter((line) => line.startsWith("SCAN")), statement.sql).toEqual([]);
  });
});

describe("the forecast list, its chart and the Overview's stockout alerts", () => {
  it("read no daily sales, channel view included", async () => {
    const run = (await runById(db, 2))!;
    const { value, statements } = await recordStatements(db, async () => ({
      list: await forecastListPage(db, run, forecastFilterSchema.parse({ category: "home", channel: "app", sort: "demand" })),
      risks: await topStockoutRisks(db, 5),
    }));
    expect(statements.map((s) => s.sql).filter((sql) => /daily_sales/i.test(sql))).toEqual([]);
    expect(value.list.total).toBeGreaterThan(0);
    expect(value.list.rows.every((r) => r.channelShares.app! > 0 && r.channelShares.web! > r.channelShares.app!)).toBe(true);
    expect(value.list.chart[0]!.p50).toBeGreaterThan(0);
    expect(value.risks.total).toBeGreaterThan(0);
  });
});
