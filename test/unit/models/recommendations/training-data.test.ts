import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "@/lib/db";
import { customers, interactions, orderLines, orders, products, channels } from "@/lib/schema";
import { loadCatalogAttributes, loadInteractionEvents, loadRecommendationTrainRows } from "@/lib/recommendations/training-data";

const dir = mkdtempSync(path.join(os.tmpdir(), "recommend-db-"));
const db = openSqlite(path.join(dir, "store.db"));

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("recommendation training data", () => {
  beforeAll(async () => {
    await db.insert(channels).values({ id: 1, code: "web", name: "Web" }).run();
    await db
      .insert(products)
      .values([
        { id: 1, sku: "SKU-1", name: "Kettle", category: "Home", priceCents: 2999, createdAt: new Date(0) },
        { id: 2, sku: "SKU-2", name: "Toaster", category: "Home", priceCents: 3999, createdAt: new Date(0) },
      ])
      .run();
    await db.insert(customers).values([{ id: 1, externalId: "C-1" }, { id: 2, externalId: "C-2" }]).run();
  });

  it("falls back to completed orders' lines when there are no interactions", async () => {
    await db.insert(orders).values([
      { id: 1, externalId: "O-1", customerId: 1, channelId: 1, orderedAt: new Date(1000), status: "completed", totalCents: 2999 },
      { id: 2, externalId: "O-2", customerId: 2, channelId: 1, orderedAt: new Date(2000), status: "returned", totalCents: 3999 },
      { id: 3, externalId: "O-3", customerId: null, channelId: 1, orderedAt: new Date(3000), status: "completed", totalCents: 3999 },
    ]).run();
    await db.insert(orderLines).values([
      { orderId: 1, productId: 1, quantity: 1, unitPriceCents: 2999 },
      { orderId: 1, productId: 2, quantity: -1, unitPriceCents: 3999 },
      { orderId: 2, productId: 2, quantity: 1, unitPriceCents: 3999 },
      { orderId: 3, productId: 2, quantity: 1, unitPriceCents: 3999 },
    ]).run();
    expect(await loadRecommendationTrainRows(db)).toEqual([{ userId: "C-1", itemId: "SKU-1", timestamp: 1000, weight: 1 }]);
  });

  it("reads interactions as customer external id x SKU, purchases only by default, weighted on request", async () => {
    await db.insert(interactions).values([
      { customerId: 1, productId: 2, kind: "view", occurredAt: new Date(5000) },
      { customerId: 1, productId: 2, kind: "cart", occurredAt: new Date(6000) },
      { customerId: 1, productId: 2, kind: "purchase", occurredAt: new Date(7000) },
      { customerId: 2, productId: 1, kind: "view", occurredAt: new Date(4000) },
    ]).run();
    expect(await loadRecommendationTrainRows(db)).toEqual([{ userId: "C-1", itemId: "SKU-2", timestamp: 7000, weight: 1 }]);
    expect((await loadRecommendationTrainRows(db, { signal: "weighted" })).map((r) => [r.userId, r.timestamp, r.weight])).toEqual([
      ["C-2", 4000, 0.25],
      ["C-1", 5000, 0.25],
      ["C-1", 6000, 0.5],
      ["C-1", 7000, 1],
    ]);
    expect((await loadInteractionEvents(db, { since: new Date(6500) })).map((e) => e.kind)).toEqual(["purchase"]);
  });

  it("reads every product's category and brand by SKU, bought or not", async () => {
    await db.insert(products).values({ id: 3, sku: "SKU-3", name: "Mug", category: "Kitchen", brand: "Acme", priceCents: 899, createdAt: new Date(0) }).run();
    expect(await loadCatalogAttributes(db)).toEqual(
      new Map([
        ["SKU-1", { category: "Home", brand: null }],
        ["SKU-2", { category: "Home", brand: null }],
        ["SKU-3", { category: "Kitchen", brand: "Acme" }],
      ]),
    );
  });
});
