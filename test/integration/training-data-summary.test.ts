/**
 * The Models page's "training data" column on a real (temporary) SQLite file: the counts it states, and that it
 * reads them by hopping through indexes rather than sorting every daily sale or interaction.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { modelTasks } from "@/db/schema";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { queryPlan, recordStatements } from "../support/statement-log";

let db: Db;

beforeAll(() => {
  db = getDb();
  const sqlite = rawSqlite(db).$client;
  sqlite.exec("INSERT INTO channels (id, code, name) VALUES (1, 'web', 'Web'), (2, 'app', 'App')");
  const product = sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (?, ?, 'P', 'home', 500, 0)");
  for (const id of [1, 2, 3]) product.run(id, `SKU-${id}`);
  const sale = sqlite.prepare("INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) VALUES (?, ?, ?, 1, 500, 500)");
  // Series: 1-web, 1-app, 2-web (product 3 never sold); days: 01 to 04 and 09.
  for (const date of ["2024-05-01", "2024-05-02", "2024-05-03"]) sale.run(1, 1, date);
  for (const date of ["2024-05-02", "2024-05-04"]) sale.run(1, 2, date);
  for (const date of ["2024-05-03", "2024-05-09"]) sale.run(2, 1, date);
  const customer = sqlite.prepare("INSERT INTO customers (id, external_id) VALUES (?, ?)");
  for (const id of [1, 2, 3, 4]) customer.run(id, `C-${id}`);
  const interaction = sqlite.prepare("INSERT INTO interactions (customer_id, product_id, kind, occurred_at) VALUES (?, ?, 'view', 0)");
  for (const [c, p] of [[1, 1], [1, 2], [1, 1], [3, 2], [3, 3]]) interaction.run(c, p);
  const price = sqlite.prepare("INSERT INTO price_history (product_id, price_cents, effective_from, source) VALUES (?, ?, ?, 'seed')");
  for (const [p, cents, from] of [[1, 500, "2024-01-01"], [1, 450, "2024-03-01"], [2, 900, "2024-01-01"]] as const) price.run(p, cents, from);
  const review = sqlite.prepare("INSERT INTO reviews (product_id, rating, body, created_at) VALUES (?, 5, 'Fine', 0)");
  for (const p of [2, 2, 3]) review.run(p);
});

describe("trainingDataSummary", () => {
  it("states what each task would train on", async () => {
    const summaries = await Promise.all(modelTasks.map(async (task) => [task, await trainingDataSummary(db, task)] as const));
    expect(Object.fromEntries(summaries)).toEqual({
      forecast: "3 product × channel series with 5 days of history",
      pricing: "3 price changes across 2 products",
      fraud: "0 payment transactions",
      sentiment: "3 reviews of 2 products",
      recommend: "5 interactions from 2 customers",
    });
  });

  it.each(modelTasks)("reads %s's counts without sorting every row into a temporary b-tree", async (task) => {
    const { statements } = await recordStatements(db, () => trainingDataSummary(db, task));
    expect(statements).toHaveLength(1);
    expect(queryPlan(db, statements[0]!).filter((line) => line.includes("TEMP B-TREE"))).toEqual([]);
  });
});
