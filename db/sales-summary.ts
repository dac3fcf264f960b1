import { sql } from "drizzle-orm";

type SqlRunner = { run: (query: ReturnType<typeof sql>) => unknown };

/**
 * Rebuilds sales_summary from daily_sales for the given dates (all dates when no range is given).
 * Call it inside the same transaction as the write it follows, so readers never see the two disagree.
 */
export function refreshSalesSummary(db: SqlRunner, range?: { from: string; to: string }): void {
  const where = range ? sql`where s.date between ${range.from} and ${range.to}` : sql``;
  db.run(range ? sql`delete from sales_summary where date between ${range.from} and ${range.to}` : sql`delete from sales_summary`);
  db.run(sql`
    insert into sales_summary (date, channel_id, category, units, revenue_cents)
    select s.date, s.channel_id, p.category, sum(s.units), sum(s.revenue_cents)
    from daily_sales s join products p on p.id = s.product_id
    ${where}
    group by s.date, s.channel_id, p.category`);
}
