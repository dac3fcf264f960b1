import { sql, type SQL } from "drizzle-orm";

type SqlRunner = { run: (query: SQL) => unknown };
type SalesSummaryRange = { from: string; to: string };

/**
 * The statements that rebuild sales_summary from daily_sales for the given dates (all dates when no range is given),
 * in order: run them inside the same transaction as the write they follow, so readers never see the two disagree.
 * The app runs them through its asynchronous database (lib/sales-summary.ts), the demo seed through its synchronous
 * SQLite connection (`refreshSalesSummary` below).
 *
 * SQLite: linear in the rows it refreshes, whether or not the planner has statistics: products (by category) and
 * channels drive the loop (CROSS JOIN fixes the order), each reads its own contiguous run of daily_sales' primary key
 * within the range, and each row is added into its summary row by an upsert into the small summary table. A GROUP BY
 * here sorted every row in a temporary b-tree (30 s and more in the seed at 4 x the demo store), and reading a range
 * through the date index jumps to a different table page for every product and channel of every day.
 *
 * PostgreSQL refuses an upsert that meets the same row twice in one statement (two products of a category on one day
 * and channel do), so there the rows are added up by GROUP BY, which its planner does by hashing rather than sorting.
 */
export function salesSummaryRefresh(dialect: "sqlite" | "postgres", range?: SalesSummaryRange): SQL[] {
  const inRange = range ? sql`and s.date between ${range.from} and ${range.to}` : sql``;
  const clear = range ? sql`delete from sales_summary where date between ${range.from} and ${range.to}` : sql`delete from sales_summary`;
  if (dialect === "postgres") {
    return [
      clear,
      sql`insert into sales_summary (date, channel_id, category, units, revenue_cents)
        select s.date, s.channel_id, p.category, sum(s.units), sum(s.revenue_cents)
        from daily_sales s join products p on p.id = s.product_id
        where true ${inRange}
        group by s.date, s.channel_id, p.category`,
    ];
  }
  return [
    clear,
    sql`
    insert into sales_summary (date, channel_id, category, units, revenue_cents)
    select s.date, s.channel_id, p.category, s.units, s.revenue_cents
    from products p cross join channels c cross join daily_sales s
    where s.product_id = p.id and s.channel_id = c.id ${inRange}
    on conflict (date, channel_id, category) do update
      set units = sales_summary.units + excluded.units, revenue_cents = sales_summary.revenue_cents + excluded.revenue_cents`,
  ];
}

/** The demo seed's refresh, on its synchronous SQLite connection (inside its write transaction). */
export function refreshSalesSummary(db: SqlRunner, range?: SalesSummaryRange): void {
  for (const statement of salesSummaryRefresh("sqlite", range)) db.run(statement);
}
