import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, rawSqlite, type Db } from "@/lib/db";
import { seedDemoStore } from "@/db/seed";
import { loadPricingProductStates, loadPricingTrainingRows } from "@/lib/pricing/training-data";
import { fitPricingModel } from "@/models/pricing/train";
import { priceElasticities } from "@/models/pricing/predict";
import { pricingTask } from "@/models/pricing/index";
import type { PricingTrainRow } from "@/models/pricing/rows";
import { noProgress } from "@/models/task";

// A tiny demo store (16 products, 2 per category, 730 days) seeds in about a second.
let dir: string;
let db: Db;
let rows: PricingTrainRow[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pricing-data-"));
  db = openSqlite(path.join(dir, "store.db"));
  // The demo seed writes through the synchronous SQLite connection.
  await seedDemoStore(rawSqlite(db), { seed: 11, scale: 0.02 });
  rows = await loadPricingTrainingRows(db);
}, 60_000);

/** The SQLite connection under the test's database, for plain SQL. */
const raw = () => rawSqlite(db).$client;

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("pricing rows from the store", () => {
  it("has one row per product and in-stock day, units summed over channels", () => {
    const stockouts = Number(raw().prepare("SELECT COUNT(DISTINCT product_id || date) FROM daily_sales WHERE stockout = 1").pluck().get());
    const productDays = Number(raw().prepare("SELECT COUNT(DISTINCT product_id || '|' || date) FROM daily_sales").pluck().get());
    expect(stockouts).toBeGreaterThan(0);
    expect(rows).toHaveLength(productDays - stockouts);
    const sample = rows[100]!;
    const units = Number(
      raw()
        .prepare("SELECT SUM(ds.units) FROM daily_sales ds JOIN products p ON p.id = ds.product_id WHERE p.sku = ? AND ds.date = ?")
        .pluck()
        .get(sample.productId, sample.date),
    );
    expect(sample.units).toBe(units);
    expect(sample.category).not.toBe("");
    expect(sample.cost).toBeGreaterThan(0);
  });

  it("carries each competitor's latest scraped price and the promotion flag", async () => {
    expect(rows.filter((r) => Object.keys(r.competitors).length >= 2).length / rows.length).toBeGreaterThan(0.95);
    expect(rows.some((r) => r.onPromotion)).toBe(true);
    const states = await loadPricingProductStates(db);
    expect(states.length).toBeGreaterThan(0);
    expect(Object.keys(states[0]!.competitorPrices).length).toBeGreaterThanOrEqual(2);
  });

  it("recovers the generator's elasticities well enough to rank products", async () => {
    const model = await fitPricingModel(rows, { seed: 5, onProgress: noProgress }, { members: 3, maxSteps: 600 });
    const truth = new Map(
      (raw().prepare("SELECT p.sku AS sku, t.price_elasticity AS e FROM truth_products t JOIN products p ON p.id = t.product_id").all() as { sku: string; e: number }[]).map(
        (r) => [r.sku, r.e],
      ),
    );
    const estimates = priceElasticities(model);
    const a = estimates.map((e) => e.elasticity);
    const b = estimates.map((e) => truth.get(e.productId)!);
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const corr = a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0) / Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, x) => s + (x - mb) ** 2, 0));
    expect(model.spec.granularity).toBe("daily");
    expect(corr).toBeGreaterThan(0.6);
    pricingTask.dispose(model);
  }, 60_000);
});
