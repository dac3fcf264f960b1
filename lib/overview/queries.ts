import "server-only";
import { and, between, count, gte, lt, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders as ordersTable, salesSummary } from "@/lib/schema";
import { addDays, isoWeekday, startOfDayMs, weekStart } from "@/lib/dates";

export const overviewRanges = { "30d": 30, "90d": 90, "365d": 365, "730d": 730 } as const;
export type OverviewRange = keyof typeof overviewRanges;

export type Period = { from: string; to: string };

// Every query here reads sales_summary (daily sales by channel and category), not the near-million daily_sales rows.

/** The store's "today" is its latest day of sales, so the demo store reads the same whatever the wall clock says. */
export async function latestSalesDate(db: Db): Promise<string | null> {
  return (await db.select({ d: max(salesSummary.date) }).from(salesSummary).get())?.d ?? null;
}

export function periodEnding(to: string, days: number): Period {
  return { from: addDays(to, -(days - 1)), to };
}

export type Kpis = { revenueCents: number; units: number; orders: number; avgOrderCents: number | null };

export async function kpis(db: Db, { from, to }: Period): Promise<Kpis> {
  const sales = await db
    .select({ revenue: sql<number | null>`sum(${salesSummary.revenueCents})`, units: sql<number | null>`sum(${salesSummary.units})` })
    .from(salesSummary)
    .where(between(salesSummary.date, from, to))
    .get();
  const orders =
    (
      await db
        .select({ n: count() })
        .from(ordersTable)
        .where(and(gte(ordersTable.orderedAt, new Date(startOfDayMs(from))), lt(ordersTable.orderedAt, new Date(startOfDayMs(addDays(to, 1))))))
        .get()
    )?.n ?? 0;
  // PostgreSQL's sum of a bigint is numeric: read as a number on both.
  const revenueCents = Number(sales?.revenue ?? 0);
  return { revenueCents, units: Number(sales?.units ?? 0), orders, avgOrderCents: orders > 0 ? Math.round(revenueCents / orders) : null };
}

export type ChannelSeriesPoint = { period: string } & Record<string, number | string>;

/**
 * Revenue and units per channel per day, or per ISO week (starting Monday) for long ranges so the chart stays
 * readable. Weekly series keep only whole weeks: a partial first or last week would look like a collapse in sales.
 */
export async function salesByChannel(db: Db, period: Period, grain: "day" | "week"): Promise<{ revenue: ChannelSeriesPoint[]; units: ChannelSeriesPoint[] }> {
  const from = grain === "week" ? addDays(period.from, (8 - isoWeekday(period.from)) % 7) : period.from;
  const to = grain === "week" ? addDays(period.to, -(isoWeekday(period.to) % 7)) : period.to;
  // Raw SQL (typed rows): per day and channel; days are summed into ISO weeks (their Monday) here, the same on
  // SQLite and PostgreSQL (no date arithmetic in SQL). At most 730 days x the channels.
  const rows = await db.all<{ day: string; channel: string; revenue: number; units: number }>(sql`
    select s.date as "day", c.code as "channel", sum(s.revenue_cents) as "revenue", sum(s.units) as "units"
    from sales_summary s join channels c on c.id = s.channel_id
    where s.date between ${from} and ${to}
    group by s.date, c.code order by s.date, c.code`);
  const revenue = new Map<string, ChannelSeriesPoint>();
  const units = new Map<string, ChannelSeriesPoint>();
  // Cents and units are summed as integers, and divided once per point, as the SQL sum did.
  const cents = new Map<string, number>();
  for (const r of rows) {
    const key = grain === "day" ? r.day : weekStart(r.day);
    if (!revenue.has(key)) {
      revenue.set(key, { period: key });
      units.set(key, { period: key });
    }
    const slot = `${key}\u0000${r.channel}`;
    const total = (cents.get(slot) ?? 0) + Number(r.revenue);
    cents.set(slot, total);
    revenue.get(key)![r.channel] = total / 100;
    units.get(key)![r.channel] = Number(units.get(key)![r.channel] ?? 0) + Number(r.units);
  }
  return { revenue: [...revenue.values()], units: [...units.values()] };
}

export type ChannelTotal = { channel: string; name: string; revenueCents: number; units: number; share: number };

export async function channelTotals(db: Db, { from, to }: Period): Promise<ChannelTotal[]> {
  // Raw SQL (typed rows): a left join with a date range in its ON clause, ordered by the summed alias.
  const rows = (
    await db.all<{ channel: string; name: string; revenue: number; units: number }>(sql`
    select c.code as "channel", c.name as "name", coalesce(sum(s.revenue_cents), 0) as "revenue", coalesce(sum(s.units), 0) as "units"
    from channels c left join sales_summary s on s.channel_id = c.id and s.date between ${from} and ${to}
    group by c.id, c.code, c.name order by "revenue" desc`)
  ).map((r) => ({ ...r, revenue: Number(r.revenue), units: Number(r.units) }));
  const total = rows.reduce((a, r) => a + r.revenue, 0);
  return rows.map((r) => ({ channel: r.channel, name: r.name, revenueCents: r.revenue, units: r.units, share: total ? r.revenue / total : 0 }));
}

export type CategoryTotal = { category: string; revenueCents: number; units: number; previousRevenueCents: number };

export async function categoryTotals(db: Db, period: Period, previous: Period): Promise<CategoryTotal[]> {
  // Raw SQL (typed rows): two periods summed in one pass with CASE expressions.
  const rows = await db.all<{ category: string; revenue: number; units: number; previous: number }>(
    sql`
    select s.category as "category",
      sum(case when s.date between ${period.from} and ${period.to} then s.revenue_cents else 0 end) as "revenue",
      sum(case when s.date between ${period.from} and ${period.to} then s.units else 0 end) as "units",
      sum(case when s.date between ${previous.from} and ${previous.to} then s.revenue_cents else 0 end) as "previous"
    from sales_summary s
    where s.date between ${previous.from} and ${period.to}
    group by s.category order by "revenue" desc`,
  );
  return rows.map((r) => ({ category: r.category, revenueCents: Number(r.revenue), units: Number(r.units), previousRevenueCents: Number(r.previous) }));
}

export type StoreCounts = { products: number; customers: number; orders: number; transactions: number; reviews: number };

export async function storeCounts(db: Db): Promise<StoreCounts> {
  // Raw SQL (typed row): five counts as scalar subqueries of one statement, a select with no table of its own.
  const row = await db.get<StoreCounts>(sql`select
    (select count(*) from products) as "products", (select count(*) from customers) as "customers",
    (select count(*) from orders) as "orders", (select count(*) from payment_transactions) as "transactions",
    (select count(*) from reviews) as "reviews"`);
  return {
    products: Number(row?.products ?? 0),
    customers: Number(row?.customers ?? 0),
    orders: Number(row?.orders ?? 0),
    transactions: Number(row?.transactions ?? 0),
    reviews: Number(row?.reviews ?? 0),
  };
}
