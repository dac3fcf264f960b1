/**
 * The Models page's "training data" column on a real (temporary) database: the counts it states, and that it
 * reads them by hopping through indexes rather than sorting every daily sale or interaction (SQLite's plans).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/lib/db";
import { modelTasks } from "@/db/schema";
import { channels, customers, dailySales, interactions, priceHistory, products, reviews } from "@/lib/schema";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { onPostgres } from "../support/test-db";
import { queryPlan, recordStatements } from "../support/statement-log";

let db: Db;

beforeAll(async () => {
  db = getDb();
  await db.insert(channels).values([
    { id: 1, code: "web", name: "Web" },
    { id: 2, code: "app", name: "App" },
  ]);
  await db.insert(products).values([1, 2, 3].map((id) => ({ id, sku: `SKU-${id}`, name: "P", category: "home", priceCents: 500, createdAt: new Date(0) })));
  const sale = (productId: number, channelId: number, date: string) => ({ productId, channelId, date, units: 1, revenueCents: 500, priceCents: 500 });
  // Series: 1-web, 1-app, 2-web (product 3 never sold); days: 01 to 04 and 09.
  await db.insert(dailySales).values([
    ...["2024-05-01", "2024-05-02", "2024-05-03"].map((date) => sale(1, 1, date)),
    ...["2024-05-02", "2024-05-04"].map((date) => sale(1, 2, date)),
    ...["2024-05-03", "2024-05-09"].map((date) => sale(2, 1, date)),
  ]);
  await db.insert(customers).values([1, 2, 3, 4].map((id) => ({ id, externalId: `C-${id}` })));
  await db.insert(interactions).values(
    [
      [1, 1],
      [1, 2],
      [1, 1],
      [3, 2],
      [3, 3],
    ].map(([customerId, productId]) => ({ customerId: customerId!, productId: productId!, kind: "view" as const, occurredAt: new Date(0) })),
  );
  await db.insert(priceHistory).values(
    (
      [
        [1, 500, "2024-01-01"],
        [1, 450, "2024-03-01"],
        [2, 900, "2024-01-01"],
      ] as const
    ).map(([productId, priceCents, effectiveFrom]) => ({ productId, priceCents, effectiveFrom, source: "seed" as const })),
  );
  await db.insert(reviews).values([2, 2, 3].map((productId) => ({ productId, rating: 5, body: "Fine", createdAt: new Date(0) })));
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

  // SQLite's query plans (EXPLAIN QUERY PLAN of the statements on its one connection); PostgreSQL plans differently.
  it.skipIf(onPostgres).each(modelTasks)("reads %s's counts without sorting every row into a temporary b-tree", async (task) => {
    const { statements } = await recordStatements(db, () => trainingDataSummary(db, task));
    expect(statements).toHaveLength(1);
    expect(queryPlan(db, statements[0]!).filter((line) => line.includes("TEMP B-TREE"))).toEqual([]);
  });
});
