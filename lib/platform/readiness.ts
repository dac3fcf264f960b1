import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ModelTask } from "@/db/schema";

/** What each task would train on: shown on a model page until its first model exists, so the empty state is honest. */
export function trainingDataSummary(db: Db, task: ModelTask): string {
  switch (task) {
    case "forecast": {
      const r = db.get<{ series: number; days: number }>(
        sql`select count(distinct product_id || '-' || channel_id) as series, count(distinct date) as days from daily_sales`,
      );
      return `${r.series.toLocaleString("en-US")} product × channel series with ${r.days} days of history`;
    }
    case "pricing": {
      const r = db.get<{ changes: number; products: number }>(
        sql`select count(*) as changes, count(distinct product_id) as products from price_history`,
      );
      return `${r.changes.toLocaleString("en-US")} price changes across ${r.products} products`;
    }
    case "fraud": {
      const r = db.get<{ n: number }>(sql`select count(*) as n from payment_transactions`);
      return `${r.n.toLocaleString("en-US")} payment transactions`;
    }
    case "sentiment": {
      const r = db.get<{ n: number; products: number }>(sql`select count(*) as n, count(distinct product_id) as products from reviews`);
      return `${r.n.toLocaleString("en-US")} reviews of ${r.products} products`;
    }
    case "recommend": {
      const r = db.get<{ n: number; customers: number }>(
        sql`select count(*) as n, count(distinct customer_id) as customers from interactions`,
      );
      return `${r.n.toLocaleString("en-US")} interactions from ${r.customers.toLocaleString("en-US")} customers`;
    }
  }
}
