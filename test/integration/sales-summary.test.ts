/**
 * sales_summary's refresh on a real (temporary) SQLite file: the same rows as a GROUP BY over daily_sales, for all
 * dates or a range, and a plan whose cost follows the rows refreshed (no sort of them all, a range read through
 * each product's and channel's own run of the primary key) with or without the planner's statistics.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { channels, dailySales, products, salesSummary } from "@/lib/schema";
import { refreshSalesSummary } from "@/lib/sales-summary";
import { addDays } from "@/lib/dates";
import { queryPlan, recordStatements } from "../support/statement-log";
import { onPostgres } from "../support/test-db";

const FIRST_DAY = "2024-05-01";
const DAYS = 12;
let db: Db;

type SummaryRow = { date: string; channelId: number; category: string; units: number; revenueCents: number };

const summary = (): Promise<SummaryRow[]> =>
  db.all<SummaryRow>(sql`SELECT date, channel_id AS "channelId", category, units, revenue_cents AS "revenueCents" FROM ${salesSummary} ORDER BY 1, 2, 3`);

/** What the summary must hold: daily sales grouped by day, channel and the product's category. */
const grouped = (): Promise<SummaryRow[]> =>
  db.all<SummaryRow>(
    sql`SELECT s.date, s.channel_id AS "channelId", p.category, SUM(s.units) AS "units", SUM(s.revenue_cents) AS "revenueCents"
          FROM ${dailySales} s JOIN ${products} p ON p.id = s.product_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );

beforeAll(async () => {
  db = getDb();
  await db.insert(channels).values([
    { id: 1, code: "web", name: "Web" },
    { id: 2, code: "app", name: "App" },
  ]);
  // Two products share a category, so their sales add up in one summary row.
  await db.insert(products).values(
    ([[1, "home"], [2, "home"], [3, "garden"]] as const).map(([id, category]) => ({ id, sku: `SKU-${id}`, name: `Product ${id}`, category, priceCents: 500, createdAt: new Date(0) })),
  );
});

beforeEach(async () => {
  await db.delete(salesSummary);
  await db.delete(dailySales);
  const sales: (typeof dailySales.$inferInsert)[] = [];
  for (let d = 0; d < DAYS; d++) {
    for (const productId of [1, 2, 3]) {
      for (const channelId of [1, 2]) {
        // Product 3 sells nothing on the app: zero-unit days still make (zero) summary rows.
        const units = channelId === 2 && productId === 3 ? 0 : (productId * 3 + d * channelId) % 7;
        sales.push({ productId, channelId, date: addDays(FIRST_DAY, d), units, revenueCents: units * 500, priceCents: 500 });
      }
    }
  }
  await db.insert(dailySales).values(sales);
});

describe("refreshSalesSummary", () => {
  it("rolls every day's sales up by channel and category", async () => {
    await refreshSalesSummary(db);
    expect(await summary()).toHaveLength(DAYS * 2 * 2);
    expect(await summary()).toEqual(await grouped());
  });

  it("rewrites only the days of a range, from their current sales", async () => {
    await refreshSalesSummary(db);
    const before = await summary();
    const from = addDays(FIRST_DAY, 3);
    const to = addDays(FIRST_DAY, 5);
    await db
      .update(dailySales)
      .set({ units: sql`${dailySales.units} + 10`, revenueCents: sql`${dailySales.revenueCents} + 5000` })
      .where(inArray(dailySales.date, [FIRST_DAY, from, to]));
    await refreshSalesSummary(db, { from, to });
    const after = await summary();
    const inRange = (r: SummaryRow) => r.date >= from && r.date <= to;
    expect(after.filter(inRange)).toEqual((await grouped()).filter(inRange));
    expect(after.filter((r) => !inRange(r))).toEqual(before.filter((r) => !inRange(r)));
    expect(after.find((r) => r.date === from && r.channelId === 1 && r.category === "home")!.units).toBe(before.find((r) => r.date === from && r.channelId === 1 && r.category === "home")!.units + 20);
  });

  // SQLite's query plans (EXPLAIN QUERY PLAN over the statements logged on its connection): SQLite only.
  it.skipIf(onPostgres).each([
    ["without the planner's statistics", false],
    ["with them", true],
  ])("sorts nothing and reads daily sales by product and channel, %s", async (_, analyzed) => {
    if (analyzed) rawSqlite(db).$client.exec("ANALYZE");
    for (const range of [undefined, { from: addDays(FIRST_DAY, 2), to: addDays(FIRST_DAY, 4) }]) {
      const { statements } = await recordStatements(db, () => refreshSalesSummary(db, range));
      const plans = statements.map((s) => queryPlan(db, s));
      expect(plans.flat().filter((line) => line.includes("TEMP B-TREE"))).toEqual([]);
      const salesReads = plans.flat().filter((line) => /^(SCAN|SEARCH) s\b/.test(line));
      expect(salesReads).toHaveLength(1);
      expect(salesReads[0]).toMatch(/^SEARCH s USING INDEX sqlite_autoindex_daily_sales_1 \(product_id=\? AND channel_id=\?/);
    }
    expect(await summary()).toEqual(await grouped());
  });
});
