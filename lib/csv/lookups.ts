import { gt, inArray, sql } from "drizzle-orm";
import { channels, customers, orders, paymentTransactions, products, reviews } from "@/lib/schema";
import type { ChannelCode } from "./fields";
import type { Sql } from "./types";

/**
 * Reads done once per import instead of once per row: the keys a file mentions are looked up in chunks
 * (SQLite caps the number of bound parameters) and kept in Maps for the planner. They run without the write lock;
 * what was created between them and the write is found again, inside the write transaction, from `lastIds`.
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

export async function channelIdsByCode(db: Sql): Promise<Map<ChannelCode, number>> {
  return new Map((await db.select({ id: channels.id, code: channels.code }).from(channels).all()).map((c) => [c.code, c.id]));
}

export type KnownProduct = { id: number; priceCents: number; costCents: number | null; name: string; category: string; brand: string | null };

export async function productsBySku(db: Sql, skus: Iterable<string>): Promise<Map<string, KnownProduct>> {
  const found = new Map<string, KnownProduct>();
  for (const chunk of chunks(distinct(skus), lookupChunk)) {
    const rows = await db
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

export async function customerIdsByExternalId(db: Sql, externalIds: Iterable<string>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = await db.select({ id: customers.id, key: customers.externalId }).from(customers).where(inArray(customers.externalId, chunk)).all();
    for (const row of rows) found.set(row.key, row.id);
  }
  return found;
}

export async function orderIdsByExternalId(db: Sql, externalIds: Iterable<string>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = await db.select({ id: orders.id, key: orders.externalId }).from(orders).where(inArray(orders.externalId, chunk)).all();
    for (const row of rows) found.set(row.key, row.id);
  }
  return found;
}

export async function existingTransactionIds(db: Sql, externalIds: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = await db
      .select({ key: paymentTransactions.externalId })
      .from(paymentTransactions)
      .where(inArray(paymentTransactions.externalId, chunk))
      .all();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

export async function existingReviewIds(db: Sql, externalIds: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(distinct(externalIds), lookupChunk)) {
    const rows = await db.select({ key: reviews.externalId }).from(reviews).where(inArray(reviews.externalId, chunk)).all();
    for (const row of rows) if (row.key !== null) found.add(row.key);
  }
  return found;
}

/**
 * The highest id of each table an import checks keys against, read before the plan's lookups. Rows of these tables
 * are never deleted, so a row created after this read has a higher id: inside the write transaction the importer
 * reads only those rows to find what changed since the plan, instead of looking every key of the file up again.
 */
export type LastIds = { orders: number; products: number; customers: number; transactions: number; reviews: number };

// Raw SQL: one row of scalar subqueries, read in one statement (drizzle's select always reads FROM a table).
export async function lastIds(db: Sql): Promise<LastIds> {
  const row = await db.get<LastIds>(sql`select
    coalesce((select max(id) from ${orders}), 0) as "orders",
    coalesce((select max(id) from ${products}), 0) as "products",
    coalesce((select max(id) from ${customers}), 0) as "customers",
    coalesce((select max(id) from ${paymentTransactions}), 0) as "transactions",
    coalesce((select max(id) from ${reviews}), 0) as "reviews"`);
  // PostgreSQL answers max() over bigint as a string (numeric); SQLite as a number.
  return { orders: Number(row!.orders), products: Number(row!.products), customers: Number(row!.customers), transactions: Number(row!.transactions), reviews: Number(row!.reviews) };
}

export async function ordersCreatedSince(db: Sql, afterId: number): Promise<Map<string, number>> {
  const rows = await db.select({ id: orders.id, key: orders.externalId }).from(orders).where(gt(orders.id, afterId)).all();
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function productsCreatedSince(db: Sql, afterId: number): Promise<Map<string, number>> {
  const rows = await db.select({ id: products.id, sku: products.sku }).from(products).where(gt(products.id, afterId)).all();
  return new Map(rows.map((r) => [r.sku, r.id]));
}

export async function customersCreatedSince(db: Sql, afterId: number): Promise<Map<string, number>> {
  const rows = await db.select({ id: customers.id, key: customers.externalId }).from(customers).where(gt(customers.id, afterId)).all();
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function transactionIdsCreatedSince(db: Sql, afterId: number): Promise<Set<string>> {
  const rows = await db.select({ key: paymentTransactions.externalId }).from(paymentTransactions).where(gt(paymentTransactions.id, afterId)).all();
  return new Set(rows.map((r) => r.key));
}

export async function reviewIdsCreatedSince(db: Sql, afterId: number): Promise<Set<string>> {
  const rows = await db.select({ key: reviews.externalId }).from(reviews).where(gt(reviews.id, afterId)).all();
  return new Set(rows.flatMap((r) => (r.key === null ? [] : [r.key])));
}
