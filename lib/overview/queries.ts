import "server-only";
import { and, between, count, gte, lt, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders as ordersTable, salesSummary } from "@/lib/schema";
import { addDays, isoWeekday, startOfDayMs } from "@/lib/dates";

export const overviewRanges = { "30d": 30, "90d": 90, "365d": 365, "730d": 730 } as const;
export type OverviewRange = keyof typeof overviewRanges;

export type Period = { from: string; to: string };

// Every query here reads sales_summary (daily sales by channel and category), not the near-million daily_sales rows.

/** The store's "today" is its latest day of sales, so the demo store reads the same whatever the wall clock says. */
export function latestSalesDate(db: Db): string | null {
  return db.select({ d: max(salesSummary.date) }).from(salesSummary).get()?.d ?? null;
}

export function periodEnding(to: string, days: number): Period {
  return { from: addDays(to, -(days - 1)), to };
}

export type Kpis = { revenueCents: number; units: number; orders: number; avgOrderCents: number | null };

export function kpis(db: Db, { from, to }: Period): Kpis {
  const sales = db
    .select({ revenue: sql<number | null>`sum(${salesSummary.revenueCents})`, units: sql<number | null>`sum(${salesSummary.units})` })
    .from(salesSummary)
    .where(between(salesSummary.date, from, to))
    .get();
  const orders =
    db
      .select({ n: count() })
      .from(ordersTable)
      .where(and(gte(ordersTable.orderedAt, new Date(startOfDayMs(from))), lt(ordersTable.orderedAt, new Date(startOfDayMs(addDays(to, 1))))))
      .get()?.n ?? 0;
  const revenueCents = sales?.revenue ?? 0;
  return { revenueCents, units: sales?.units ?? 0, orders, avgOrderCents: orders > 0 ? Math.round(revenueCents / orders) : null };
}

export type ChannelSeriesPoint = { period: string } & Record<string, number | string>;

/**
 * Revenue and units per channel per day, or per ISO week (starting Monday) for long ranges so the chart stays
 * readable. Weekly series keep only whole weeks: a partial first or last week would look like a collapse in sales.
 */
export function salesByChannel(db: Db, period: Period, grain: "day" | "week"): { revenue: ChannelSeriesPoint[]; units: ChannelSeriesPoint[] } {
  const from = grain === "week" ? addDays(period.from, (8 - isoWeekday(period.from)) % 7) : period.from;
  const to = grain === "week" ? addDays(period.to, -(isoWeekday(period.to) % 7)) : period.to;
  // Raw SQL (typed rows): the week bucket is an SQLite date() expression grouped by its alias.
  const bucket = grain === "day" ? sql`s.date` : sql`date(s.date, '-6 days', 'weekday 1')`;
  const rows = db.all<{ period: string; channel: string; revenue: number; units: number }>(sql`
    select ${bucket} as period, c.code as channel, sum(s.revenue_cents) as revenue, sum(s.units) as units
    from sales_summary s join channels c on c.id = s.channel_id
    where s.date between ${from} and ${to}
    group by period, c.code order by period`);
  const revenue = new Map<string, ChannelSeriesPoint>();
  const units = new Map<string, ChannelSeriesPoint>();
  for (const r of rows) {
    if (!revenue.has(r.period)) {
      revenue.set(r.period, { period: r.period });
      units.set(r.period, { period: r.period });
    }
    revenue.get(r.period)![r.channel] = r.revenue / 100;
    units.get(r.period)![r.channel] = r.units;
  }
  return { revenue: [...revenue.values()], units: [...units.values()] };
}

export type ChannelTotal = { channel: string; name: string; revenueCents: number; units: number; share: number };

export function channelTotals(db: Db, { from, to }: Period): ChannelTotal[] {
  // Raw SQL (typed rows): a left join with a date range in its ON clause, ordered by the summed alias.
  const rows = db.all<{ channel: string; name: string; revenue: number; units: number }>(sql`
    select c.code as channel, c.name as name, coalesce(sum(s.revenue_cents), 0) as revenue, coalesce(sum(s.units), 0) as units
    from channels c left join sales_summary s on s.channel_id = c.id and s.date between ${from} and ${to}
    group by c.id order by revenue desc`);
  const total = rows.reduce((a, r) => a + r.revenue, 0);
  return rows.map((r) => ({ channel: r.channel, name: r.name, revenueCents: r.revenue, units: r.units, share: total ? r.revenue / total : 0 }));
}

export type CategoryTotal = { category: string; revenueCents: number; units: number; previousRevenueCents: number };

export function categoryTotals(db: Db, period: Period, previous: Period): CategoryTotal[] {
  // Raw SQL (typed rows): two periods summed in one pass with CASE expressions.
  return db
    .all<{ category: string; revenue: number; units: number; previous: number }>(
      sql`
    select s.category as category,
      sum(case when s.date between ${period.from} and ${period.to} then s.revenue_cents else 0 end) as revenue,
      sum(case when s.date between ${period.from} and ${period.to} then s.units else 0 end) as units,
      sum(case when s.date between ${previous.from} and ${previous.to} then s.revenue_cents else 0 end) as previous
    from sales_summary s
    where s.date between ${previous.from} and ${period.to}
    group by s.category order by revenue desc`,
    )
    .map((r) => ({ category: r.category, revenueCents: r.revenue, units: r.units, previousRevenueCents: r.previous }));
}

export type StoreCounts = { products: number; customers: number; orders: number; transactions: number; reviews: number };

export function storeCounts(db: Db): StoreCounts {
  // Raw SQL (typed row): five counts as scalar subqueries of one statement, a select with no table of its own.
  return db.get<StoreCounts>(sql`select
    (select count(*) from products) as products, (select count(*) from customers) as customers,
    (select count(*) from orders) as orders, (select count(*) from payment_transactions) as transactions,
    (select count(*) from reviews) as reviews`);
}
