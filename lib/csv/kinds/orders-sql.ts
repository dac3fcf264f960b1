import type Database from "better-sqlite3";

/**
 * Prepared statements for the three tables an orders file fills by the ten thousand. Plain SQL on the
 * connection is several times faster than building a drizzle insert per chunk, and the tests pin the columns.
 */
export function orderStatements(sqlite: Database.Database) {
  const insertOrder = sqlite.prepare<[string, number | null, number, number, string, number, string | null, number]>(
    `insert into orders (external_id, customer_id, channel_id, ordered_at, status, total_cents, country, source, import_id)
     values (?, ?, ?, ?, ?, ?, ?, 'import', ?)`,
  );
  const insertLine = sqlite.prepare<[number, number, number, number]>(
    "insert into order_lines (order_id, product_id, quantity, unit_price_cents) values (?, ?, ?, ?)",
  );
  // Adds to a day already there (the seed or an earlier import) and re-derives its price from the new totals;
  // in DO UPDATE the bare table name is the row as it was, `excluded` the row offered.
  const addDailySales = sqlite.prepare<[number, number, string, number, number, number]>(
    `insert into daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) values (?, ?, ?, ?, ?, ?)
     on conflict (product_id, channel_id, date) do update set
       units = daily_sales.units + excluded.units,
       revenue_cents = daily_sales.revenue_cents + excluded.revenue_cents,
       price_cents = case when daily_sales.units + excluded.units > 0
         then cast(round(1.0 * (daily_sales.revenue_cents + excluded.revenue_cents) / (daily_sales.units + excluded.units)) as integer)
         else daily_sales.price_cents end`,
  );
  return {
    insertOrder: (...args: Parameters<typeof insertOrder.run>) => Number(insertOrder.run(...args).lastInsertRowid),
    insertLine: (...args: Parameters<typeof insertLine.run>) => void insertLine.run(...args),
    addDailySales: (...args: Parameters<typeof addDailySales.run>) => void addDailySales.run(...args),
  };
}
