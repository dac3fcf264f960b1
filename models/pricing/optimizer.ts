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
    readonly field: GuardrailName | "currentPrice" | "cost" | "searchRange",
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

/** Intersect, the later guardrail winning a conflict: then the range collapses to its nearest edge. */
function narrow(range: Interval, bound: Interval): { range: Interval; conflict: boolean } {
  const lo = Math.max(range.lo, bound.lo);
  const hi = Math.min(range.hi, bound.hi);
  if (lo <= hi) return { range: { lo, hi }, conflict: false };
  const edge = bound.hi < range.lo ? bound.hi : bound.lo;
  return { range: { lo: edge, hi: edge }, conflict: true };
}

function validate(input: OptimizeInput, g: Guardrails, objective: Objective): void {
  if (!(input.currentPrice > 0)) throw new OptimizerInputError("currentPrice", `current price must be above 0, got ${input.currentPrice}`);
  const cost = input.cost ?? Number.NaN;
  if (Number.isFinite(cost) && cost < 0) throw new OptimizerInputError("cost", `cost must not be negative, got ${cost}`);
  if (objective === "profit" && !Number.isFinite(cost)) throw new OptimizerInputError("cost", "the profit objective needs the unit cost");
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
  const [a, b] = input.searchRange ?? [0.5, 2];
  if (!(a > 0 && b >= a)) throw new OptimizerInputError("searchRange", `search range must satisfy 0 < low <= high, got ${a}..${b}`);
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

  const [r0, r1] = input.searchRange ?? [0.5, 2];
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

  if (g.maxChangePct != null) {
    const f = g.maxChangePct / 100;
    apply("maxChange", { lo: current * (1 - f), hi: current * (1 + f) }, `at most ${g.maxChangePct}% from ${current.toFixed(2)}`);
  }
  const competitors = (input.competitorPrices ?? []).filter((p) => Number.isFinite(p) && p > 0);
  if (g.competitor) {
    if (competitors.length === 0) notes.push("competitor position skipped: no competitor prices");
    else if (g.competitor.kind === "maxAboveCheapest") {
      const cheapest = Math.min(...competitors);
      apply("competitor", { lo: 0, hi: cheapest * (1 + g.competitor.pct / 100) }, `at most ${g.competitor.pct}% above the cheapest competitor (${cheapest.toFixed(2)})`);
    } else {
      const average = competitors.reduce((s, p) => s + p, 0) / competitors.length;
      const t = g.competitor.tolerancePct / 100;
      apply("competitor", { lo: average * (1 - t), hi: average * (1 + t) }, `within ${g.competitor.tolerancePct}% of the competitors' average (${average.toFixed(2)})`);
    }
  }
  if (g.floor != null || g.ceiling != null) {
    apply("floorCeiling", { lo: g.floor ?? 0, hi: g.ceiling ?? Number.POSITIVE_INFINITY }, `floor ${g.floor ?? "none"}, ceiling ${g.ceiling ?? "none"}`);
  }
  const ending = g.priceEnding ?? "any";
  let candidates = endingCandidates(range, ending, current);
  if (ending !== "any") record("priceEnding", argmax(candidates), `prices ending in ${ending === "whole" ? ".00" : ending.slice(1)}`);
  if (g.minMarginPct != null) {
    if (!Number.isFinite(cost)) notes.push("margin floor skipped: unknown cost");
    else {
      const minPrice = ceilCents(cost / (1 - g.minMarginPct / 100));
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
