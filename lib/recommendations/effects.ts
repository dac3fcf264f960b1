import { count, eq, max } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { customers, interactions, products, type PlacementRule } from "@/lib/schema";
import { startOfDayMs } from "@/lib/dates";
import { listMetrics, type ItemAttributes, type ListMetrics } from "@/models/recommendations/list-metrics";
import type { HistoryEvent } from "@/models/recommendations/serve";
import { cachedCatalog } from "./catalog";
import type { Scenario } from "./placements";
import { listFor } from "./preview";
import { recommender, type LoadedRecommender } from "./recommenders";
import { stepEffect, type Catalog } from "./rules";

/**
 * What a rule set does before anyone approves it, on a fixed sample of customers:
 * - per rule (in the order rules apply): how many items it removed, moved and added per customer on average, and
 *   for how many customers it changed anything;
 * - how many customers get fewer than N items (flagged when most do);
 * - the offline metrics of the lists with and without the rules and of the popularity baseline, on the period the
 *   model version did not see (purchases after its training cut; the history is what came before it).
 * The sample is the same for every rule set (customers ordered by a hash of their id), so two previews compare.
 */
export const EFFECT_SAMPLE = 120;
export const METRIC_SAMPLE = 250;

/** One rule's effect (the page names the rule with ruleMessage). */
export type RuleEffectSummary = { rule: PlacementRule; removed: number; moved: number; added: number; customersChanged: number };

export type ScenarioEffects = {
  modelVersion: { id: number; version: number; trainTo: string | null };
  sampled: number;
  rules: RuleEffectSummary[];
  shortLists: number;
  /** Most sampled customers get fewer than N items: flagged before approval. */
  flagged: boolean;
  metrics: { users: number; cut: string; withRules: ListMetrics; withoutRules: ListMetrics; popularity: ListMetrics } | null;
};

type Purchases = { byCustomer: Map<string, HistoryEvent[]>; stamp: string };
const globalForPurchases = globalThis as unknown as { recommendationPurchases?: { db: Db; purchases: Purchases } };

/** Every purchase by customer external id, oldest first; read again only when the interactions changed. */
async function allPurchases(db: Db): Promise<Purchases> {
  const s = await db.select({ n: count(), last: max(interactions.id) }).from(interactions).get();
  const stamp = `${s?.n ?? 0}:${s?.last ?? 0}`;
  const cached = globalForPurchases.recommendationPurchases;
  if (cached && cached.db === db && cached.purchases.stamp === stamp) return cached.purchases;
  const rows = await db
    .select({ customer: customers.externalId, sku: products.sku, at: interactions.occurredAt })
    .from(interactions)
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .innerJoin(products, eq(products.id, interactions.productId))
    .where(eq(interactions.kind, "purchase"))
    // The (kind, time) index's order on SQLite; PostgreSQL promises no order without it.
    .orderBy(interactions.occurredAt, interactions.id)
    .all();
  const byCustomer = new Map<string, HistoryEvent[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer);
    const event = { itemId: r.sku, timestamp: r.at.getTime() };
    if (list) list.push(event);
    else byCustomer.set(r.customer, [event]);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.timestamp - b.timestamp);
  const purchases = { byCustomer, stamp };
  globalForPurchases.recommendationPurchases = { db, purchases };
  return purchases;
}

/** FNV-1a: a stable order of customers that does not follow their ids. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The first `size` items in stableHash order of their key: the same sample for every rule set. */
export function stableSample<T>(ids: T[], key: (t: T) => string, size: number): T[] {
  return ids
    .map((t) => ({ t, h: stableHash(key(t)) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, size)
    .map((x) => x.t);
}

// Recent answers by scenario, model version and purchases, for a minute (stock and prices move too): the
// placement page is reloaded after every save and every approval.
const MAX_REMEMBERED = 16;
const REMEMBER_MS = 60_000;
const globalForEffects = globalThis as unknown as { scenarioEffects?: Map<string, { at: number; effects: ScenarioEffects }> };
const remembered: Map<string, { at: number; effects: ScenarioEffects }> = (globalForEffects.scenarioEffects ??= new Map());

export async function scenarioEffects(db: Db, scenario: Scenario): Promise<ScenarioEffects> {
  const loaded = await recommender(db, scenario.modelVersionId);
  const purchases = await allPurchases(db);
  const key = JSON.stringify([loaded.version.id, purchases.stamp, scenario.n, scenario.rules]);
  const hit = remembered.get(key);
  if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.effects;
  const effects = await computeEffects(db, loaded, scenario, purchases);
  remembered.delete(key);
  remembered.set(key, { at: Date.now(), effects });
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  return effects;
}

async function computeEffects(db: Db, loaded: LoadedRecommender, scenario: Scenario, purchases: Purchases): Promise<ScenarioEffects> {
  const catalog = await cachedCatalog(db);
  const sampled = stableSample([...purchases.byCustomer.keys()], (id) => id, EFFECT_SAMPLE);
  const rules = new Map<string, RuleEffectSummary>();
  let shortLists = 0;
  for (const id of sampled) {
    const list = listFor(loaded, catalog, scenario, purchases.byCustomer.get(id) ?? []);
    if (list.short) shortLists++;
    list.steps.forEach((step, i) => {
      if (!step.rule) return;
      const effect = stepEffect(list.steps[i - 1]?.list ?? [], step.list);
      const summary = rules.get(`${i}`) ?? { rule: step.rule, removed: 0, moved: 0, added: 0, customersChanged: 0 };
      summary.removed += effect.removed.length;
      summary.moved += effect.moved.length;
      summary.added += effect.added.length;
      if (effect.removed.length + effect.moved.length + effect.added.length > 0) summary.customersChanged++;
      rules.set(`${i}`, summary);
    });
  }
  const per = Math.max(1, sampled.length);
  return {
    modelVersion: { id: loaded.version.id, version: loaded.version.version, trainTo: loaded.version.trainTo },
    sampled: sampled.length,
    rules: [...rules.values()].map((r) => ({ ...r, removed: r.removed / per, moved: r.moved / per, added: r.added / per })),
    shortLists,
    flagged: sampled.length > 0 && shortLists > sampled.length / 2,
    metrics: heldOutMetrics(loaded, catalog, scenario, purchases),
  };
}

/** Lists with and without the rules, and popularity's, scored on purchases after the version's training cut. */
function heldOutMetrics(loaded: LoadedRecommender, catalog: Catalog, scenario: Scenario, purchases: Purchases): ScenarioEffects["metrics"] {
  if (!loaded.version.trainTo) return null;
  const cutMs = startOfDayMs(loaded.version.trainTo);
  const trainCounts = new Map<string, number>();
  const evaluated: { id: string; before: HistoryEvent[]; relevant: Set<string> }[] = [];
  for (const [id, events] of purchases.byCustomer) {
    const before = events.filter((e) => e.timestamp < cutMs);
    const had = new Set(before.map((e) => e.itemId));
    for (const sku of had) trainCounts.set(sku, (trainCounts.get(sku) ?? 0) + 1);
    const relevant = new Set(events.filter((e) => e.timestamp >= cutMs && !had.has(e.itemId)).map((e) => e.itemId));
    if (relevant.size > 0) evaluated.push({ id, before, relevant });
  }
  const users = stableSample(evaluated, (u) => u.id, METRIC_SAMPLE);
  if (users.length === 0) return null;
  const attributes = new Map<string, ItemAttributes>([...catalog.bySku].map(([sku, p]) => [sku, { category: p.category, brand: p.brand }] as const));
  const popular = [...trainCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([sku]) => sku);
  const withRules = new Map<string, string[]>();
  const withoutRules = new Map<string, string[]>();
  const popularity = new Map<string, string[]>();
  const relevant = new Map<string, Set<string>>();
  // Scored as the storefront would show them: N items, so the rules' cuts count.
  for (const u of users) {
    const list = listFor(loaded, catalog, scenario, u.before);
    withRules.set(u.id, list.items.map((i) => i.sku));
    // "Without rules" is the model alone: its top N of the items the customer had not bought.
    const had = new Set(u.before.map((e) => e.itemId));
    withoutRules.set(u.id, list.ranked.filter((sku) => !had.has(sku)).slice(0, scenario.n));
    popularity.set(u.id, popular.filter((sku) => !had.has(sku)).slice(0, scenario.n));
    relevant.set(u.id, u.relevant);
  }
  const options = { catalog: attributes, trainCounts, k: Math.min(10, scenario.n) };
  return {
    users: users.length,
    cut: loaded.version.trainTo,
    withRules: listMetrics(withRules, relevant, options),
    withoutRules: listMetrics(withoutRules, relevant, options),
    popularity: listMetrics(popularity, relevant, options),
  };
}
