import { z } from "zod";
import type { PlacementRule } from "@/lib/schema";
import type { Format } from "@/lib/format";
import { msg, type Message } from "@/lib/i18n/message";

/**
 * A placement's business rules: their schema, their validation against the catalogue, and how they turn the model's
 * ranked candidates into the list a customer sees. Pure (no database): the catalogue comes in as a map.
 *
 * Order of application, whatever order the rules were added in (so a rule set has one meaning):
 *   1. filters: exclude out of stock, exclude already purchased, exclude products, exclude a category, price band
 *      (inactive products are never shown, rule or not);
 *   2. boosts and buries: the score is multiplied by the factor (> 1 boosts, < 1 buries), then the list re-sorted;
 *   3. at most K per category, keeping the best of each;
 *   4. pins: the pinned product is put at its position (pins obey the filters: a pinned product that is out of stock
 *      or already bought is not forced in).
 */
export const ruleLimits = { maxRules: 30, minN: 1, maxN: 50, maxExcluded: 200, minFactor: 0.05, maxFactor: 20 };

const sku = z.string().trim().min(1, "recommendations.validation.skuRequired").max(64);
const category = z.string().trim().min(1, "recommendations.validation.categoryRequired").max(80);

export const ruleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("exclude-out-of-stock") }),
  z.object({ type: z.literal("exclude-purchased") }),
  z.object({ type: z.literal("exclude-products"), skus: z.array(sku).min(1, "recommendations.validation.skusRequired").max(ruleLimits.maxExcluded) }),
  z.object({ type: z.literal("exclude-category"), category }),
  z
    .object({
      type: z.literal("price-band"),
      minCents: z.number().int().min(0).nullable(),
      maxCents: z.number().int().min(0).nullable(),
    })
    .refine((r) => r.minCents !== null || r.maxCents !== null, "recommendations.validation.priceBoundRequired")
    .refine((r) => r.minCents === null || r.maxCents === null || r.minCents <= r.maxCents, "recommendations.validation.priceBandOrder"),
  z.object({
    type: z.literal("boost"),
    target: z.enum(["product", "category"]),
    value: z.string().trim().min(1).max(80),
    factor: z
      .number()
      .min(ruleLimits.minFactor, "recommendations.validation.factorMin")
      .max(ruleLimits.maxFactor, "recommendations.validation.factorMax")
      .refine((f) => f !== 1, "recommendations.validation.factorOne"),
  }),
  z.object({ type: z.literal("max-per-category"), k: z.number().int().min(1, "recommendations.validation.kMin").max(ruleLimits.maxN) }),
  z.object({ type: z.literal("pin"), sku, position: z.number().int().min(1, "recommendations.validation.positionMin").max(ruleLimits.maxN) }),
]);

export const rulesSchema = z.array(ruleSchema).max(ruleLimits.maxRules, "recommendations.validation.maxRules");
export const nSchema = z.coerce.number().int().min(ruleLimits.minN, "recommendations.validation.nMin").max(ruleLimits.maxN, "recommendations.validation.nMax");

/** What the rules need to know about a product. */
export type CatalogItem = { productId: number; sku: string; name: string; category: string; brand: string | null; priceCents: number; active: boolean; onHand: number | null };
export type Catalog = { bySku: ReadonlyMap<string, CatalogItem>; categories: ReadonlySet<string> };

export type RuleProblem = { rule: number; message: Message };

/**
 * Problems a rule set has against the catalogue and N (empty when it may be saved): unknown products or categories,
 * contradictions (a pin of a product the rules exclude, two pins at one position or of one product, a rule twice),
 * a cap K above N, a pin past N.
 */
export function ruleProblems(rules: readonly PlacementRule[], catalog: Catalog, n: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const excludedSkus = new Set<string>();
  const excludedCategories = new Set<string>();
  let band: { minCents: number | null; maxCents: number | null } | null = null;
  const seenSingle = new Set<string>();
  rules.forEach((rule, i) => {
    const unknownSku = (s: string) => !catalog.bySku.has(s) && problems.push({ rule: i, message: msg("recommendations.rules.problems.unknownSku", { sku: s }) });
    const unknownCategory = (c: string) => !catalog.categories.has(c) && problems.push({ rule: i, message: msg("recommendations.rules.problems.unknownCategory", { category: c }) });
    switch (rule.type) {
      case "exclude-out-of-stock":
      case "exclude-purchased":
      case "max-per-category":
      case "price-band":
        if (seenSingle.has(rule.type)) problems.push({ rule: i, message: msg("recommendations.rules.problems.duplicate", { type: camel(rule.type) }) });
        seenSingle.add(rule.type);
        if (rule.type === "max-per-category" && rule.k > n) problems.push({ rule: i, message: msg("recommendations.rules.problems.capAboveN", { k: rule.k, n }) });
        if (rule.type === "price-band") band = rule;
        break;
      case "exclude-products":
        rule.skus.forEach(unknownSku);
        for (const s of rule.skus) excludedSkus.add(s);
        break;
      case "exclude-category":
        unknownCategory(rule.category);
        if (excludedCategories.has(rule.category)) problems.push({ rule: i, message: msg("recommendations.rules.problems.categoryExcludedTwice", { category: rule.category }) });
        excludedCategories.add(rule.category);
        break;
      case "boost":
        if (rule.target === "product") unknownSku(rule.value);
        else unknownCategory(rule.value);
        break;
      case "pin":
        unknownSku(rule.sku);
        if (rule.position > n) problems.push({ rule: i, message: msg("recommendations.rules.problems.pinPastN", { position: rule.position, n }) });
        break;
    }
  });
  const pinsAt = new Map<number, number>();
  const pinned = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.type === "boost") {
      const excluded = rule.target === "product" ? excludedSkus.has(rule.value) || excludedCategories.has(catalog.bySku.get(rule.value)?.category ?? "") : excludedCategories.has(rule.value);
      if (excluded) problems.push({ rule: i, message: msg("recommendations.rules.problems.boostExcluded", { value: rule.value, direction: rule.factor > 1 ? "boost" : "bury" }) });
    }
    if (rule.type !== "pin") return;
    const item = catalog.bySku.get(rule.sku);
    if (excludedSkus.has(rule.sku)) problems.push({ rule: i, message: msg("recommendations.rules.problems.pinExcluded", { sku: rule.sku }) });
    if (item && excludedCategories.has(item.category)) problems.push({ rule: i, message: msg("recommendations.rules.problems.pinCategoryExcluded", { sku: rule.sku, category: item.category }) });
    const b = band as { minCents: number | null; maxCents: number | null } | null;
    if (item && b && ((b.minCents !== null && item.priceCents < b.minCents) || (b.maxCents !== null && item.priceCents > b.maxCents))) {
      problems.push({ rule: i, message: msg("recommendations.rules.problems.pinOutsideBand", { sku: rule.sku }) });
    }
    if (item && !item.active) problems.push({ rule: i, message: msg("recommendations.rules.problems.pinInactive", { sku: rule.sku }) });
    if (pinned.has(rule.sku)) problems.push({ rule: i, message: msg("recommendations.rules.problems.pinTwice", { sku: rule.sku }) });
    pinned.add(rule.sku);
    const other = pinsAt.get(rule.position);
    if (other !== undefined) problems.push({ rule: i, message: msg("recommendations.rules.problems.positionTaken", { position: rule.position, other: other + 1 }) });
    pinsAt.set(rule.position, i);
  });
  return problems;
}

/** "exclude-out-of-stock" -> "excludeOutOfStock": a rule type as an ICU select value (which takes no hyphens). */
const camel = (type: string) => type.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * A rule in words ("Exclude category Garden", "Price from $5.00 up to $20.00"), for the reader's formatter: prices
 * and factors are formatted here, the words chosen where the message is put into words.
 */
export function ruleMessage(rule: PlacementRule, f: Format): Message {
  switch (rule.type) {
    case "exclude-out-of-stock":
      return msg("recommendations.rules.label.excludeOutOfStock");
    case "exclude-purchased":
      return msg("recommendations.rules.label.excludePurchased");
    case "exclude-products":
      return msg("recommendations.rules.label.excludeProducts", { count: rule.skus.length, sku: rule.skus[0] ?? "" });
    case "exclude-category":
      return msg("recommendations.rules.label.excludeCategory", { category: rule.category });
    case "price-band":
      if (rule.minCents !== null && rule.maxCents !== null) return msg("recommendations.rules.label.priceBand", { min: f.money(rule.minCents), max: f.money(rule.maxCents) });
      if (rule.minCents !== null) return msg("recommendations.rules.label.priceFrom", { min: f.money(rule.minCents) });
      return msg("recommendations.rules.label.priceUpTo", { max: f.money(rule.maxCents) });
    case "boost":
      return msg("recommendations.rules.label.boost", { direction: rule.factor > 1 ? "boost" : "bury", target: rule.target, value: rule.value, factor: f.number(rule.factor) });
    case "max-per-category":
      return msg("recommendations.rules.label.maxPerCategory", { k: rule.k });
    case "pin":
      return msg("recommendations.rules.label.pin", { sku: rule.sku, position: rule.position });
  }
}

const STAGE: Record<PlacementRule["type"], number> = {
  "exclude-out-of-stock": 0,
  "exclude-purchased": 0,
  "exclude-products": 0,
  "exclude-category": 0,
  "price-band": 0,
  boost: 1,
  "max-per-category": 2,
  pin: 3,
};

/** The rules in the order they apply (stable within a stage). */
export function orderedRules(rules: readonly PlacementRule[]): PlacementRule[] {
  return rules.map((rule, i) => ({ rule, i })).sort((a, b) => STAGE[a.rule.type] - STAGE[b.rule.type] || a.i - b.i).map((x) => x.rule);
}

export type Ranked = { sku: string; score: number; pinned?: boolean };
export type RuleContext = { catalog: Catalog; purchased: ReadonlySet<string> };

/** Applies one rule to a full ranked list (not yet cut to N); `filters` are the filter rules applied before it. */
function applyRule(list: Ranked[], rule: PlacementRule, ctx: RuleContext, n: number, filters: readonly PlacementRule[] = []): Ranked[] {
  const item = (s: string) => ctx.catalog.bySku.get(s);
  switch (rule.type) {
    case "exclude-out-of-stock":
      return list.filter((r) => (item(r.sku)?.onHand ?? 1) > 0);
    case "exclude-purchased":
      return list.filter((r) => !ctx.purchased.has(r.sku));
    case "exclude-products": {
      const out = new Set(rule.skus);
      return list.filter((r) => !out.has(r.sku));
    }
    case "exclude-category":
      return list.filter((r) => item(r.sku)?.category !== rule.category);
    case "price-band":
      return list.filter((r) => {
        const price = item(r.sku)?.priceCents ?? 0;
        return (rule.minCents === null || price >= rule.minCents) && (rule.maxCents === null || price <= rule.maxCents);
      });
    case "boost":
      return list
        .map((r) => ((rule.target === "product" ? r.sku === rule.value : item(r.sku)?.category === rule.value) ? { ...r, score: r.score * rule.factor } : r))
        .sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : 1));
    case "max-per-category": {
      const count = new Map<string, number>();
      return list.filter((r) => {
        if (r.pinned) return true;
        const c = item(r.sku)?.category ?? "";
        const k = (count.get(c) ?? 0) + 1;
        count.set(c, k);
        return k <= rule.k;
      });
    }
    case "pin": {
      const pinned = item(rule.sku);
      if (!pinned || !pinned.active) return list;
      // A pin obeys the filters: it is forced in only if the filters would have let it through.
      if (!passesFilters(rule.sku, ctx, filters)) return list;
      const rest = list.filter((r) => r.sku !== rule.sku);
      const existing = list.find((r) => r.sku === rule.sku);
      const at = Math.min(rule.position - 1, Math.min(rest.length, n - 1));
      rest.splice(at, 0, { sku: rule.sku, score: existing?.score ?? 0, pinned: true });
      return rest;
    }
  }
}

function passesFilters(sku: string, ctx: RuleContext, filters: readonly PlacementRule[]): boolean {
  let list: Ranked[] = [{ sku, score: 1 }];
  for (const f of filters) list = applyRule(list, f, ctx, 1);
  return list.length > 0;
}

export type RuleStep = { rule: PlacementRule | null; list: Ranked[] };

/**
 * The list after each rule, in application order: steps[0] is the model's ranking (inactive products dropped),
 * each next step one more rule; every list is cut to N. The last step's list is what the customer gets.
 */
export function applyRules(candidates: readonly Ranked[], rules: readonly PlacementRule[], ctx: RuleContext, n: number): RuleStep[] {
  let full = candidates.filter((r) => ctx.catalog.bySku.get(r.sku)?.active !== false);
  const filters: PlacementRule[] = [];
  const steps: RuleStep[] = [{ rule: null, list: full.slice(0, n) }];
  for (const rule of orderedRules(rules)) {
    full = applyRule(full, rule, ctx, n, filters);
    if (STAGE[rule.type] === 0) filters.push(rule);
    steps.push({ rule, list: full.slice(0, n) });
  }
  return steps;
}

export type RuleEffect = { removed: string[]; added: string[]; moved: string[] };

/** What one step changed in the list it was given: items removed, items added, items kept at another position. */
export function stepEffect(before: readonly Ranked[], after: readonly Ranked[]): RuleEffect {
  const beforeAt = new Map(before.map((r, i) => [r.sku, i] as const));
  const afterAt = new Map(after.map((r, i) => [r.sku, i] as const));
  return {
    removed: before.filter((r) => !afterAt.has(r.sku)).map((r) => r.sku),
    added: after.filter((r) => !beforeAt.has(r.sku)).map((r) => r.sku),
    moved: after.filter((r) => beforeAt.has(r.sku) && beforeAt.get(r.sku) !== afterAt.get(r.sku)).map((r) => r.sku),
  };
}
