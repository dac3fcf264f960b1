import { and, count, desc, eq, lt, max, or, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { channels, customers, interactions, products } from "@/lib/schema";
import type { HistoryEvent } from "@/models/recommendations/serve";

/** Customers as the recommendation pages and the serving API know them: by the store's external id. */
export type CustomerRef = { id: number; externalId: string; name: string | null; email: string | null; segment: string | null; country: string | null };

const customerColumns = {
  id: customers.id,
  externalId: customers.externalId,
  name: customers.name,
  email: customers.email,
  segment: customers.segment,
  country: customers.country,
};

export async function customerByExternalId(db: Db, externalId: string): Promise<CustomerRef | undefined> {
  return db.select(customerColumns).from(customers).where(eq(customers.externalId, externalId)).get();
}

/** Customers whose id, name or e-mail contains the query (case-insensitive: lower() on both sides), most active first. */
export async function searchCustomers(db: Db, query: string, limit = 20): Promise<(CustomerRef & { interactions: number })[]> {
  const q = `%${query.trim().toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const contains = (column: AnyColumn) => sql`lower(${column}) like ${q} escape '\\'`;
  const activity = db
    .select({ customerId: interactions.customerId, n: count().as("n") })
    .from(interactions)
    .groupBy(interactions.customerId)
    .as("activity");
  return db
    .select({ ...customerColumns, interactions: sql<number>`coalesce(${activity.n}, 0)`.mapWith(Number) })
    .from(customers)
    .leftJoin(activity, eq(activity.customerId, customers.id))
    .where(query.trim() ? or(contains(customers.externalId), contains(customers.name), contains(customers.email)) : undefined)
    .orderBy(desc(sql`coalesce(${activity.n}, 0)`), customers.externalId)
    .limit(limit)
    .all();
}

/** What the model reads: the customer's purchases (product SKU and time). */
export async function purchaseEvents(db: Db, customerId: number, before?: Date): Promise<HistoryEvent[]> {
  const rows = await db
    .select({ itemId: products.sku, at: interactions.occurredAt })
    .from(interactions)
    .innerJoin(products, eq(products.id, interactions.productId))
    .where(and(eq(interactions.customerId, customerId), eq(interactions.kind, "purchase"), before ? lt(interactions.occurredAt, before) : undefined))
    // Oldest first, as SQLite's (customer, time) index gives them; PostgreSQL promises no order without it.
    .orderBy(interactions.occurredAt, interactions.id)
    .all();
  return rows.map((r) => ({ itemId: r.itemId, timestamp: r.at.getTime() }));
}

/**
 * A cheap fingerprint of the customer's interactions (how many, the latest): it changes when a new one is recorded,
 * which is when a cached answer for them stops being valid. Reads the (customer, time) index only.
 */
export async function interactionStamp(db: Db, customerId: number): Promise<string> {
  const row = await db
    .select({ n: count(), last: max(interactions.occurredAt) })
    .from(interactions)
    .where(eq(interactions.customerId, customerId))
    .get();
  return `${row?.n ?? 0}:${row?.last instanceof Date ? row.last.getTime() : (row?.last ?? 0)}`;
}

export type HistoryRow = { at: Date; kind: "view" | "cart" | "purchase"; sku: string; name: string; category: string; channel: string | null };

/** The customer's latest interactions, newest first, for the preview. */
export async function recentHistory(db: Db, customerId: number, limit = 25): Promise<HistoryRow[]> {
  return db
    .select({ at: interactions.occurredAt, kind: interactions.kind, sku: products.sku, name: products.name, category: products.category, channel: channels.name })
    .from(interactions)
    .innerJoin(products, eq(products.id, interactions.productId))
    .leftJoin(channels, eq(channels.id, interactions.channelId))
    .where(eq(interactions.customerId, customerId))
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit)
    .all();
}

