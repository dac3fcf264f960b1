import { sql } from "drizzle-orm";

type SqlRunner = { run: (query: ReturnType<typeof sql>) => unknown };

/**
 * Rebuilds sales_summary from daily_sales for the given dates (all dates when no range is given).
 * Call it inside the same transaction as the write it follows, so readers never see the two disagree.
 *
 * Linear in the rows it refreshes, whether or not the planner has statistics: products (by category) and channels
 * drive the loop (CROSS JOIN fixes the order), each reads its own contiguous run of daily_sales' primary key within
 * the range, and each row is added into its summary row by an upsert into the small summary table. A GROUP BY here
 * sorted every row in a temporary b-tree (30 s and more in the seed at 4 x the demo store), and reading a range
 * through the date index jumps to a different table page for every product and channel of every day.
 */
export function refreshSalesSummary(db: SqlRunner, range?: { from: string; to: string }): void {
  const inRange = range ? sql`and s.date between ${range.from} and ${range.to}` : sql``;
  db.run(range ? sql`delete from sales_summary where date between ${range.from} and ${range.to}` : sql`delete from sales_summary`);
  db.run(sql`
    insert into sales_summary (date, channel_id, category, units, revenue_cents)
    select s.date, s.channel_id, p.category, s.units, s.revenue_cents
    from products p cross join channels c cross join daily_sales s
    where s.product_id = p.id and s.channel_id = c.id ${inRange}
    on conflict (date, channel_id, category) do update
      set units = sales_summary.units + excluded.units, revenue_cents = sales_summary.revenue_cents + excluded.revenue_cents`);
}
