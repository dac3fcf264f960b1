/**
 * sales_summary's refresh on a real (temporary) SQLite file: the same rows as a GROUP BY over daily_sales, for all
 * dates or a range, and a plan whose cost follows the rows refreshed (no sort of them all, a range read through
 * each product's and channel's own run of the primary key) with or without the planner's statistics.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { refreshSalesSummary } from "@/lib/sales-summary";
import { addDays } from "@/lib/dates";
import { queryPlan, recordStatements } from "../support/statement-log";

const FIRST_DAY = "2024-05-01";
const DAYS = 12;
let db: Db;

type SummaryRow = { date: string; channelId: number; category: string; units: number; revenueCents: number };

/** The SQLite connection under the test's database, for plain SQL. */
const raw = () => rawSqlite(db).$client;

const summary = (): SummaryRow[] =>
  raw()
    .prepare<[], SummaryRow>("SELECT date, channel_id AS channelId, category, units, revenue_cents AS revenueCents FROM sales_summary ORDER BY 1, 2, 3")
    .all();

/** What the summary must hold: daily sales grouped by day, channel and the product's category. */
const grouped = (): SummaryRow[] =>
  raw()
    .prepare<[], SummaryRow>(
      `SELECT s.date, s.channel_id AS channelId, p.category, SUM(s.units) AS units, SUM(s.revenue_cents) AS revenueCents
         FROM daily_sales s JOIN products p ON p.id = s.product_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();

beforeAll(() => {
  db = getDb();
  const sqlite = raw();
  sqlite.exec("INSERT INTO channels (id, code, name) VALUES (1, 'web', 'Web'), (2, 'app', 'App')");
  const product = sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (?, ?, ?, ?, 500, 0)");
  // Two products share a category, so their sales add up in one summary row.
  for (const [id, category] of [[1, "home"], [2, "home"], [3, "garden"]] as const) product.run(id, `SKU-${id}`, `Product ${id}`, category);
});

beforeEach(() => {
  raw().exec("DELETE FROM sales_summary; DELETE FROM daily_sales;");
  const sale = raw().prepare("INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) VALUES (?, ?, ?, ?, ?, 500)");
  for (let d = 0; d < DAYS; d++) {
    for (const productId of [1, 2, 3]) {
      for (const channelId of [1, 2]) {
        // Product 3 sells nothing on the app: zero-unit days still make (zero) summary rows.
        const units = channelId === 2 && productId === 3 ? 0 : (productId * 3 + d * channelId) % 7;
        sale.run(productId, channelId, addDays(FIRST_DAY, d), units, units * 500);
      }
    }
  }
});

describe("refreshSalesSummary", () => {
  it("rolls every day's sales up by channel and category", async () => {
    await refreshSalesSummary(db);
    expect(summary()).toHaveLength(DAYS * 2 * 2);
    expect(summary()).toEqual(grouped());
  });

  it("rewrites only the days of a range, from their current sales", async () => {
    await refreshSalesSummary(db);
    const before = summary();
    const from = addDays(FIRST_DAY, 3);
    const to = addDays(FIRST_DAY, 5);
    raw().exec(`UPDATE daily_sales SET units = units + 10, revenue_cents = revenue_cents + 5000 WHERE date IN ('${FIRST_DAY}', '${from}', '${to}')`);
    await refreshSalesSummary(db, { from, to });
    const after = summary();
    const inRange = (r: SummaryRow) => r.date >= from && r.date <= to;
    expect(after.filter(inRange)).toEqual(grouped().filter(inRange));
    expect(after.filter((r) => !inRange(r))).toEqual(before.filter((r) => !inRange(r)));
    expect(after.find((r) => r.date === from && r.channelId === 1 && r.category === "home")!.units).toBe(before.find((r) => r.date === from && r.channelId === 1 && r.category === "home")!.units + 20);
  });

  it.each([
    ["without the planner's statistics", false],
    ["with them", true],
  ])("sorts nothing and reads daily sales by product and channel, %s", async (_, analyzed) => {
    if (analyzed) raw().exec("ANALYZE");
    for (const range of [undefined, { from: addDays(FIRST_DAY, 2), to: addDays(FIRST_DAY, 4) }]) {
      const { statements } = await recordStatements(db, () => refreshSalesSummary(db, range));
      const plans = statements.map((s) => queryPlan(db, s));
      expect(plans.flat().filter((line) => line.includes("TEMP B-TREE"))).toEqual([]);
      const salesReads = plans.flat().filter((line) => /^(SCAN|SEARCH) s\b/.test(line));
      expect(salesReads).toHaveLength(1);
      expect(salesReads[0]).toMatch(/^SEARCH s USING INDEX sqlite_autoindex_daily_sales_1 \(product_id=\? AND channel_id=\?/);
    }
    expect(summary()).toEqual(grouped());
  });
});
