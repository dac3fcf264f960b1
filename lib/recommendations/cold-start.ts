import { and, desc, eq, gte } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { channels, customers, interactions, products } from "@/lib/schema";
import { DAY_MS } from "@/lib/dates";

/**
 * Popularity for customers without a purchase history, per segment and channel: what customers of the same segment
 * bought on the same channel over the last COLD_START_DAYS (counted back from the latest purchase; distinct buyers
 * per product, so one bulk buyer does not make a best seller). Narrowed only where there is enough data to mean it:
 * segment + channel, else segment, else channel, else null (the model's own popularity ranking then).
 * All combinations come from one read of the window (the (kind, time) index), kept for CACHE_MS: the serving API
 * must not scan per request.
 */
export const COLD_START_DAYS = 90;
export const MIN_BUYERS = 30;
const CACHE_MS = 5 * 60_000;

/** `among` is the English group the storefront API names ("regular customers on app"); pages word segment and channel. */
export type ColdStartRanking = { skus: string[]; among: string; segment: string | null; channel: string | null };

type Rankings = { at: number; byKey: Map<string, ColdStartRanking> };
const globalForColdStart = globalThis as unknown as { coldStartRankings?: WeakMap<Db, Rankings> };
const caches = (globalForColdStart.coldStartRankings ??= new WeakMap());

const keyOf = (segment: string | null, channel: string | null) => `${segment ?? "*"}\u0000${channel ?? "*"}`;

async function computeRankings(db: Db): Promise<Map<string, ColdStartRanking>> {
  const byKey = new Map<string, ColdStartRanking>();
  const last = (await db.select({ at: interactions.occurredAt }).from(interactions).where(eq(interactions.kind, "purchase")).orderBy(desc(interactions.occurredAt)).limit(1).get())?.at;
  if (!last) return byKey;
  const rows = await db
    .select({ customer: interactions.customerId, sku: products.sku, segment: customers.segment, channel: channels.code })
    .from(interactions)
    .innerJoin(products, eq(products.id, interactions.productId))
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .leftJoin(channels, eq(channels.id, interactions.channelId))
    .where(and(eq(interactions.kind, "purchase"), gte(interactions.occurredAt, new Date(last.getTime() - COLD_START_DAYS * DAY_MS))))
    .all();
  // Per combination: the buyers of each product, and all its buyers.
  const groups = new Map<string, { segment: string | null; channel: string | null; bySku: Map<string, Set<number>>; buyers: Set<number> }>();
  for (const r of rows) {
    for (const [segment, channel] of [
      [r.segment, r.channel],
      [r.segment, null],
      [null, r.channel],
    ] as const) {
      if (segment === null && channel === null) continue;
      const key = keyOf(segment, channel);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { segment, channel, bySku: new Map(), buyers: new Set() }));
      let buyers = group.bySku.get(r.sku);
      if (!buyers) group.bySku.set(r.sku, (buyers = new Set()));
      buyers.add(r.customer);
      group.buyers.add(r.customer);
    }
  }
  for (const [key, group] of groups) {
    if (group.buyers.size < MIN_BUYERS) continue;
    const skus = [...group.bySku].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1)).map(([sku]) => sku);
    const among = [group.segment ? `${group.segment} customers` : "customers", group.channel ? `on ${group.channel}` : null].filter(Boolean).join(" ");
    byKey.set(key, { skus, among, segment: group.segment, channel: group.channel });
  }
  return byKey;
}

/** The narrowest ranking with enough buyers for a customer's segment and the request's channel, or null. */
export async function coldStartRanking(db: Db, context: { segment: string | null; channel: string | null }): Promise<ColdStartRanking | null> {
  if (context.segment === null && context.channel === null) return null;
  let cached = caches.get(db);
  if (!cached || Date.now() - cached.at >= CACHE_MS) caches.set(db, (cached = { at: Date.now(), byKey: await computeRankings(db) }));
  return cached.byKey.get(keyOf(context.segment, context.channel)) ?? cached.byKey.get(keyOf(context.segment, null)) ?? cached.byKey.get(keyOf(null, context.channel)) ?? null;
}

/** Forget cached rankings (tests, after an import). */
export function forgetColdStart(db: Db): void {
  caches.delete(db);
}
