import "server-only";
import { count, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "@/lib/db";
import { dailySales, interactions, paymentTransactions, priceHistory, reviews, type ModelTask } from "@/lib/schema";

/**
 * What each task would train on: shown on a model page until its first model exists, so the empty state is honest,
 * and in the Models page's table on every load. Each distinct count stands alone in its subquery over an index that
 * leads with the counted columns, so SQLite hops from one distinct value to the next instead of sorting every row
 * (millions of daily sales and interactions) in a temporary b-tree, which it does once a count(distinct) shares
 * its select with another aggregate or counts an expression.
 */
export async function trainingDataSummary(db: Db, task: ModelTask): Promise<string> {
  switch (task) {
    case "forecast": {
      const r = await seriesAndDays(db);
      return `${r.series.toLocaleString("en-US")} product × channel series with ${r.days} days of history`;
    }
    case "pricing": {
      const r = await rowsAndDistinct(db, priceHistory, priceHistory.productId);
      return `${r.rows.toLocaleString("en-US")} price changes across ${r.distinct} products`;
    }
    case "fraud": {
      const n = (await db.select({ n: count() }).from(paymentTransactions).get())?.n ?? 0;
      return `${n.toLocaleString("en-US")} payment transactions`;
    }
    case "sentiment": {
      const r = await rowsAndDistinct(db, reviews, reviews.productId);
      return `${r.rows.toLocaleString("en-US")} reviews of ${r.distinct} products`;
    }
    case "recommend": {
      const r = await rowsAndDistinct(db, interactions, interactions.customerId);
      return `${r.rows.toLocaleString("en-US")} interactions from ${r.distinct.toLocaleString("en-US")} customers`;
    }
  }
}

/** The product × channel series of daily_sales and its distinct days. Raw SQL: one row of subqueries (drizzle's select always reads FROM a table). */
async function seriesAndDays(db: Db): Promise<{ series: number; days: number }> {
  // The derived table is named: PostgreSQL before 16 requires it.
  const row = await db.get<{ series: number; days: number }>(sql`select
    (select count(*) from (select distinct ${dailySales.productId}, ${dailySales.channelId} from ${dailySales}) as "pairs") as "series",
    (select count(distinct ${dailySales.date}) from ${dailySales}) as "days"`);
  return { series: Number(row?.series ?? 0), days: Number(row?.days ?? 0) };
}

/** The rows of `table` and the distinct values of its `column`, each count in a subquery of its own (see above); raw SQL likewise. */
async function rowsAndDistinct(db: Db, table: SQLiteTable, column: SQLiteColumn): Promise<{ rows: number; distinct: number }> {
  const row = await db.get<{ rows: number; distinct: number }>(sql`select (select count(*) from ${table}) as "rows", (select count(distinct ${column}) from ${table}) as "distinct"`);
  return { rows: Number(row?.rows ?? 0), distinct: Number(row?.distinct ?? 0) };
}
