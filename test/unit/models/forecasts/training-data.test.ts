import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, rawSqlite, type Db } from "@/lib/db";
import { futureForecastRows, loadForecastTrainRows } from "@/lib/forecasts/training-data";
import { addDays } from "@/lib/dates";

/**
 * A one-product store on two channels, 2024-01-01 .. 2024-01-15 (a Monday): 3 units a day on web and 1 on app,
 * a stockout on 2024-01-12, a promotion (price 800 against a list price of 1000) on 2024-01-13 and 14, a holiday
 * on 2024-01-10, and a planned promotion (25 % off) on 2024-01-17 and 18.
 */
let db: Db;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "forecast-data-"));
  db = openSqlite(path.join(dir, "store.db"));
  const sqlite = rawSqlite(db).$client;
  sqlite.prepare("INSERT INTO channels (id, code, name) VALUES (1, 'web', 'Web'), (2, 'app', 'App')").run();
  sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (1, 'SKU-1', 'Mug', 'home', 1000, 0)").run();
  sqlite.prepare("INSERT INTO holidays (date, name) VALUES ('2024-01-10', 'Test Day')").run();
  sqlite.prepare("INSERT INTO promotions (product_id, start_date, end_date, discount_pct, name) VALUES (1, '2024-01-17', '2024-01-18', 25, 'deal')").run();
  const insert = sqlite.prepare(
    "INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents, on_promotion, stockout) VALUES (1, ?, ?, ?, 0, ?, ?, ?)",
  );
  for (let d = 0; d < 15; d++) {
    const date = addDays("2024-01-01", d);
    const promo = date === "2024-01-13" || date === "2024-01-14";
    const stockout = date === "2024-01-12";
    for (const [channel, units] of [[1, 3], [2, 1]] as const) insert.run(channel, date, stockout ? 0 : units, promo ? 800 : 1000, promo ? 1 : 0, stockout ? 1 : 0);
  }
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("forecast training data from the store", () => {
  it("sums channels into whole weeks ending on the last day, with covariates and censored share", async () => {
    const rows = await loadForecastTrainRows(db, { grain: "week", level: "product" });
    // 2024-01-01 alone is a partial week: dropped.
    expect(rows.map((r) => r.date)).toEqual(["2024-01-02", "2024-01-09"]);
    const [first, last] = rows;
    expect(first).toMatchObject({ seriesId: "SKU-1", value: 28, censored: 0, covariates: { on_promotion: 0, relative_price: 1, holiday: 0 } });
    expect(last!.value).toBe(24);
    expect(last!.censored).toBeCloseTo(1 / 7, 10);
    expect(last!.covariates.on_promotion).toBeCloseTo(2 / 7, 10);
    expect(last!.covariates.relative_price).toBeCloseTo((5 + 2 * 0.8) / 7, 10);
    expect(last!.covariates.holiday).toBe(1);
  });

  it("gives daily rows per product and channel with the stockout flag", async () => {
    const rows = await loadForecastTrainRows(db, { grain: "day", level: "product-channel" });
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.seriesId === "SKU-1:web" && r.date === "2024-01-12")).toMatchObject({ value: 0, censored: 1 });
    expect(rows.find((r) => r.seriesId === "SKU-1:app" && r.date === "2024-01-10")).toMatchObject({ value: 1, censored: 0, covariates: { holiday: 1 } });
  });

  it("lays out the coming weeks with planned promotions", async () => {
    const future = await futureForecastRows(db, { grain: "week", level: "product", horizon: 2 });
    expect(future.map((r) => [r.seriesId, r.date])).toEqual([
      ["SKU-1", "2024-01-16"],
      ["SKU-1", "2024-01-23"],
    ]);
    expect(future[0]!.covariates.on_promotion).toBeCloseTo(2 / 7, 10);
    expect(future[0]!.covariates.relative_price).toBeCloseTo((5 + 2 * 0.75) / 7, 10);
    expect(future[1]!.covariates).toEqual({ on_promotion: 0, relative_price: 1, holiday: 0 });
  });
});
