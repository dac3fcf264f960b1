import { inArray } from "drizzle-orm";
import { channels, customers, orders, paymentTransactions, products, reviews } from "@/db/schema";
import type { ChannelCode } from "./fields";
import type { Sql } from "./types";

/**
 * Reads done once per import instead of once per row: the keys a file mentions are looked up in chunks
 * (SQLite caps the number of bound parameters) and kept in Maps for the planner.
 */
const lookupChunk = 500;

export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function channelIdsByCode(db: Sql): Map<ChannelCode, number> {
  return new Map(db.select({ id: channels.id, code: channels.code }).from(channels).all().map((c) => [c.code, c.id]));
}

export type KnownProduct = { id: number; priceCents: number; costCents: number | null; name: string; category: string; brand: string | null };

export function productsBySku(db: Sql, skus: Iterable<string>): Map<string, KnownProduct> {
  const found = new Map<string, KnownProduct>();
  for (const chunk of chunks(distinct(skus), lookupChunk)) {
    const rows = db
      .select({
        sku: products.sku,
        id: products.id,
        priceCents: products.priceCents,
        costCents: products.costCents,
        name: products.name,
        category: products.category,
        brand: products.brand,
      })
      .from(products)
      .where(inArray(products.sku, chunk))
      .all();
    for (const { sku, ...product } of rows) found.set(sku, product);
  }
  return found;
}

export function customerIdsByExternalId(db: Sql, externalIds: Iterable<string>): Map<string, number> {
  const found = new Map<string, number>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = db.select({ id: customers.id, key: customers.externalId }).from(customers).where(inArray(customers.externalId, chunk)).all();
    for (const row of rows) found.set(row.key, row.id);
  }
  return found;
}

export function orderIdsByExternalId(db: Sql, externalIds: Iterable<string>): Map<string, number> {
  const found = new Map<string, number>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = db.select({ id: orders.id, key: orders.externalId }).from(orders).where(inArray(orders.externalId, chunk)).all();
    for (const row of rows) found.set(row.key, row.id);
  }
  return found;
}

export function existingTransactionIds(db: Sql, externalIds: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = db
      .select({ key: paymentTransactions.externalId })
      .from(paymentTransactions)
      .where(inArray(paymentTransactions.externalId, chunk))
      .all();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

export function existingReviewIds(db: Sql, externalIds: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = db.select({ key: reviews.externalId }).from(reviews).where(inArray(reviews.externalId, chunk)).all();
    for (const row of rows) if (row.key !== null) found.add(row.key);
  }
  return found;
}
