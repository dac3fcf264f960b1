import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ModelTask } from "@/db/schema";

/**
 * What each task would train on: shown on a model page until its first model exists, so the empty state is honest,
 * and in the Models page's table on every load. Each distinct count stands alone in its subquery over an index that
 * leads with the counted columns, so SQLite hops from one distinct value to the next instead of sorting every row
 * (millions of daily sales and interactions) in a temporary b-tree, which it does once a count(distinct) shares
 * its select with another aggregate or counts an expression.
 */
export function trainingDataSummary(db: Db, task: ModelTask): string {
  switch (task) {
    case "forecast": {
      const r = db.get<{ series: number; days: number }>(sql`select
        (select count(*) from (select distinct product_id, channel_id from daily_sales)) as series,
        (select count(distinct date) from daily_sales) as days`);
      return `${r.series.toLocaleString("en-US")} product × channel series with ${r.days} days of history`;
    }
    case "pricing": {
      const r = db.get<{ changes: number; products: number }>(
        sql`select (select count(*) from price_history) as changes, (select count(distinct product_id) from price_history) as products`,
      );
      return `${r.changes.toLocaleString("en-US")} price changes across ${r.products} products`;
    }
    case "fraud": {
      const r = db.get<{ n: number }>(sql`select count(*) as n from payment_transactions`);
      return `${r.n.toLocaleString("en-US")} payment transactions`;
    }
    case "sentiment": {
      const r = db.get<{ n: number; products: number }>(sql`select (select count(*) from reviews) as n, (select count(distinct product_id) from reviews) as products`);
      return `${r.n.toLocaleString("en-US")} reviews of ${r.products} products`;
    }
    case "recommend": {
      const r = db.get<{ n: number; customers: number }>(
        sql`select (select count(*) from interactions) as n, (select count(distinct customer_id) from interactions) as customers`,
      );
      return `${r.n.toLocaleString("en-US")} interactions from ${r.customers.toLocaleString("en-US")} customers`;
    }
  }
}
