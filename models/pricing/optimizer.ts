/**
 * The price optimiser for one product: given a fitted demand curve, cost, current price, competitor prices and
 * guardrails, it evaluates candidate prices and picks the one with the highest expected profit (or revenue).
 *
 * Guardrails apply in this order, each narrowing the allowed range; when one conflicts with the range left by
 * those before it, the later one wins, so the margin floor (last) always wins:
 *   1. maxChange     at most X % up or down from the current price in one step
 *   2. competitor    at most X % above the cheapest competitor, or match their average (within a tolerance)
 *   3. floorCeiling  absolute floor / ceiling a person set (overrides the automatic rules above)
 *   4. priceEnding   candidates restricted to .99 / .95 / whole prices
 *   5. marginFloor   (price - cost) / price >= min margin; rounds up to the next allowed ending if needed
 * The unconstrained optimum is searched within searchRange x the current price (where the curve was fitted, more or
 * less); each guardrail that moves the best price is recorded with the price before and after.
 *
 * guardrailViolations checks any price (a merchandiser's) against the same guardrails with the same precedence.
 */

export type DemandCurve = (prices: readonly number[]) => { units: number[]; lower: number[]; upper: number[] };

export type PriceEnding = "0.99" | "0.95" | "whole" | "any";
export type CompetitorPosition =
  | { kind: "maxAboveCheapest"; pct: number }
  | { kind: "matchAverage"; tolerancePct: number };

export type Guardrails = {
  maxChangePct?: number | null;
  competitor?: CompetitorPosition | null;
  floor?: number | null;
  ceiling?: number | null;
  priceEnding?: PriceEnding;
  minMarginPct?: number | null;
};

export const GUARDRAIL_ORDER = ["maxChange", "competitor", "floorCeiling", "priceEnding", "marginFloor"] as const;
export type GuardrailName = (typeof GUARDRAIL_ORDER)[number];

export const DEFAULT_GUARDRAILS: Readonly<Guardrails> = {
  maxChangePct: 10,
  competitor: { kind: "maxAboveCheapest", pct: 15 },
  floor: null,
  ceiling: null,
  priceEnding: "0.99",
  minMarginPct: 10,
};

export type Objective = "profit" | "revenue";

export type OptimizeInput = {
  currentPrice: number;
  /** Unit cost; required for the profit objective and the margin floor. */
  cost?: number;
  competitorPrices?: number[];
  demand: DemandCurve;
  guardrails?: Guardrails;
  objective?: Objective;
  /** Range searched for the unconstrained optimum, as multiples of the current price. */
  searchRange?: [number, number];
};

export type Adjustment = { guardrail: GuardrailName; from: number; to: number; change: number; reason: string };
export type Band = { value: number; lower: number; upper: number };
export type Candidate = { price: number; units: number; lower: number; upper: number; objective: number };

export type PriceRecommendation = {
  price: number;
  currentPrice: number;
  changePct: number;
  objective: Objective;
  unconstrainedPrice: number;
  expectedUnits: Band;
  expectedProfit: Band | null;
  expectedRevenue: Band;
  /** Expected objective at the current price, for "what does the change buy". */
  currentObjective: number;
  adjustments: Adjustment[];
  /** The final candidate set, evaluated (what the chart of the decision shows). */
  candidates: Candidate[];
  notes: string[];
};

/** Invalid optimiser input, naming the guardrail (or field) at fault. */
export class OptimizerInputError extends Error {
  constructor(
    readonly field: GuardrailName | "price" | "currentPrice" | "cost" | "searchRange",
    message: string,
  ) {
    super(message);
    this.name = "OptimizerInputError";
  }
}

type Interval = { lo: number; hi: number };

const cents = (v: number) => Math.round(v * 100) / 100;
const ceilCents = (v: number) => Math.ceil(v * 100 - 1e-7) / 100;
const GRID_POINTS = 201;
/** The unconstrained optimum is searched between these multiples of the current price unless told otherwise. */
const DEFAULT_SEARCH_RANGE: [number, number] = [0.5, 2];
const MAX_ENDING_CANDIDATES = 2000;

function continuousGrid(range: Interval, current: number): number[] {
  const lo = ceilCents(range.lo);
  const hi = Math.max(lo, Math.floor(range.hi * 100 + 1e-7) / 100);
  const out = new Set<number>([lo, hi]);
  for (let i = 1; i < GRID_POINTS - 1; i++) out.add(cents(lo + ((hi - lo) * i) / (GRID_POINTS - 1)));
  if (current >= lo && current <= hi) out.add(cents(current));
  return [...out].sort((a, b) => a - b);
}

function endingFraction(ending: Exclude<PriceEnding, "any">): number {
  return ending === "0.99" ? 0.99 : ending === "0.95" ? 0.95 : 0;
}

/** Prices with the ending inside the range; when none fits, the nearest one on either side. */
function endingCandidates(range: Interval, ending: PriceEnding, current: number): number[] {
  if (ending === "any") return continuousGrid(range, current);
  const f = endingFraction(ending);
  const first = Math.max(0, Math.ceil(range.lo - f - 1e-9));
  const last = Math.floor(range.hi - f + 1e-9);
  const count = last - first + 1;
  if (count <= 0) {
    const below = Math.floor(range.lo - f + 1e-9) + f;
    const above = Math.ceil(range.hi - f - 1e-9) + f;
    const options = [above, ...(below > 0 ? [below] : [])].map(cents);
    return [options.reduce((a, b) => (Math.min(Math.abs(b - range.lo), Math.abs(b - range.hi)) < Math.min(Math.abs(a - range.lo), Math.abs(a - range.hi)) ? b : a))];
  }
  const step = Math.max(1, Math.ceil(count / MAX_ENDING_CANDIDATES));
  const out: number[] = [];
  for (let k = first; k <= last; k += step) out.push(cents(k + f));
  return out.filter((p) => p > 0);
}

/** Smallest price with the ending at or above `min`. */
function endingAtOrAbove(min: number, ending: PriceEnding): number {
  if (ending === "any") return ceilCents(min);
  const f = endingFraction(ending);
  return cents(Math.max(0, Math.ceil(min - f - 1e-9)) + f);
}

/** Largest price with the ending at or below `max` (may be <= 0 when there is none). */
function endingAtOrBelow(max: number, ending: Exclude<PriceEnding, "any">): number {
  const f = endingFraction(ending);
  return cents(Math.floor(max - f + 1e-9) + f);
}

/** Intersect, the later guardrail winning a conflict: then the range collapses to its nearest edge. */
function narrow(range: Interval, bound: Interval): { range: Interval; conflict: boolean } {
  const lo = Math.max(range.lo, bound.lo);
  const hi = Math.min(range.hi, bound.hi);
  if (lo <= hi) return { range: { lo, hi }, conflict: false };
  const edge = bound.hi < range.lo ? bound.hi : bound.lo;
  return { range: { lo: edge, hi: edge }, conflict: true };
}

/** Checks the current price, the cost and the guardrails themselves (not a candidate price). */
function validateGuardrails(currentPrice: number, cost: number | undefined, g: Guardrails): void {
  if (!(currentPrice > 0)) throw new OptimizerInputError("currentPrice", `current price must be above 0, got ${currentPrice}`);
  if (cost !== undefined && Number.isFinite(cost) && cost < 0) throw new OptimizerInputError("cost", `cost must not be negative, got ${cost}`);
  if (g.maxChangePct != null && !(g.maxChangePct >= 0)) throw new OptimizerInputError("maxChange", `max change must be >= 0 %, got ${g.maxChangePct}`);
  if (g.minMarginPct != null && !(g.minMarginPct >= 0 && g.minMarginPct < 100)) {
    throw new OptimizerInputError("marginFloor", `min margin must be in [0, 100) %, got ${g.minMarginPct}`);
  }
  if (g.floor != null && g.ceiling != null && g.floor > g.ceiling) {
    throw new OptimizerInputError("floorCeiling", `floor ${g.floor} is above ceiling ${g.ceiling}`);
  }
  const c = g.competitor;
  if (c && !((c.kind === "maxAboveCheapest" ? c.pct : c.tolerancePct) >= 0)) {
    throw new OptimizerInputError("competitor", "the competitor percentage must be >= 0");
  }
}

function validate(input: OptimizeInput, g: Guardrails, objective: Objective): void {
  validateGuardrails(input.currentPrice, input.cost, g);
  if (objective === "profit" && !Number.isFinite(input.cost ?? Number.NaN)) throw new OptimizerInputError("cost", "the profit objective needs the unit cost");
  const [a, b] = input.searchRange ?? DEFAULT_SEARCH_RANGE;
  if (!(a > 0 && b >= a)) throw new OptimizerInputError("searchRange", `search range must satisfy 0 < low <= high, got ${a}..${b}`);
}

type RangeGuardrail = "maxChange" | "competitor" | "floorCeiling";
/** A guardrail that bounds the price to an interval, and how the optimiser explains a move to it. */
type RangeRule = { guardrail: RangeGuardrail; bound: Interval; reason: string };

const validCompetitors = (prices: number[] | undefined) => (prices ?? []).filter((p) => Number.isFinite(p) && p > 0);

/** The interval rules in their order (maxChange, competitor, floorCeiling); the competitor rule needs competitor prices. */
function rangeRules(current: number, competitors: number[], g: Guardrails): RangeRule[] {
  const rules: RangeRule[] = [];
  if (g.maxChangePct != null) {
    const f = g.maxChangePct / 100;
    rules.push({ guardrail: "maxChange", bound: { lo: current * (1 - f), hi: current * (1 + f) }, reason: `at most ${g.maxChangePct}% from ${current.toFixed(2)}` });
  }
  if (g.competitor && competitors.length > 0) {
    if (g.competitor.kind === "maxAboveCheapest") {
      const cheapest = Math.min(...competitors);
      rules.push({
        guardrail: "competitor",
        bound: { lo: 0, hi: cheapest * (1 + g.competitor.pct / 100) },
        reason: `at most ${g.competitor.pct}% above the cheapest competitor (${cheapest.toFixed(2)})`,
      });
    } else {
      const average = competitors.reduce((s, p) => s + p, 0) / competitors.length;
      const t = g.competitor.tolerancePct / 100;
      rules.push({
        guardrail: "competitor",
        bound: { lo: average * (1 - t), hi: average * (1 + t) },
        reason: `within ${g.competitor.tolerancePct}% of the competitors' average (${average.toFixed(2)})`,
      });
    }
  }
  if (g.floor != null || g.ceiling != null) {
    rules.push({ guardrail: "floorCeiling", bound: { lo: g.floor ?? 0, hi: g.ceiling ?? Number.POSITIVE_INFINITY }, reason: `floor ${g.floor ?? "none"}, ceiling ${g.ceiling ?? "none"}` });
  }
  return rules;
}

/** Lowest price allowed by the margin floor (to the cent, rounded up); null when it does not apply. */
function marginFloorPrice(cost: number, g: Guardrails): number | null {
  return g.minMarginPct != null && Number.isFinite(cost) ? ceilCents(cost / (1 - g.minMarginPct / 100)) : null;
}

export function optimizePrice(input: OptimizeInput): PriceRecommendation {
  const g: Guardrails = input.guardrails ?? DEFAULT_GUARDRAILS;
  const objective = input.objective ?? "profit";
  validate(input, g, objective);
  const current = input.currentPrice;
  const cost = input.cost ?? Number.NaN;
  const notes: string[] = [];
  const cache = new Map<number, Candidate>();
  const evaluate = (prices: number[]): Candidate[] => {
    const missing = prices.filter((p) => !cache.has(p));
    if (missing.length > 0) {
      const curve = input.demand(missing);
      missing.forEach((price, i) => {
        const units = curve.units[i] ?? 0;
        const margin = objective === "profit" ? price - cost : price;
        cache.set(price, { price, units, lower: curve.lower[i] ?? units, upper: curve.upper[i] ?? units, objective: margin * units });
      });
    }
    return prices.map((p) => cache.get(p)!);
  };
  const argmax = (prices: number[]) =>
    evaluate(prices).reduce((best, c) => (c.objective > best.objective + 1e-12 ? c : best)).price;

  const [r0, r1] = input.searchRange ?? DEFAULT_SEARCH_RANGE;
  let range: Interval = { lo: current * r0, hi: current * r1 };
  const unconstrained = argmax(continuousGrid(range, current));
  let price = unconstrained;
  const adjustments: Adjustment[] = [];
  const record = (guardrail: GuardrailName, next: number, reason: string) => {
    if (Math.abs(next - price) >= 0.005) adjustments.push({ guardrail, from: price, to: next, change: cents(next - price), reason });
    price = next;
  };
  const apply = (guardrail: GuardrailName, bound: Interval, reason: string) => {
    const result = narrow(range, bound);
    if (result.conflict) notes.push(`${guardrail} conflicts with the guardrails before it and wins: ${reason}`);
    range = result.range;
    record(guardrail, argmax(continuousGrid(range, current)), reason);
  };

  const competitors = validCompetitors(input.competitorPrices);
  if (g.competitor && competitors.length === 0) notes.push("competitor position skipped: no competitor prices");
  for (const rule of rangeRules(current, competitors, g)) apply(rule.guardrail, rule.bound, rule.reason);
  const ending = g.priceEnding ?? "any";
  let candidates = endingCandidates(range, ending, current);
  if (ending !== "any") record("priceEnding", argmax(candidates), `prices ending in ${ending === "whole" ? ".00" : ending.slice(1)}`);
  if (g.minMarginPct != null) {
    const minPrice = marginFloorPrice(cost, g);
    if (minPrice === null) notes.push("margin floor skipped: unknown cost");
    else {
      const allowed = candidates.filter((p) => p >= minPrice - 1e-9);
      candidates = allowed.length > 0 ? allowed : [endingAtOrAbove(minPrice, ending)];
      record("marginFloor", argmax(candidates), `margin at least ${g.minMarginPct}% over cost ${cost.toFixed(2)} (price >= ${minPrice.toFixed(2)})`);
    }
  }

  const [chosen] = evaluate([price]);
  const [atCurrent] = evaluate([cents(current)]);
  const band = (f: (units: number) => number): Band => ({ value: f(chosen!.units), lower: f(chosen!.lower), upper: f(chosen!.upper) });
  return {
    price,
    currentPrice: current,
    changePct: ((price - current) / current) * 100,
    objective,
    unconstrainedPrice: unconstrained,
    expectedUnits: band((u) => u),
    expectedProfit: Number.isFinite(cost) ? band((u) => (price - cost) * u) : null,
    expectedRevenue: band((u) => price * u),
    currentObjective: atCurrent!.objective,
    adjustments,
    candidates: evaluate(candidates),
    notes,
  };
}

export type GuardrailViolation = { guardrail: GuardrailName; message: string };

const money = (v: number) => `$${v.toFixed(2)}`;
const pct = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const floorCents = (v: number) => Math.floor(v * 100 + 1e-7) / 100;
/** The whole-cent prices inside a bound (as the optimiser's grid rounds it). */
const toCents = (i: Interval): Interval => ({ lo: ceilCents(i.lo), hi: floorCents(i.hi) });
const within = (p: number, i: Interval) => p >= i.lo - 1e-9 && p <= i.hi + 1e-9;
const overlaps = (a: Interval, b: Interval) => Math.max(a.lo, b.lo) <= Math.min(a.hi, b.hi);
const intersect = (rules: RangeRule[]): Interval =>
  rules.reduce<Interval>((r, rule) => ({ lo: Math.max(r.lo, rule.bound.lo), hi: Math.min(r.hi, rule.bound.hi) }), { lo: 0, hi: Number.POSITIVE_INFINITY });

function hasEnding(price: number, ending: Exclude<PriceEnding, "any">): boolean {
  const c = Math.round(price * 100) % 100;
  return c === Math.round(endingFraction(ending) * 100);
}

/**
 * The range rules a price is held to. The optimiser narrows maxChange -> competitor -> floorCeiling and lets the later
 * rule win a conflict; here that reads: when maxChange and competitor cannot both hold, maxChange is not checked; when
 * a person's floor/ceiling cannot hold together with the automatic rules left, only the floor/ceiling is checked
 * (any price inside it is fine, not just the edge the optimiser would pick).
 */
function bindingRules(rules: RangeRule[]): RangeRule[] {
  const maxChange = rules.find((r) => r.guardrail === "maxChange");
  const competitor = rules.find((r) => r.guardrail === "competitor");
  const person = rules.find((r) => r.guardrail === "floorCeiling");
  let automatic = [maxChange, competitor].filter((r): r is RangeRule => r !== undefined);
  if (maxChange && competitor && !overlaps(maxChange.bound, competitor.bound)) automatic = [competitor];
  if (person && automatic.length > 0 && !overlaps(intersect(automatic), person.bound)) automatic = [];
  return person ? [...automatic, person] : automatic;
}

function rangeMessage(rule: RangeRule, price: number, current: number, competitors: number[], g: Guardrails): string {
  const bound = toCents(rule.bound);
  if (rule.guardrail === "maxChange") {
    const change = ((price - current) / current) * 100;
    const up = change > 0;
    return `A ${Math.abs(change).toFixed(1)} % ${up ? "rise" : "cut"} from ${money(current)} is more than the ${pct(g.maxChangePct!)} % allowed in one step: the ${up ? "highest" : "lowest"} allowed price is ${money(up ? bound.hi : bound.lo)}.`;
  }
  if (rule.guardrail === "competitor") {
    const c = g.competitor!;
    if (c.kind === "maxAboveCheapest") {
      const cheapest = Math.min(...competitors);
      return `${money(price)} is ${(((price - cheapest) / cheapest) * 100).toFixed(1)} % above the cheapest competitor (${money(cheapest)}), more than the ${pct(c.pct)} % allowed: the highest allowed price is ${money(bound.hi)}.`;
    }
    const average = competitors.reduce((s, p) => s + p, 0) / competitors.length;
    const gap = ((price - average) / average) * 100;
    return `${money(price)} is ${Math.abs(gap).toFixed(1)} % ${gap > 0 ? "above" : "below"} the competitors' average (${money(average)}), more than the ${pct(c.tolerancePct)} % allowed: prices from ${money(bound.lo)} to ${money(bound.hi)} are allowed.`;
  }
  return g.floor != null && price < g.floor
    ? `${money(price)} is below the floor of ${money(g.floor)} set for this product.`
    : `${money(price)} is above the ceiling of ${money(g.ceiling!)} set for this product.`;
}

/**
 * Which guardrails a price (a person's, or any) breaks, in GUARDRAIL_ORDER, each with a plain-language message that
 * names the limit; empty when the price is allowed. The same precedence as optimizePrice, so the optimiser's own
 * recommendation never breaks its guardrails:
 *   - maxChange, competitor, floorCeiling: see bindingRules (the later rule wins a conflict; a person's floor/ceiling
 *     overrides the automatic rules). Prices are whole cents: a bound between two cents allows the cent inside it.
 *   - priceEnding: a breach only when the price does not end as configured. Where no price with the ending fits in
 *     the range the optimiser searches, the nearest one it would take instead is allowed by the range rules too.
 *   - marginFloor: always applies (unknown cost: skipped). When the range rules leave no price with the ending that
 *     meets it, they yield to the lowest price with the ending that does.
 */
export function guardrailViolations(
  price: number,
  input: { currentPrice: number; cost?: number; competitorPrices?: number[]; guardrails: Guardrails },
): GuardrailViolation[] {
  if (!(price > 0) || !Number.isFinite(price)) throw new OptimizerInputError("price", `price must be above 0, got ${price}`);
  const g = input.guardrails;
  validateGuardrails(input.currentPrice, input.cost, g);
  const current = input.currentPrice;
  const cost = input.cost ?? Number.NaN;
  const ending = g.priceEnding ?? "any";
  const competitors = validCompetitors(input.competitorPrices);
  const rules = rangeRules(current, competitors, g);
  const binding = bindingRules(rules);
  const allowed = toCents(intersect(binding));

  // The prices the optimiser (with its default search range) chooses among once it applied the range rules, and its
  // fallbacks: the nearest price with the ending when none fits, the single cent of a range narrower than a cent, the
  // lowest price meeting the margin floor when no candidate does.
  let searched: Interval = { lo: current * DEFAULT_SEARCH_RANGE[0], hi: current * DEFAULT_SEARCH_RANGE[1] };
  for (const rule of rules) searched = narrow(searched, rule.bound).range;
  const candidates = endingCandidates(searched, ending, current);
  const extra = candidates.filter((p) => !within(p, allowed));
  const minPrice = marginFloorPrice(cost, g);
  if (minPrice !== null && !candidates.some((p) => p >= minPrice - 1e-9)) extra.push(endingAtOrAbove(minPrice, ending));

  const violations: GuardrailViolation[] = [];
  if (!within(price, allowed) && !extra.some((p) => Math.abs(p - price) < 1e-9)) {
    for (const rule of binding) {
      if (!within(price, toCents(rule.bound))) violations.push({ guardrail: rule.guardrail, message: rangeMessage(rule, price, current, competitors, g) });
    }
  }
  if (ending !== "any" && !hasEnding(price, ending)) {
    const shown = ending === "whole" ? ".00 (whole prices)" : ending.slice(1);
    const below = endingAtOrBelow(price, ending);
    const above = money(endingAtOrAbove(price, ending));
    const nearest = below > 0 ? `the nearest prices that do are ${money(below)} and ${above}` : `the nearest price that does is ${above}`;
    violations.push({ guardrail: "priceEnding", message: `${money(price)} does not end in ${shown} as the guardrails ask: ${nearest}.` });
  }
  if (minPrice !== null && price < minPrice - 1e-9) {
    violations.push({
      guardrail: "marginFloor",
      message: `Margin ${(((price - cost) / price) * 100).toFixed(1)} % is below the ${pct(g.minMarginPct!)} % floor: the lowest allowed price is ${money(minPrice)}.`,
    });
  }
  return violations;
}
