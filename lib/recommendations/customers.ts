import { and, count, desc, eq, max, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { channels, customers, interactions, products } from "@/lib/schema";
import { perConnection } from "@/lib/prepared";
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

// The serving API's per-request reads, prepared once per connection (the builder's own cost is most of a lookup's).
const statements = perConnection((_client, db) => ({
  customer: db.select(customerColumns).from(customers).where(eq(customers.externalId, sql.placeholder("externalId"))).prepare(),
  purchases: db
    .select({ itemId: products.sku, at: interactions.occurredAt })
    .from(interactions)
    .innerJoin(products, eq(products.id, interactions.productId))
    .where(and(eq(interactions.customerId, sql.placeholder("customerId")), eq(interactions.kind, "purchase"), sql`${interactions.occurredAt} < ${sql.placeholder("beforeMs")}`))
    .prepare(),
  stamp: db
    .select({ n: count(), last: max(interactions.occurredAt) })
    .from(interactions)
    .where(eq(interactions.customerId, sql.placeholder("customerId")))
    .prepare(),
}));

export function customerByExternalId(db: Db, externalId: string): CustomerRef | undefined {
  return statements(db).customer.get({ externalId });
}

/** Customers whose id, name or e-mail contains the query (case-insensitive), most active first. */
export function searchCustomers(db: Db, query: string, limit = 20): (CustomerRef & { interactions: number })[] {
  const q = `%${query.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const activity = db
    .select({ customerId: interactions.customerId, n: count().as("n") })
    .from(interactions)
    .groupBy(interactions.customerId)
    .as("activity");
  return db
    .select({ ...customerColumns, interactions: sql<number>`coalesce(${activity.n}, 0)` })
    .from(customers)
    .leftJoin(activity, eq(activity.customerId, customers.id))
    .where(query.trim() ? or(sql`${customers.externalId} like ${q} escape '\\'`, sql`${customers.name} like ${q} escape '\\'`, sql`${customers.email} like ${q} escape '\\'`) : undefined)
    .orderBy(desc(sql`coalesce(${activity.n}, 0)`), customers.externalId)
    .limit(limit)
    .all();
}

/** What the model reads: the customer's purchases (product SKU and time). */
export function purchaseEvents(db: Db, customerId: number, before?: Date): HistoryEvent[] {
  return statements(db)
    .purchases.all({ customerId, beforeMs: before?.getTime() ?? Number.MAX_SAFE_INTEGER })
    .map((r) => ({ itemId: r.itemId, timestamp: r.at.getTime() }));
}

/**
 * A cheap fingerprint of the customer's interactions (how many, the latest): it changes when a new one is recorded,
 * which is when a cached answer for them stops being valid. Reads the (customer, time) index only.
 */
export function interactionStamp(db: Db, customerId: number): string {
  const row = statements(db).stamp.get({ customerId });
  return `${row?.n ?? 0}:${row?.last instanceof Date ? row.last.getTime() : (row?.last ?? 0)}`;
}

export type HistoryRow = { at: Date; kind: "view" | "cart" | "purchase"; sku: string; name: string; category: string; channel: string | null };

/** The customer's latest interactions, newest first, for the preview. */
export function recentHistory(db: Db, customerId: number, limit = 25): HistoryRow[] {
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

