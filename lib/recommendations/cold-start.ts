import { and, countDistinct, desc, eq, gte, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels, customers, interactions, products } from "@/db/schema";

/**
 * Popularity for customers without a purchase history, per segment and channel: what customers of the same segment
 * bought on the same channel over the last COLD_START_DAYS (counted back from the latest purchase; distinct buyers
 * per product, so one bulk buyer does not make a best seller). Narrowed only where there is enough data to mean it:
 * segment + channel, else segment, else channel, else null (the model's own popularity ranking then). Cached for
 * CACHE_MS per combination: the serving API must not scan the window per request.
 */
export const COLD_START_DAYS = 90;
export const MIN_BUYERS = 30;
const CACHE_MS = 5 * 60_000;

export type ColdStartRanking = { skus: string[]; among: string };

type Cached = { at: number; ranking: ColdStartRanking | null };
const globalForColdStart = globalThis as unknown as { coldStartRankings?: WeakMap<Db["$client"], Map<string, Cached>> };
const caches = (globalForColdStart.coldStartRankings ??= new WeakMap());

function ranking(db: Db, segment: string | null, channel: string | null): ColdStartRanking | null {
  const last = db.select({ at: max(interactions.occurredAt) }).from(interactions).where(eq(interactions.kind, "purchase")).get()?.at;
  if (!last) return null;
  const since = new Date(last.getTime() - COLD_START_DAYS * 86_400_000);
  const buyers = countDistinct(interactions.customerId);
  const rows = db
    .select({ sku: products.sku, buyers })
    .from(interactions)
    .innerJoin(products, eq(products.id, interactions.productId))
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .leftJoin(channels, eq(channels.id, interactions.channelId))
    .where(and(eq(interactions.kind, "purchase"), gte(interactions.occurredAt, since), segment ? eq(customers.segment, segment) : undefined, channel ? eq(channels.code, channel as "web") : undefined))
    .groupBy(products.sku)
    .orderBy(desc(buyers), products.sku)
    .all();
  const total = db
    .select({ n: buyers })
    .from(interactions)
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .leftJoin(channels, eq(channels.id, interactions.channelId))
    .where(and(eq(interactions.kind, "purchase"), gte(interactions.occurredAt, since), segment ? eq(customers.segment, segment) : undefined, channel ? eq(channels.code, channel as "web") : undefined))
    .get()?.n;
  if ((total ?? 0) < MIN_BUYERS) return null;
  const among = [segment ? `${segment} customers` : "customers", channel ? `on ${channel}` : null].filter(Boolean).join(" ");
  return { skus: rows.map((r) => r.sku), among };
}

function cached(db: Db, segment: string | null, channel: string | null): ColdStartRanking | null {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  const key = `${segment ?? ""}\u0000${channel ?? ""}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.ranking;
  const value = ranking(db, segment, channel);
  cache.set(key, { at: Date.now(), ranking: value });
  return value;
}

/** The narrowest ranking with enough buyers for a customer's segment and the request's channel, or null. */
export function coldStartRanking(db: Db, context: { segment: string | null; channel: string | null }): ColdStartRanking | null {
  const tries: [string | null, string | null][] = [
    [context.segment, context.channel],
    [context.segment, null],
    [null, context.channel],
  ];
  for (const [segment, channel] of tries) {
    if (segment === null && channel === null) continue;
    const found = cached(db, segment, channel);
    if (found) return found;
  }
  return null;
}

/** Forget cached rankings (tests, after an import). */
export function forgetColdStart(db: Db): void {
  caches.delete(db.$client);
}
