import { asc, sql } from "drizzle-orm";
import type { Db } from "../db";
import { customers, interactions, orderLines, orders, products } from "../schema";
import type { ItemAttributes } from "../../models/recommendations/list-metrics";
import type { RecommendTrainRow } from "../../models/recommendations/rows";

/**
 * Implicit feedback for the recommender from the store's database, in exactly the row shape the CLI's
 * parseTrain produces (user_id = customer external id, item_id = product SKU, timestamp = epoch ms, weight), so
 * the app trains with the same code as `npm run ml -- fit-predict recommend`.
 *
 * Signal:
 * - "purchases" (the default): purchase interactions only, weight 1. Measured on the demo store (bench/recommend.ts)
 *   this recommends next purchases better: with views and carts in the history, every product a customer only
 *   looked at counts as "had" and is never recommended, and those are often what they buy next.
 * - "weighted": every interaction, weighted purchase 1 > cart 0.5 > view 0.25.
 * Stores without an interactions table filled (e.g. an imported order file) use their completed orders' lines
 * (quantity > 0, signed-in customers) as purchases.
 */
export type InteractionKind = "view" | "cart" | "purchase";
export type RecommendationSignal = "purchases" | "weighted";

export const INTERACTION_WEIGHTS: Record<InteractionKind, number> = { purchase: 1, cart: 0.5, view: 0.25 };

/** One stored interaction with its kind kept, for evaluations that need to know which events were purchases. */
export type InteractionEvent = RecommendTrainRow & { kind: InteractionKind };

/**
 * Stored interactions in time order; `kind` reads one kind only (purchases are about 15 % of the table), through the
 * (kind, occurred_at) index, so the default signal does not read and sort every view and cart.
 * Raw SQL: a bulk read of every interaction whose times the rows keep as epoch ms (the builder would make a Date of
 * each); occurred_at is integer milliseconds on SQLite and bigint milliseconds on PostgreSQL, read as a number on both.
 */
export async function loadInteractionEvents(db: Db, options: { since?: Date; kind?: InteractionKind } = {}): Promise<InteractionEvent[]> {
  const since = options.since?.getTime() ?? 0;
  type Row = { userId: string; itemId: string; timestamp: number; kind: InteractionKind };
  const rows = await db.all<Row>(
    sql`SELECT c.external_id AS "userId", p.sku AS "itemId", i.occurred_at AS "timestamp", i.kind AS "kind"
         FROM ${interactions} i
         JOIN ${customers} c ON c.id = i.customer_id
         JOIN ${products} p ON p.id = i.product_id
        WHERE ${options.kind ? sql`i.kind = ${options.kind} AND ` : sql``}i.occurred_at >= ${since}
        ORDER BY i.occurred_at, i.id`,
  );
  return rows.map((r) => ({ ...r, timestamp: Number(r.timestamp), weight: INTERACTION_WEIGHTS[r.kind] }));
}

/**
 * Purchases from order lines: completed orders of signed-in customers, quantity > 0.
 * Raw SQL: a bulk read whose times the rows keep as epoch ms (the builder would make a Date of each).
 */
export async function loadOrderPurchases(db: Db, options: { since?: Date } = {}): Promise<InteractionEvent[]> {
  const rows = await db.all<{ userId: string; itemId: string; timestamp: number }>(
    sql`SELECT c.external_id AS "userId", p.sku AS "itemId", o.ordered_at AS "timestamp"
         FROM ${orderLines} l
         JOIN ${orders} o ON o.id = l.order_id
         JOIN ${customers} c ON c.id = o.customer_id
         JOIN ${products} p ON p.id = l.product_id
        WHERE o.status = 'completed' AND l.quantity > 0 AND o.ordered_at >= ${options.since?.getTime() ?? 0}
        ORDER BY o.ordered_at, l.id`,
  );
  return rows.map((r) => ({ ...r, timestamp: Number(r.timestamp), weight: 1, kind: "purchase" as const }));
}

export function toTrainingRows(events: readonly InteractionEvent[], signal: RecommendationSignal = "purchases"): RecommendTrainRow[] {
  return events
    .filter((e) => signal === "weighted" || e.kind === "purchase")
    .map(({ userId, itemId, timestamp, weight }) => ({ userId, itemId, timestamp, weight: signal === "weighted" ? weight : 1 }));
}

/** Category and brand per SKU, every product of the catalogue: what diversity and exposure are measured on. */
export async function loadCatalogAttributes(db: Db): Promise<Map<string, ItemAttributes>> {
  const rows = await db.select({ sku: products.sku, category: products.category, brand: products.brand }).from(products).orderBy(asc(products.id)).all();
  return new Map(rows.map((r) => [r.sku, { category: r.category, brand: r.brand }]));
}

export async function loadRecommendationTrainRows(db: Db, options: { signal?: RecommendationSignal; since?: Date } = {}): Promise<RecommendTrainRow[]> {
  const signal = options.signal ?? "purchases";
  const events = await loadInteractionEvents(db, { since: options.since, kind: signal === "purchases" ? "purchase" : undefined });
  // A store without interactions (e.g. an imported order file) learns from its order lines; one with views and
  // carts but no purchases has nothing the purchases signal can use, and gets the order lines too.
  return toTrainingRows(events.length > 0 ? events : await loadOrderPurchases(db, options), signal);
}
