import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { seedDemo } from "@/lib/platform/demo-store";
import { importCsv } from "@/lib/csv/import";
import { addDays, isoWeekday } from "@/lib/dates";
import { findOutlierPeriods, pointTotal } from "@/lib/overview/outliers";
import { categoryTotals, channelTotals, kpis, latestSalesDate, periodEnding, salesByChannel } from "@/lib/overview/queries";

const actor = { id: null, email: "test" };

async function truth(from: string, to: string) {
  return (await getDb().get<{ revenue: number; units: number }>(
    sql`select sum(revenue_cents) as "revenue", sum(units) as "units" from daily_sales where date between ${from} and ${to}`,
  ))!;
}

beforeAll(async () => {
  await seedDemo(getDb(), { scale: 0.02 });
}, 60_000);

describe("Overview KPIs", () => {
  it("add up to the daily sales and the orders of the period", async () => {
    const db = getDb();
    const asOf = (await latestSalesDate(db))!;
    expect(asOf).toBe("2026-10-31");
    const period = periodEnding(asOf, 90);
    const k = await kpis(db, period);
    expect(k.revenueCents).toBe((await truth(period.from, period.to)).revenue);
    expect(k.units).toBe((await truth(period.from, period.to)).units);
    const orders = (await db.get<{ n: number }>(
      // The period's UTC days, as milliseconds (orders.ordered_at): from its first midnight to the one after its last day.
      sql`select count(*) as "n" from orders where ordered_at >= ${Date.parse(`${period.from}T00:00:00Z`)} and ordered_at < ${Date.parse(`${addDays(period.to, 1)}T00:00:00Z`)}`,
    ))!.n;
    expect(k.orders).toBe(orders);
    expect((await channelTotals(db, period)).reduce((a, c) => a + c.revenueCents, 0)).toBe(k.revenueCents);
    const sum = (points: Record<string, number | string>[]) =>
      points.reduce((a, p) => a + ["web", "app", "marketplace", "store"].reduce((b, c) => b + Number(p[c] ?? 0), 0), 0);
    expect(sum((await salesByChannel(db, period, "day")).units)).toBe(k.units);
    // Weekly: whole weeks only, Monday to Sunday, so no partial week looks like a collapse in sales.
    const weekly = (await salesByChannel(db, period, "week")).units;
    expect(weekly.every((p) => isoWeekday(String(p.period)) === 1)).toBe(true);
    const first = String(weekly[0]!.period);
    const last = addDays(String(weekly[weekly.length - 1]!.period), 6);
    expect(first >= period.from && last <= period.to).toBe(true);
    expect(sum(weekly)).toBe((await truth(first, last)).units);
  });

  it("stay true after an orders import and after a product moves category", async () => {
    const db = getDb();
    const file = path.resolve(process.cwd(), "test/fixtures/datasets/online_retail_slice.csv");
    const result = await importCsv(db, { kind: "orders", filename: "retail.csv", text: readFileSync(file, "utf8"), actor });
    expect(result.ok).toBe(true);
    const period = { from: "2010-12-01", to: "2011-12-31" };
    expect((await kpis(db, period)).units).toBe((await truth(period.from, period.to)).units);
    expect((await kpis(db, period)).units).toBeGreaterThan(0);

    const sku = (await db.get<{ sku: string; name: string; price: number }>(sql`select sku, name, price_cents as "price" from products where source = 'seed' order by id limit 1`))!;
    const moved = await importCsv(db, {
      kind: "products",
      filename: "move.csv",
      text: `sku,name,category,price\n${sku.sku},${sku.name},Moved category,${(sku.price / 100).toFixed(2)}\n`,
      actor,
    });
    expect(moved.ok).toBe(true);
    const asOf = (await latestSalesDate(db))!;
    const whole = periodEnding(asOf, 730);
    const moved730 = (await categoryTotals(db, whole, periodEnding("2024-10-31", 730))).find((c) => c.category === "Moved category");
    const direct = (await db.get<{ revenue: number }>(
      sql`select sum(s.revenue_cents) as "revenue" from daily_sales s join products p on p.id = s.product_id where p.sku = ${sku.sku} and s.date between ${whole.from} and ${whole.to}`,
    ))!;
    expect(moved730?.revenueCents).toBe(direct.revenue);
  });
});

describe("Outlier days on the channel chart", () => {
  const totals = (points: Record<string, number | string>[]) => points.map((p) => ({ period: String(p.period), total: pointTotal(p) }));

  it("leaves the demo store's ordinary days and weeks alone, and flags a load-test day written into one day", async () => {
    const db = getDb();
    const asOf = (await latestSalesDate(db))!;
    for (const [days, grain] of [
      [30, "day"],
      [90, "day"],
      [365, "week"],
      [730, "week"],
    ] as const) {
      const series = await salesByChannel(db, periodEnding(asOf, days), grain);
      expect(findOutlierPeriods(totals(series.revenue)).outliers, `${days} days of revenue`).toEqual(new Set());
      expect(findOutlierPeriods(totals(series.units)).outliers, `${days} days of units`).toEqual(new Set());
    }

    const day = addDays(asOf, -10);
    const period = periodEnding(asOf, 30);
    const before = await kpis(db, period);
    const web = (await db.get<{ id: number }>(sql`select id from channels where code = 'web'`))!.id;
    await db.run(sql`insert into sales_summary (date, channel_id, category, units, revenue_cents) values (${day}, ${web}, 'Load test', 500000, 5000000000)`);
    try {
      const series = await salesByChannel(db, period, "day");
      expect(findOutlierPeriods(totals(series.revenue)).outliers).toEqual(new Set([day]));
      expect(findOutlierPeriods(totals(series.units)).outliers).toEqual(new Set([day]));
      // The KPIs keep the real totals: hiding is the chart's business only.
      expect((await kpis(db, period)).units).toBe(before.units + 500000);
    } finally {
      await db.run(sql`delete from sales_summary where category = 'Load test'`);
    }
  });
});
