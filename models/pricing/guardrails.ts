/**
 * The pricing guardrails and the one range of prices they allow, computed once (allowedPrices) for the optimiser,
 * the check of a person's price and every message that quotes an allowed price.
 *
 * Four hard guardrails, each a bound on the price:
 *   maxChange     at most X % up or down from the current price in one step
 *   competitor    at most X % above the cheapest competitor, or within X % of their average (skipped without prices)
 *   floorCeiling  the floor and/or ceiling a person set for the product
 *   marginFloor   (price - cost) / price at least the minimum margin (skipped when the cost is unknown)
 * and the price ending (.99, .95, whole dollars or any cent), which chooses among the prices they allow.
 *
 * Precedence: there is none among them. The allowed prices are the whole-cent prices with the ending inside the
 * intersection of every bound (a bound between two cents allows the cent inside it). Each edge of that range names
 * the guardrail that sets it. When the intersection is empty, or holds no price with the ending, the guardrails
 * conflict: no price is allowed, the optimiser keeps the current price and names the guardrails in conflict with
 * their bounds, and a person changes a guardrail (or rejects) to move the price.
 *
 * A current price that already breaks a guardrail beyond the max change's reach (say 30 % above the competitor bound
 * with a 10 % max change) is such a conflict too: the max change does not yield. It is the promise that no price
 * moves more than X % in one step unless a person changes that limit; letting it yield would recommend exactly the
 * large, unreviewed jumps it exists to prevent, while keeping the current price changes nothing that is not already so.
 */

export type PriceEnding = "0.99" | "0.95" | "whole" | "any";
export type CompetitorPosition = { kind: "maxAboveCheapest"; pct: number } | { kind: "matchAverage"; tolerancePct: number };

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
export type HardGuardrail = Exclude<GuardrailName, "priceEnding">;

/** The guardrails' names in running text ("max change vs competitor"). */
export const guardrailWords: Record<GuardrailName, string> = {
  maxChange: "max change",
  competitor: "competitor",
  floorCeiling: "floor/ceiling",
  priceEnding: "price ending",
  marginFloor: "margin floor",
};

export const DEFAULT_GUARDRAILS: Readonly<Guardrails> = {
  maxChangePct: 10,
  competitor: { kind: "maxAboveCheapest", pct: 15 },
  floor: null,
  ceiling: null,
  priceEnding: "0.99",
  minMarginPct: 10,
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

export type GuardrailInput = { currentPrice: number; cost?: number; competitorPrices?: number[]; guardrails: Guardrails };

/** One hard guardrail's bound in whole cents (hiCents null: no upper bound), and the rule in words with its range. */
export type GuardrailBound = { guardrail: HardGuardrail; loCents: number; hiCents: number | null; rule: string };

export type GuardrailConflict = {
  /** The guardrails that cannot all hold, in two sides: those wanting a higher price (or the range's edges) vs the rest. */
  sides: [GuardrailName[], GuardrailName[]];
  /** "max change vs competitor", "max change and margin floor vs competitor" */
  summary: string;
  /** The same with each bound, in a sentence. */
  message: string;
};

type Common = { bounds: GuardrailBound[]; ending: PriceEnding; notes: string[] };
export type AllowedPrices =
  | (Common & { ok: true; lowestCents: number; highestCents: number | null; lowestBy: HardGuardrail | null; highestBy: HardGuardrail | null })
  | (Common & { ok: false; conflict: GuardrailConflict });

/** "$9.99" from dollars, and from whole cents: the one money format of every guardrail message. */
export const dollars = (v: number) => `$${v.toFixed(2)}`;
export const money = (cents: number) => dollars(cents / 100);
export const pctText = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
/** Whole cents at or above / at or below a price in dollars (the tolerance absorbs float noise such as 10.989999...). */
export const centsUp = (price: number) => Math.ceil(price * 100 - 1e-7);
export const centsDown = (price: number) => Math.floor(price * 100 + 1e-7);

const ENDING_CENTS: Record<Exclude<PriceEnding, "any">, number> = { "0.99": 99, "0.95": 95, whole: 0 };

export const hasEnding = (cents: number, ending: PriceEnding) => ending === "any" || cents % 100 === ENDING_CENTS[ending];

/** Smallest price (cents) with the ending at or above `cents`. */
export function endingAtOrAbove(cents: number, ending: PriceEnding): number {
  if (ending === "any") return cents;
  const f = ENDING_CENTS[ending];
  return Math.max(0, Math.ceil((cents - f) / 100)) * 100 + f;
}

/** Largest price (cents) with the ending at or below `cents`; under 1 when there is none. */
export function endingAtOrBelow(cents: number, ending: PriceEnding): number {
  if (ending === "any") return cents;
  const f = ENDING_CENTS[ending];
  return Math.floor((cents - f) / 100) * 100 + f;
}

export const endingWords = (ending: PriceEnding) => (ending === "whole" ? "whole dollars" : ending === "any" ? "any cent" : ending.slice(1));
/** The price ending as a rule, the reason it gives when it sets a price or conflicts. */
export const endingRule = (ending: PriceEnding) => `prices ending in ${endingWords(ending)}`;

/** "$9.00 to $11.00", "from $51.12", "up to $8.05". */
function boundRange(loCents: number, hiCents: number | null): string {
  if (hiCents === null) return `from ${money(loCents)}`;
  return loCents <= 1 ? `up to ${money(hiCents)}` : `${money(loCents)} to ${money(hiCents)}`;
}

export const validCompetitors = (prices: number[] | undefined) => (prices ?? []).filter((p) => Number.isFinite(p) && p > 0);
export const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Checks the current price, the cost and the guardrails themselves (not a candidate price). */
export function validateGuardrails(currentPrice: number, cost: number | undefined, g: Guardrails): void {
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

function bound(guardrail: HardGuardrail, lo: number, hi: number, rule: string): GuardrailBound {
  const loCents = Math.max(0, centsUp(lo));
  const hiCents = Number.isFinite(hi) ? centsDown(hi) : null;
  return { guardrail, loCents, hiCents, rule: `${rule}: ${boundRange(loCents, hiCents)}` };
}

/** The bounds that apply, in GUARDRAIL_ORDER, and why any guardrail was skipped. */
function boundsOf(input: GuardrailInput): { bounds: GuardrailBound[]; notes: string[] } {
  const g = input.guardrails;
  const current = input.currentPrice;
  const competitors = validCompetitors(input.competitorPrices);
  const bounds: GuardrailBound[] = [];
  const notes: string[] = [];
  if (g.maxChangePct != null) {
    const f = g.maxChangePct / 100;
    bounds.push(bound("maxChange", current * (1 - f), current * (1 + f), `at most ${pctText(g.maxChangePct)} % from ${dollars(current)}`));
  }
  if (g.competitor && competitors.length === 0) notes.push("competitor position skipped: no competitor prices");
  else if (g.competitor?.kind === "maxAboveCheapest") {
    const cheapest = Math.min(...competitors);
    bounds.push(bound("competitor", 0, cheapest * (1 + g.competitor.pct / 100), `at most ${pctText(g.competitor.pct)} % above the cheapest competitor (${dollars(cheapest)})`));
  } else if (g.competitor?.kind === "matchAverage") {
    const mean = average(competitors);
    const t = g.competitor.tolerancePct / 100;
    bounds.push(bound("competitor", mean * (1 - t), mean * (1 + t), `within ${pctText(g.competitor.tolerancePct)} % of the competitors' average (${dollars(mean)})`));
  }
  if (g.floor != null || g.ceiling != null) {
    const what = [g.floor != null && "floor", g.ceiling != null && "ceiling"].filter(Boolean).join(" and ");
    bounds.push(bound("floorCeiling", g.floor ?? 0, g.ceiling ?? Number.POSITIVE_INFINITY, `the ${what} set for this product`));
  }
  if (g.minMarginPct != null) {
    const cost = input.cost ?? Number.NaN;
    if (!Number.isFinite(cost)) notes.push("margin floor skipped: unknown cost");
    else bounds.push(bound("marginFloor", cost / (1 - g.minMarginPct / 100), Number.POSITIVE_INFINITY, `margin at least ${pctText(g.minMarginPct)} % over the cost (${dollars(cost)})`));
  }
  return { bounds, notes };
}

const side = (bounds: GuardrailBound[]) => bounds.map((b) => `${guardrailWords[b.guardrail]} (${boundRange(b.loCents, b.hiCents)})`).join(" and ");

/** "max change and margin floor vs competitor" */
export const conflictText = (sides: readonly (readonly GuardrailName[])[]) => sides.map((side) => side.map((g) => guardrailWords[g]).join(" and ")).join(" vs ");

function conflictOf(raising: GuardrailName[], lowering: GuardrailName[], message: string): GuardrailConflict {
  return { sides: [raising, lowering], summary: conflictText([raising, lowering]), message };
}

/** The prices every guardrail allows (see the module comment), or the conflict that leaves none. */
export function allowedPrices(input: GuardrailInput): AllowedPrices {
  const g = input.guardrails;
  validateGuardrails(input.currentPrice, input.cost, g);
  const ending = g.priceEnding ?? "any";
  const { bounds, notes } = boundsOf(input);
  const common = { bounds, ending, notes };
  const lo = Math.max(1, ...bounds.map((b) => b.loCents));
  const hi = Math.min(Number.POSITIVE_INFINITY, ...bounds.map((b) => b.hiCents ?? Number.POSITIVE_INFINITY));
  if (lo > hi) {
    const raising = bounds.filter((b) => b.loCents > hi);
    const lowering = bounds.filter((b) => b.hiCents !== null && b.hiCents < lo);
    const conflict = conflictOf(
      raising.map((b) => b.guardrail),
      lowering.map((b) => b.guardrail),
      `No price meets every guardrail: ${side(raising)} vs ${side(lowering)}.`,
    );
    return { ...common, ok: false, conflict };
  }
  const lowestBy = bounds.find((b) => b.loCents === lo)?.guardrail ?? null;
  const highestBy = bounds.find((b) => b.hiCents === hi)?.guardrail ?? null;
  const lowestCents = endingAtOrAbove(lo, ending);
  const highestCents = Number.isFinite(hi) ? endingAtOrBelow(hi, ending) : null;
  if (highestCents !== null && lowestCents > highestCents) {
    const edges = [...new Set([lowestBy, highestBy].filter((x): x is HardGuardrail => x !== null))];
    const conflict = conflictOf(
      edges,
      ["priceEnding"],
      `No price meets every guardrail: ${edges.map((e) => guardrailWords[e]).join(" and ")} allow only ${money(lo)} to ${money(hi)}, and no price there ends in ${endingWords(ending)}.`,
    );
    return { ...common, ok: false, conflict };
  }
  return { ...common, ok: true, lowestCents, highestCents, lowestBy, highestBy };
}

/** The allowed prices in one sentence, quoted by every message about a price. */
export function describeAllowed(allowed: AllowedPrices): string {
  if (!allowed.ok) return allowed.conflict.message;
  const { lowestCents: lo, highestCents: hi } = allowed;
  if (hi === null) return `Allowed prices: ${money(lo)} or more.`;
  return lo === hi ? `The only allowed price is ${money(lo)}.` : `Allowed prices: ${money(lo)} to ${money(hi)}.`;
}
