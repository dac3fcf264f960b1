import type { Db } from "@/lib/db";
import type { PlacementRule } from "@/lib/schema";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { boughtTogether, customerFromEvents, explainCandidate, rankScores, similarItems, type Customer, type Explanation, type ScoredCandidate } from "@/models/recommendations/serve";
import { cachedCatalog } from "./catalog";
import { coldStartRanking, type ColdStartRanking } from "./cold-start";
import { customerByExternalId, purchaseEvents, recentHistory, type CustomerRef, type HistoryRow } from "./customers";
import type { Scenario } from "./placements";
import { recommender, type LoadedRecommender } from "./recommenders";
import { applyRules, type Catalog, type RuleStep } from "./rules";

/**
 * A scenario's list for one customer, as the storefront would get it, and the previews built on it. Candidates are
 * the model's top FIRST_CANDIDATES, or CANDIDATES when the rules leave that short (items already had included, so "exclude already purchased" is a rule that can be
 * switched off); the rules then filter, re-weigh, cap and pin, and the first N are the answer.
 */
export const CANDIDATES = 300;
export const FIRST_CANDIDATES = 60;

export type ListItem = {
  rank: number;
  sku: string;
  name: string;
  category: string;
  brand: string | null;
  priceCents: number;
  onHand: number | null;
  score: number;
  pinned: boolean;
  explanation: Explanation;
  /** The history items named by the explanation, with their names (for "because you bought ..."). */
  because: { sku: string; name: string }[];
};

export type ScenarioList = {
  items: ListItem[];
  /** Every candidate's SKU in the model's order, before any rule (what "without rules" is measured on). */
  ranked: string[];
  steps: RuleStep[];
  modelVersion: { id: number; version: number; status: string };
  coldStart: boolean;
  /** The group whose best sellers a customer without purchases gets (null: the model's popularity ranking). */
  among: { segment: string | null; channel: string | null } | null;
  /** Fewer items than N survived the rules. */
  short: boolean;
};

/**
 * The list for a customer (null = a customer the store does not know) under a scenario. Without a purchase history
 * the candidates are what sells among their segment on the request's channel (./cold-start.ts), else the model's
 * popularity ranking.
 */
export async function scenarioList(
  db: Db,
  scenario: Scenario,
  customer: { id: number; segment: string | null } | null,
  options: { loaded?: LoadedRecommender; before?: Date; catalog?: Catalog; channel?: string | null } = {},
): Promise<ScenarioList> {
  const loaded = options.loaded ?? (await recommender(db, scenario.modelVersionId));
  const catalog = options.catalog ?? (await cachedCatalog(db));
  const events = customer ? await purchaseEvents(db, customer.id, options.before) : [];
  const coldStart = events.length === 0 ? await coldStartRanking(db, { segment: customer?.segment ?? null, channel: options.channel ?? null }) : null;
  return listFor(loaded, catalog, scenario, events, coldStart);
}

/** The same as scenarioList for events already read (the effects preview reads many customers at once). */
export function listFor(
  loaded: LoadedRecommender,
  catalog: Catalog,
  scenario: { rules: readonly PlacementRule[]; n: number },
  events: { itemId: string; timestamp: number }[],
  coldStart: ColdStartRanking | null = null,
): ScenarioList {
  const customer = customerFromEvents(loaded.model, events);
  // Most lists are settled within the first FIRST_CANDIDATES items; only a list the rules leave short is ranked
  // again over CANDIDATES (sorting and filtering fewer items is most of a served answer's cost).
  const first = listOf(loaded, catalog, scenario, events, customer, coldStart, FIRST_CANDIDATES);
  return first.short && first.ranked.length >= FIRST_CANDIDATES ? listOf(loaded, catalog, scenario, events, customer, coldStart, CANDIDATES) : first;
}

function listOf(
  loaded: LoadedRecommender,
  catalog: Catalog,
  scenario: { rules: readonly PlacementRule[]; n: number },
  events: { itemId: string; timestamp: number }[],
  customer: Customer,
  coldStart: ColdStartRanking | null,
  limit: number,
): ScenarioList {
  const { model, version } = loaded;
  const m = Math.min(limit, model.items.length);
  const fromSegment = customer.history.items.length === 0 && coldStart !== null;
  // Cold-start scores fall with the rank over the whole catalogue, so they do not depend on how many were ranked.
  const candidates: ScoredCandidate[] = fromSegment
    ? coldStart.skus.slice(0, m).map((itemId, r) => ({ itemId, score: 1 - r / Math.max(model.items.length, coldStart.skus.length), coocLed: false }))
    : rankScores(model, customer, m, { excludeSeen: false });
  const byItem = new Map(candidates.map((c, r) => [c.itemId, { candidate: c, rank: r + 1 }] as const));
  const purchased = new Set(events.map((e) => e.itemId));
  const steps = applyRules(
    candidates.map((c) => ({ sku: c.itemId, score: c.score })),
    scenario.rules,
    { catalog, purchased },
    scenario.n,
  );
  const final = steps[steps.length - 1]?.list ?? [];
  // Only the N items shown are explained (an explanation is a pass over the history).
  const explanationOf = (sku: string): Explanation => {
    const found = byItem.get(sku);
    if (!found) return { kind: "popular", rank: 0 };
    if (fromSegment) return { kind: "popular", rank: found.rank, among: coldStart.among };
    return explainCandidate(model, customer, found.candidate, found.rank);
  };
  const items = final.map((r, i): ListItem => {
    const product = catalog.bySku.get(r.sku);
    const explanation = r.pinned ? ({ kind: "popular", rank: 0 } as const) : explanationOf(r.sku);
    const becauseSkus = explanation.kind === "history" ? explanation.items.map((x) => x.itemId) : explanation.kind === "bought-together" ? [explanation.itemId] : [];
    return {
      rank: i + 1,
      sku: r.sku,
      name: product?.name ?? r.sku,
      category: product?.category ?? "",
      brand: product?.brand ?? null,
      priceCents: product?.priceCents ?? 0,
      onHand: product?.onHand ?? null,
      score: r.score,
      pinned: Boolean(r.pinned),
      explanation,
      because: becauseSkus.map((sku) => ({ sku, name: catalog.bySku.get(sku)?.name ?? sku })),
    };
  });
  return {
    items,
    ranked: candidates.map((c) => c.itemId),
    steps,
    modelVersion: { id: version.id, version: version.version, status: version.status },
    coldStart: customer.history.items.length === 0,
    among: fromSegment ? { segment: coldStart.segment, channel: coldStart.channel } : null,
    short: items.length < scenario.n,
  };
}

export type CustomerPreview = {
  customer: CustomerRef;
  history: HistoryRow[];
  purchases: number;
  a: ScenarioList;
  b: ScenarioList | null;
  /** Items in both lists, and that share of N. */
  overlap: { skus: string[]; share: number } | null;
};

/** One customer under one scenario, or under two side by side with their overlap. */
export async function customerPreview(db: Db, externalId: string, a: Scenario, b: Scenario | null): Promise<CustomerPreview> {
  const customer = await customerByExternalId(db, externalId);
  if (!customer) throw new AppError("not_found", msg("recommendations.errors.unknownCustomer", { id: externalId }));
  const [listA, listB] = await Promise.all([scenarioList(db, a, customer), b ? scenarioList(db, b, customer) : Promise.resolve(null)]);
  const skusB = new Set(listB?.items.map((i) => i.sku) ?? []);
  const shared = listA.items.filter((i) => skusB.has(i.sku)).map((i) => i.sku);
  return {
    customer,
    history: await recentHistory(db, customer.id),
    purchases: (await purchaseEvents(db, customer.id)).length,
    a: listA,
    b: listB,
    overlap: listB ? { skus: shared, share: shared.length / Math.max(1, Math.max(listA.items.length, listB.items.length)) } : null,
  };
}

export type RelatedProduct = { sku: string; name: string; category: string; priceCents: number; onHand: number | null; score: number };

export type ProductPreview = {
  product: { sku: string; name: string; category: string; brand: string | null; priceCents: number; onHand: number | null };
  modelVersion: { id: number; version: number };
  known: boolean;
  similar: RelatedProduct[];
  boughtTogether: RelatedProduct[];
};

/** A product's similar items (learned item vectors) and bought-together items (co-occurrence), with scores. */
export async function productPreview(db: Db, sku: string, modelVersionId: number | null, k = 10): Promise<ProductPreview> {
  const catalog = await cachedCatalog(db);
  const product = catalog.bySku.get(sku);
  if (!product) throw new AppError("not_found", msg("recommendations.errors.unknownProduct", { sku }));
  const { model, version } = await recommender(db, modelVersionId);
  const related = (list: { itemId: string; score: number }[]): RelatedProduct[] =>
    list.map((r) => {
      const p = catalog.bySku.get(r.itemId);
      return { sku: r.itemId, name: p?.name ?? r.itemId, category: p?.category ?? "", priceCents: p?.priceCents ?? 0, onHand: p?.onHand ?? null, score: r.score };
    });
  return {
    product: { sku: product.sku, name: product.name, category: product.category, brand: product.brand, priceCents: product.priceCents, onHand: product.onHand },
    modelVersion: { id: version.id, version: version.version },
    known: model.itemIndex.has(sku),
    similar: related(similarItems(model, sku, k)),
    boughtTogether: related(boughtTogether(model, sku, k)),
  };
}
