import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { generateDemoStore, seedDemoStore, type SeedSummary } from "@/db/seed";
import { dayIndexOf } from "@/db/seed/calendar";
import { gridIndex } from "@/db/seed/inventory";
import { fraudPatterns } from "@/db/seed/types";

// A tiny store (16 products, ~1,000 customers, 730 days) seeds in about a second.
const options = { seed: 7, scale: 0.02 };

let dir: string;
let first: Db;
let second: Db;
let summary: SeedSummary;

function checksum(db: Db, sql: string): string {
  return createHash("sha256").update(JSON.stringify(db.$client.prepare(sql).raw().all())).digest("hex");
}

function count(db: Db, sql: string): number {
  return Number(db.$client.prepare(sql).pluck().get());
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "demo-store-"));
  first = openDb(path.join(dir, "first.db"));
  second = openDb(path.join(dir, "second.db"));
  summary = await seedDemoStore(first, options);
  await seedDemoStore(second, options);
});

afterAll(() => {
  first?.$client.close();
  second?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("seedDemoStore", () => {
  it("rebuilds the identical store from the same seed", () => {
    const tables = Object.keys(summary.counts);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(count(second, `SELECT COUNT(*) FROM ${table}`), table).toBe(summary.counts[table]);
    for (const sql of [
      "SELECT * FROM daily_sales ORDER BY product_id, channel_id, date",
      "SELECT * FROM orders ORDER BY id",
      "SELECT * FROM order_lines ORDER BY id",
      "SELECT * FROM payment_transactions ORDER BY id",
      "SELECT * FROM reviews ORDER BY id",
      "SELECT * FROM truth_products ORDER BY product_id",
    ]) {
      expect(checksum(second, sql), sql).toBe(checksum(first, sql));
    }
  });

  it("builds a different store from a different seed", () => {
    const revenue = (orders: { totalCents: number }[]) => orders.reduce((s, o) => s + o.totalCents, 0);
    expect(revenue(generateDemoStore({ ...options, seed: 8 }).orders)).not.toBe(count(first, "SELECT SUM(total_cents) FROM orders"));
  });

  it("refuses to seed a database that already has a store", async () => {
    await expect(seedDemoStore(first, options)).rejects.toThrow(/already has/);
  });

  it("keeps daily_sales equal to the order lines of each product, channel and day", () => {
    const mismatches = count(
      first,
      `SELECT COUNT(*) FROM daily_sales ds
       LEFT JOIN (
         SELECT ol.product_id, o.channel_id, date(o.ordered_at / 1000, 'unixepoch') AS day,
                SUM(ol.quantity) AS units, SUM(ol.quantity * ol.unit_price_cents) AS revenue
         FROM order_lines ol JOIN orders o ON o.id = ol.order_id GROUP BY 1, 2, 3
       ) agg ON agg.product_id = ds.product_id AND agg.channel_id = ds.channel_id AND agg.day = ds.date
       WHERE ds.units != COALESCE(agg.units, 0) OR ds.revenue_cents != COALESCE(agg.revenue, 0)`,
    );
    const orphanLines = count(
      first,
      `SELECT COUNT(*) FROM order_lines ol JOIN orders o ON o.id = ol.order_id
       LEFT JOIN daily_sales ds ON ds.product_id = ol.product_id AND ds.channel_id = o.channel_id
         AND ds.date = date(o.ordered_at / 1000, 'unixepoch')
       WHERE ds.product_id IS NULL`,
    );
    const badTotals = count(
      first,
      `SELECT COUNT(*) FROM orders o
       WHERE o.total_cents != (SELECT SUM(quantity * unit_price_cents) FROM order_lines WHERE order_id = o.id)`,
    );
    expect(count(first, "SELECT SUM(units) FROM daily_sales")).toBeGreaterThan(1000);
    expect({ mismatches, orphanLines, badTotals }).toEqual({ mismatches: 0, orphanLines: 0, badTotals: 0 });
  });

  it("rolls daily_sales up into sales_summary by day, channel and category", () => {
    const grouped = `SELECT s.date, s.channel_id, p.category, SUM(s.units), SUM(s.revenue_cents)
       FROM daily_sales s JOIN products p ON p.id = s.product_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
    expect(count(first, "SELECT COUNT(*) FROM sales_summary")).toBeGreaterThan(1000);
    expect(checksum(first, "SELECT date, channel_id, category, units, revenue_cents FROM sales_summary ORDER BY 1, 2, 3")).toBe(checksum(first, grouped));
  });

  it("has 0.5-3 % fraud, with every named pattern present", () => {
    const total = count(first, "SELECT COUNT(*) FROM truth_transactions");
    const fraud = count(first, "SELECT COUNT(*) FROM truth_transactions WHERE is_fraud = 1");
    expect(total).toBe(count(first, "SELECT COUNT(*) FROM payment_transactions"));
    expect(fraud / total).toBeGreaterThanOrEqual(0.005);
    expect(fraud / total).toBeLessThanOrEqual(0.03);
    const patterns = first.$client.prepare("SELECT DISTINCT pattern FROM truth_transactions WHERE is_fraud = 1").pluck().all();
    expect([...patterns].sort()).toEqual([...fraudPatterns].sort());
    expect(count(first, "SELECT COUNT(*) FROM truth_transactions WHERE is_fraud = 0 AND pattern IS NOT NULL")).toBe(0);
  });

  it("censors sales on stockout days: units never exceed the simulated demand", () => {
    const { grid, calendar } = generateDemoStore(options);
    const rows = first.$client
      .prepare("SELECT product_id, channel_id, date, units FROM daily_sales WHERE stockout = 1")
      .all() as { product_id: number; channel_id: number; date: string; units: number }[];
    expect(rows.length).toBeGreaterThan(0);
    let censored = 0;
    for (const row of rows) {
      const at = gridIndex(grid, row.product_id - 1, row.channel_id - 1, dayIndexOf(calendar, row.date));
      expect(row.units).toBe(grid.units[at]);
      expect(row.units).toBeLessThanOrEqual(grid.demand[at] ?? 0);
      if (row.units < (grid.demand[at] ?? 0)) censored++;
    }
    expect(censored).toBeGreaterThan(0);
  });

  it("records negative own-price elasticities in the truth table", () => {
    const elasticities = first.$client.prepare("SELECT price_elasticity FROM truth_products").pluck().all() as number[];
    expect(elasticities.length).toBe(count(first, "SELECT COUNT(*) FROM products"));
    for (const e of elasticities) {
      expect(e).toBeLessThan(0);
      expect(e).toBeGreaterThanOrEqual(-3.5);
    }
  });
});
