import { allowedPrices, centsDown, centsUp, endingAtOrAbove, endingAtOrBelow, endingRule, hasEnding, money, validateGuardrails, DEFAULT_GUARDRAILS, OptimizerInputError, type AllowedPrices, type GuardrailConflict, type GuardrailName, type Guardrails, type PriceEnding } from "./guardrails";

/**
 * The price optimiser for one product: given a fitted demand curve, cost, current price, competitor prices and
 * guardrails, it picks the price with the highest expected profit (or revenue) among the prices every guardrail
 * allows (allowedPrices in guardrails.ts, where the rules and their precedence are written down).
 *
 *   1. The unconstrained optimum is searched on a grid within searchRange x the current price (where the curve was
 *      fitted, more or less).
 *   2. The candidates are the allowed prices (with the ending) inside that window; when the window holds none, the
 *      allowed prices nearest to it; and the optimum and the current price when they are allowed. The best candidate
 *      is the recommendation.
 *   3. "Bound by" names the rule that set the final price: the guardrail whose edge of the allowed range the price
 *      sits on when the optimum lies beyond that edge; else the price ending when it moved the optimum; else none.
 *      `adjustments` holds that one move (optimum -> price) and nothing else.
 *   4. When the guardrails conflict, the current price is kept and `conflict` says which guardrails and their bounds.
 */


export type DemandCurve = (prices: readonly number[]) => { units: number[]; lower: number[]; upper: number[] };
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
  /** The rule that set the price (see the module comment); null when the optimum was allowed as it was. */
  boundBy: GuardrailName | null;
  /** The move from the optimum that boundBy made, or nothing. */
  adjustments: Adjustment[];
  /** The prices the guardrails allow, computed once; the recommendation is one of them unless they conflict. */
  allowed: AllowedPrices;
  /** Set when no price meets every guardrail: the price is then the current price. */
  conflict: GuardrailConflict | null;
  /** The final candidate set, evaluated (what the chart of the decision shows). */
  candidates: Candidate[];
  notes: string[];
};

const GRID_POINTS = 201;
/** The unconstrained optimum is searched between these multiples of the current price unless told otherwise. */
const DEFAULT_SEARCH_RANGE: [number, number] = [0.5, 2];
const MAX_ENDING_CANDIDATES = 2000;
const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Whole-cent prices from a to b (cents) with the ending: every one up to MAX_ENDING_CANDIDATES, and both ends. */
function endingGrid(a: number, b: number, ending: PriceEnding): number[] {
  if (ending === "any") return Array.from({ length: GRID_POINTS }, (_, i) => Math.round(a + ((b - a) * i) / (GRID_POINTS - 1)));
  const first = endingAtOrAbove(a, ending);
  const last = endingAtOrBelow(b, ending);
  if (first > last) return [];
  const step = Math.max(1, Math.ceil((last - first) / 100 / MAX_ENDING_CANDIDATES)) * 100;
  const out: number[] = [];
  for (let c = first; c < last; c += step) out.push(c);
  out.push(last);
  return out;
}

function validate(input: OptimizeInput, g: Guardrails, objective: Objective): void {
  validateGuardrails(input.currentPrice, input.cost, g);
  if (objective === "profit" && !Number.isFinite(input.cost ?? Number.NaN)) throw new OptimizerInputError("cost", "the profit objective needs the unit cost");
  const [a, b] = input.searchRange ?? DEFAULT_SEARCH_RANGE;
  if (!(a > 0 && b >= a)) throw new OptimizerInputError("searchRange", `search range must satisfy 0 < low <= high, got ${a}..${b}`);
}

type Allowed = Extract<AllowedPrices, { ok: true }>;

/** The allowed prices (cents) in the search window, or those nearest to it; plus the optimum and current price if allowed. */
function candidateCents(allowed: Allowed, window: [number, number], extra: number[]): number[] {
  const lowest = allowed.lowestCents;
  const highest = allowed.highestCents ?? Number.POSITIVE_INFINITY;
  const a = clamp(window[0], lowest, highest);
  const b = clamp(Math.max(window[0], window[1]), lowest, highest);
  let grid = endingGrid(a, b, allowed.ending);
  if (grid.length === 0) grid = [endingAtOrBelow(a, allowed.ending), endingAtOrAbove(b, allowed.ending)].filter((c) => c >= lowest && c <= highest);
  const inside = extra.filter((c) => c >= lowest && c <= highest && hasEnding(c, allowed.ending));
  return [...new Set([...grid, ...inside])].sort((x, y) => x - y);
}

/** The rule that set the price (module comment, step 3) and the reason it gives. */
function bindingRule(allowed: Allowed, price: number, optimum: number): { guardrail: GuardrailName; reason: string } | null {
  const rule = (guardrail: GuardrailName | null, edge: "lowest" | "highest") => {
    const b = allowed.bounds.find((x) => x.guardrail === guardrail);
    return b ? { guardrail: b.guardrail, reason: `${b.rule}; the ${edge} allowed price is ${money(price)}` } : null;
  };
  if (price === allowed.lowestCents && optimum < price) return rule(allowed.lowestBy, "lowest") ?? ending(allowed, price, optimum);
  if (price === allowed.highestCents && optimum > price) return rule(allowed.highestBy, "highest") ?? ending(allowed, price, optimum);
  return ending(allowed, price, optimum);
}

function ending(allowed: Allowed, price: number, optimum: number): { guardrail: GuardrailName; reason: string } | null {
  return allowed.ending !== "any" && price !== optimum ? { guardrail: "priceEnding", reason: endingRule(allowed.ending) } : null;
}

export function optimizePrice(input: OptimizeInput): PriceRecommendation {
  const g: Guardrails = input.guardrails ?? DEFAULT_GUARDRAILS;
  const objective = input.objective ?? "profit";
  validate(input, g, objective);
  const current = input.currentPrice;
  const cost = input.cost ?? Number.NaN;
  const cache = new Map<number, Candidate>();
  /** Evaluates prices given in cents (the demand curve takes dollars). */
  const evaluate = (cents: number[]): Candidate[] => {
    const missing = [...new Set(cents.filter((c) => !cache.has(c)))];
    if (missing.length > 0) {
      const curve = input.demand(missing.map((c) => c / 100));
      missing.forEach((c, i) => {
        const price = c / 100;
        const units = curve.units[i] ?? 0;
        const margin = objective === "profit" ? price - cost : price;
        cache.set(c, { price, units, lower: curve.lower[i] ?? units, upper: curve.upper[i] ?? units, objective: margin * units });
      });
    }
    return cents.map((c) => cache.get(c)!);
  };
  const argmax = (cents: number[]) => {
    const scored = evaluate(cents);
    let best = 0;
    scored.forEach((c, i) => {
      if (c.objective > scored[best]!.objective + 1e-12) best = i;
    });
    return cents[best]!;
  };

  const [r0, r1] = input.searchRange ?? DEFAULT_SEARCH_RANGE;
  const currentCents = Math.round(current * 100);
  const window: [number, number] = [Math.max(1, centsUp(current * r0)), centsDown(current * r1)];
  const searched = endingGrid(window[0], Math.max(window[0], window[1]), "any");
  if (currentCents >= window[0] && currentCents <= window[1]) searched.push(currentCents);
  const unconstrained = argmax([...new Set(searched)].sort((a, b) => a - b));
  const allowed = allowedPrices({ currentPrice: current, cost: input.cost, competitorPrices: input.competitorPrices, guardrails: g });

  let priceCents = currentCents;
  let candidates = [currentCents];
  let boundBy: GuardrailName | null = null;
  const adjustments: Adjustment[] = [];
  if (allowed.ok) {
    candidates = candidateCents(allowed, window, [unconstrained, currentCents]);
    priceCents = argmax(candidates);
    const rule = bindingRule(allowed, priceCents, unconstrained);
    if (rule) {
      boundBy = rule.guardrail;
      adjustments.push({ guardrail: rule.guardrail, from: unconstrained / 100, to: priceCents / 100, change: (priceCents - unconstrained) / 100, reason: rule.reason });
    }
  }

  const price = allowed.ok ? priceCents / 100 : current;
  const [chosen] = evaluate([priceCents]);
  const [atCurrent] = evaluate([currentCents]);
  const band = (f: (units: number) => number): Band => ({ value: f(chosen!.units), lower: f(chosen!.lower), upper: f(chosen!.upper) });
  return {
    price,
    currentPrice: current,
    changePct: ((price - current) / current) * 100,
    objective,
    unconstrainedPrice: unconstrained / 100,
    expectedUnits: band((u) => u),
    expectedProfit: Number.isFinite(cost) ? band((u) => (price - cost) * u) : null,
    expectedRevenue: band((u) => price * u),
    currentObjective: atCurrent!.objective,
    boundBy,
    adjustments,
    allowed,
    conflict: allowed.ok ? null : allowed.conflict,
    candidates: evaluate(candidates),
    notes: allowed.notes,
  };
}
