import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "@/lib/db";
import { products, reviews } from "@/lib/schema";
import { reviewSentimentRows, reviewSentimentSplit } from "@/lib/reviews/training-data";

const dir = mkdtempSync(path.join(os.tmpdir(), "sentiment-db-"));
const db = openSqlite(path.join(dir, "store.db"));

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("review sentiment training data", () => {
  const day = 86_400_000;
  const seeded = [
    { rating: 5, body: "Love it", at: 3 },
    { rating: 1, body: "Broke on day one", at: 1 },
    { rating: 3, body: "It is fine", at: 2 },
    { rating: 4, body: "Good value", at: 5 },
    { rating: 2, body: "Too slow", at: 4 },
  ];
  beforeAll(async () => {
    await db.insert(products).values({ id: 1, sku: "SKU-1", name: "Kettle", category: "Home", priceCents: 2999, createdAt: new Date(0) }).run();
    await db
      .insert(reviews)
      .values(seeded.map((r, i) => ({ id: i + 1, productId: 1, rating: r.rating, title: "Five stars", body: r.body, createdAt: new Date(r.at * day) })))
      .run();
  });

  it("labels 4-5 stars positive and 1-2 negative, drops 3 stars, oldest first, body only", async () => {
    expect(await reviewSentimentRows(db)).toEqual([
      { id: "2", text: "Broke on day one", label: 0 },
      { id: "1", text: "Love it", label: 1 },
      { id: "5", text: "Too slow", label: 0 },
      { id: "4", text: "Good value", label: 1 },
    ]);
  });

  it("holds out the latest quarter by creation time", async () => {
    const { train, test } = await reviewSentimentSplit(db);
    expect(train.map((r) => r.id)).toEqual(["2", "1", "5"]);
    expect(test.map((r) => r.id)).toEqual(["4"]);
  });
});
