import { describe, expect, it } from "vitest";
import { guardrailViolations } from "@/models/pricing/guardrail-check";
import { allowedPrices, OptimizerInputError, type Guardrails, type PriceEnding } from "@/models/pricing/guardrails";
import { optimizePrice, type DemandCurve } from "@/models/pricing/optimizer";
import { mulberry32 } from "@/models/random";

const none: Guardrails = {};
const check = (price: number, guardrails: Guardrails, extra: { currentPrice?: number; cost?: number; competitorPrices?: number[] } = {}) =>
  guardrailViolations(price, { currentPrice: 10, ...extra, guardrails });
const names = (violations: { guardrail: string }[]) => violations.map((v) => v.guardrail);
const messages = (violations: { message: string }[]) => violations.map((v) => v.message);

describe("the allowed prices", () => {
  it("are the intersection of every bound, rounded into whole cents with the ending, each edge naming its guardrail", () => {
    // Max change 20 % of 10.00: 8.00-12.00; cheapest competitor 9.50 + 5 % = 9.975, so 9.97; with .99 endings: 8.99 only.
    const g: Guardrails = { maxChangePct: 20, competitor: { kind: "maxAboveCheapest", pct: 5 }, priceEnding: "0.99" };
    expect(allowedPrices({ currentPrice: 10, competitorPrices: [10, 9.5, 12], guardrails: g })).toMatchObject({ ok: true, lowestCents: 899, highestCents: 899, lowestBy: "maxChange", highestBy: "competitor" });
    // Cost 46, 10 % margin: at least 51.12 (51.111...); max change up to 55.00; .99: 51.99 to 54.99.
    expect(allowedPrices({ currentPrice: 50, cost: 46, guardrails: { maxChangePct: 10, priceEnding: "0.99", minMarginPct: 10 } })).toMatchObject({
      ok: true,
      lowestCents: 5199,
      highestCents: 5499,
      lowestBy: "marginFloor",
      highestBy: "maxChange",
    });
    expect(allowedPrices({ currentPrice: 10, guardrails: none })).toMatchObject({ ok: true, lowestCents: 1, highestCents: null, lowestBy: null, highestBy: null });
  });

  it("conflict when the bounds do not meet, naming the guardrails on each side with their bounds", () => {
    const g: Guardrails = { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 15 }, priceEnding: "0.99", minMarginPct: 10 };
    expect(allowedPrices({ currentPrice: 100, cost: 30, competitorPrices: [70], guardrails: g })).toMatchObject({
      ok: false,
      conflict: { sides: [["maxChange"], ["competitor"]], summary: "max change vs competitor", message: "No price meets every guardrail: max change ($90.00 to $110.00) vs competitor (up to $80.50)." },
    });
  });

  it("conflict when the bounds meet but hold no price with the ending", () => {
    // 0.5 % from 10.55 leaves 10.50 to 10.60: no price there ends in .99.
    expect(allowedPrices({ currentPrice: 10.55, guardrails: { maxChangePct: 0.5, priceEnding: "0.99" } })).toMatchObject({
      ok: false,
      conflict: { sides: [["maxChange"], ["priceEnding"]], summary: "max change vs price ending", message: "No price meets every guardrail: max change allow only $10.50 to $10.60, and no price there ends in .99." },
    });
  });
});

describe("guardrail check of a chosen price", () => {
  it("allows any price when there are no guardrails", () => {
    expect(check(3.21, none)).toEqual([]);
    expect(check(99, none, { cost: 50 })).toEqual([]);
  });

  it("refuses a step larger than the max change, quoting the allowed prices", () => {
    const g = { maxChangePct: 10 };
    expect(check(11, g)).toEqual([]);
    expect(check(9, g)).toEqual([]);
    expect(messages(check(11.5, g))).toEqual(["A 15.0 % rise from $10.00 is more than the 10 % allowed in one step. Allowed prices: $9.00 to $11.00."]);
    expect(check(8.5, g)[0]!.breach).toBe("A 15.0 % cut from $10.00 is more than the 10 % allowed in one step.");
    // 10 % above 9.99 is 10.989: the highest whole-cent price inside is 10.98.
    expect(check(10.98, g, { currentPrice: 9.99 })).toEqual([]);
    expect(check(10.99, g, { currentPrice: 9.99 })[0]!.message).toContain("Allowed prices: $9.00 to $10.98.");
  });

  it("keeps the price within X % of the cheapest competitor", () => {
    const g: Guardrails = { competitor: { kind: "maxAboveCheapest", pct: 5 } };
    const competitorPrices = [10, 9.5, 12];
    // 9.50 x 1.05 = 9.975: 9.97 is allowed, 9.98 is not.
    expect(check(9.97, g, { competitorPrices })).toEqual([]);
    expect(messages(check(10.5, g, { competitorPrices }))).toEqual(["$10.50 is 10.5 % above the cheapest competitor ($9.50), more than the 5 % allowed. Allowed prices: $0.01 to $9.97."]);
    expect(names(check(9.98, g, { competitorPrices }))).toEqual(["competitor"]);
    // Far below every competitor is fine; without competitor prices the rule is skipped.
    expect(check(5, g, { competitorPrices })).toEqual([]);
    expect(check(50, g, { competitorPrices: [] })).toEqual([]);
  });

  it("keeps the price within a tolerance of the competitors' average", () => {
    const g: Guardrails = { competitor: { kind: "matchAverage", tolerancePct: 2 } };
    const competitorPrices = [9, 11];
    expect(check(9.8, g, { competitorPrices })).toEqual([]);
    expect(check(10.2, g, { competitorPrices })).toEqual([]);
    expect(messages(check(9.5, g, { competitorPrices }))).toEqual(["$9.50 is 5.0 % below the competitors' average ($10.00), more than the 2 % allowed. Allowed prices: $9.80 to $10.20."]);
  });

  it("holds a price to the floor and ceiling a person set", () => {
    const g = { floor: 8, ceiling: 12 };
    expect(check(8, g)).toEqual([]);
    expect(check(12, g)).toEqual([]);
    expect(messages(check(7.99, g))).toEqual(["$7.99 is below the floor of $8.00 set for this product. Allowed prices: $8.00 to $12.00."]);
    expect(messages(check(12.5, g))).toEqual(["$12.50 is above the ceiling of $12.00 set for this product. Allowed prices: $8.00 to $12.00."]);
  });

  it("refuses a price that does not end as configured, and only then", () => {
    expect(check(10.99, { priceEnding: "0.99" })).toEqual([]);
    expect(messages(check(10.5, { priceEnding: "0.99" }))).toEqual(["$10.50 does not end in .99 as the guardrails ask. Allowed prices: $0.99 or more."]);
    expect(check(10.95, { priceEnding: "0.95" })).toEqual([]);
    expect(names(check(10.99, { priceEnding: "0.95" }))).toEqual(["priceEnding"]);
    expect(check(11, { priceEnding: "whole" })).toEqual([]);
    expect(check(10.99, { priceEnding: "whole" })[0]!.breach).toBe("$10.99 does not end in whole dollars as the guardrails ask.");
    expect(check(10.37, { priceEnding: "any" })).toEqual([]);
  });

  it("refuses a price below the margin floor and names the lowest allowed price", () => {
    // Cost 10, 10 % floor: 10 / 0.9 = 11.111..., so 11.12 is the lowest whole-cent price with a 10 % margin.
    const g = { minMarginPct: 10 };
    expect(check(11.12, g, { cost: 10 })).toEqual([]);
    expect(messages(check(10.66, g, { cost: 10 }))).toEqual(["Margin 6.2 % is below the 10 % floor (cost $10.00). Allowed prices: $11.12 or more."]);
    expect(names(check(11.11, g, { cost: 10 }))).toEqual(["marginFloor"]);
    // Unknown cost: the margin floor cannot be checked.
    expect(check(1, g)).toEqual([]);
  });

  it("lists every guardrail broken, in the optimiser's order", () => {
    const g: Guardrails = { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 }, priceEnding: "0.99", minMarginPct: 20 };
    // 8.50 is a 15 % cut, not .99 and, over cost 7.50, a 11.8 % margin; it is below the competitor cap, which holds.
    expect(names(check(8.5, g, { cost: 7.5, competitorPrices: [9.8] }))).toEqual(["maxChange", "priceEnding", "marginFloor"]);
  });

  it("quotes one lowest allowed price in every message, and that price meets every guardrail (issue 10, item 12)", () => {
    // The refusal named $136.80 (max change, not .99) and $88.39 (margin floor) as the lowest allowed price.
    const input = { currentPrice: 152, cost: 79.55, guardrails: { maxChangePct: 10, priceEnding: "0.99", minMarginPct: 10 } satisfies Guardrails };
    const refused = guardrailViolations(80, input);
    expect(names(refused)).toEqual(["maxChange", "priceEnding", "marginFloor"]);
    for (const v of refused) expect(v.message).toMatch(/ Allowed prices: \$136\.99 to \$166\.99\.$/);
    expect(refused.map((v) => v.message.replace(v.breach, ""))).toEqual(Array(3).fill(" Allowed prices: $136.99 to $166.99."));
    expect(guardrailViolations(136.99, input)).toEqual([]);
    expect(guardrailViolations(166.99, input)).toEqual([]);
  });

  it("refuses every price when the guardrails conflict, saying which and with their bounds", () => {
    // Max change allows 9.50..10.50; the person's floor of 11 cannot hold with it: nothing is allowed.
    const g = { maxChangePct: 5, floor: 11, ceiling: 13 };
    const conflict = "No price meets every guardrail: floor/ceiling ($11.00 to $13.00) vs max change ($9.50 to $10.50).";
    expect(check(11, g)).toEqual([{ guardrail: "maxChange", breach: "A 10.0 % rise from $10.00 is more than the 5 % allowed in one step.", message: `A 10.0 % rise from $10.00 is more than the 5 % allowed in one step. ${conflict}` }]);
    expect(names(check(10.5, g))).toEqual(["floorCeiling"]);
    // The competitor bound (cheapest 7 + 5 % = 7.35) against max change 10 % (9.00 to 11.00).
    const competitor: Guardrails = { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 } };
    expect(names(check(7.35, competitor, { competitorPrices: [7] }))).toEqual(["maxChange"]);
    expect(names(check(9, competitor, { competitorPrices: [7] }))).toEqual(["competitor"]);
    // Ceiling 8 but cost 7 and a 20 % margin needs 8.75: no price with either.
    const margin: Guardrails = { ceiling: 8, minMarginPct: 20 };
    expect(check(8, margin, { cost: 7 })[0]!.message).toContain("No price meets every guardrail: margin floor (from $8.75) vs floor/ceiling (up to $8.00).");
    expect(names(check(8.99, margin, { cost: 7 }))).toEqual(["floorCeiling"]);
  });

  it("says which input is wrong", () => {
    expect(() => check(0, none)).toThrow(OptimizerInputError);
    expect(() => check(10, { floor: 12, ceiling: 11 })).toThrow(/floor/);
    expect(() => guardrailViolations(10, { currentPrice: 0, guardrails: none })).toThrow(/current price/);
  });
});

describe("the optimiser's own recommendation", () => {
  /** Demand of a random shape: constant elasticity, linear, or a kink at the competitors' price. */
  function randomCurve(random: () => number, ref: number): DemandCurve {
    const base = 1 + random() * 200;
    const e = -(0.3 + random() * 4);
    const kind = Math.floor(random() * 3);
    const at = (p: number) => {
      if (kind === 0) return base * Math.pow(p / ref, e);
      if (kind === 1) return Math.max(0, base * (2 - p / ref));
      return base * Math.pow(p / ref, p > ref ? 2 * e : e);
    };
    return (prices) => {
      const units = prices.map(at);
      return { units, lower: units.map((u) => u * 0.8), upper: units.map((u) => u * 1.25) };
    };
  }

  type Input = { currentPrice: number; cost?: number; competitorPrices: number[]; guardrails: Guardrails };
  const tolerance = 1e-9;

  /** Each guardrail checked on its own, from its definition, without the optimiser's code. */
  function broken(price: number, { currentPrice, cost, competitorPrices, guardrails: g }: Input): string[] {
    const out: string[] = [];
    if (g.maxChangePct != null && Math.abs(price - currentPrice) > (currentPrice * g.maxChangePct) / 100 + tolerance) out.push("maxChange");
    if (g.competitor && competitorPrices.length > 0) {
      if (g.competitor.kind === "maxAboveCheapest" && price > Math.min(...competitorPrices) * (1 + g.competitor.pct / 100) + tolerance) out.push("competitor");
      if (g.competitor.kind === "matchAverage") {
        const mean = competitorPrices.reduce((s, p) => s + p, 0) / competitorPrices.length;
        if (Math.abs(price - mean) > (mean * g.competitor.tolerancePct) / 100 + tolerance) out.push("competitor");
      }
    }
    if ((g.floor != null && price < g.floor - tolerance) || (g.ceiling != null && price > g.ceiling + tolerance)) out.push("floorCeiling");
    const cents = Math.round(price * 100) % 100;
    if ((g.priceEnding === "0.99" && cents !== 99) || (g.priceEnding === "0.95" && cents !== 95) || (g.priceEnding === "whole" && cents !== 0)) out.push("priceEnding");
    if (g.minMarginPct != null && cost !== undefined && (price - cost) / price < g.minMarginPct / 100 - tolerance) out.push("marginFloor");
    return out;
  }

  it("meets every guardrail, max change included, or keeps the current price and names a real conflict", () => {
    const random = mulberry32(7);
    const pick = <T,>(options: T[]) => options[Math.floor(random() * options.length)]!;
    const endings: PriceEnding[] = ["0.99", "0.95", "whole", "any"];
    const seen = { bound: 0, conflict: 0 };
    for (let trial = 0; trial < 400; trial++) {
      const currentPrice = Math.round((0.5 + random() * 150) * 100) / 100;
      const cost = random() < 0.1 ? undefined : Math.round(currentPrice * (0.2 + random() * 0.9) * 100) / 100;
      const competitorPrices = Array.from({ length: Math.floor(random() * 4) }, () => Math.round(currentPrice * (0.6 + random() * 0.8) * 100) / 100);
      const floor = random() < 0.3 ? Math.round(currentPrice * (0.5 + random() * 0.9) * 100) / 100 : null;
      const ceiling = random() < 0.3 ? Math.round(Math.max(floor ?? 0, currentPrice * (0.6 + random() * 0.9)) * 100) / 100 : null;
      const guardrails: Guardrails = {
        maxChangePct: random() < 0.8 ? pick([0, 1, 5, 10, 20, 50]) : null,
        competitor: random() < 0.7 ? (random() < 0.5 ? { kind: "maxAboveCheapest", pct: pick([0, 5, 15]) } : { kind: "matchAverage", tolerancePct: pick([0, 2, 10]) }) : null,
        floor,
        ceiling,
        priceEnding: pick(endings),
        minMarginPct: random() < 0.7 ? pick([0, 10, 25, 40]) : null,
      };
      const input: Input = { currentPrice, cost, competitorPrices, guardrails };
      const r = optimizePrice({ ...input, demand: randomCurve(random, currentPrice), objective: cost === undefined ? "revenue" : pick(["profit", "revenue"] as const) });
      const cents = Math.round(r.price * 100);
      const unconstrained = Math.round(r.unconstrainedPrice * 100);
      if (r.conflict) {
        seen.conflict++;
        expect({ trial, price: r.price, adjustments: r.adjustments, boundBy: r.boundBy, ok: allowedPrices(input).ok }).toEqual({ trial, price: currentPrice, adjustments: [], boundBy: null, ok: false });
        // A real conflict: no whole-cent price up to past every bound meets them all.
        const top = Math.ceil(Math.max(currentPrice * 2, floor ?? 0, ceiling ?? 0, ...competitorPrices, cost === undefined ? 0 : cost / 0.6) * 100) + 100;
        let found: number | null = null;
        for (let c = 1; c <= top && found === null; c++) if (broken(c / 100, input).length === 0) found = c / 100;
        expect({ trial, input, found }).toEqual({ trial, input, found: null });
        continue;
      }
      expect({ trial, input, price: r.price, broken: broken(r.price, input), violations: guardrailViolations(r.price, input) }).toEqual({ trial, input, price: r.price, broken: [], violations: [] });
      const allowed = allowedPrices(input);
      if (!allowed.ok) throw new Error(`trial ${trial}: no conflict reported but the allowed prices conflict`);
      // "Bound by" is the edge the price sits on, with the optimum beyond it, or the ending that moved it; nothing else.
      if (r.boundBy === "priceEnding") expect(guardrails.priceEnding !== "any" && cents !== unconstrained).toBe(true);
      else if (r.boundBy !== null) {
        seen.bound++;
        const onLow = cents === allowed.lowestCents && allowed.lowestBy === r.boundBy && unconstrained < cents;
        const onHigh = cents === allowed.highestCents && allowed.highestBy === r.boundBy && unconstrained > cents;
        expect({ trial, boundBy: r.boundBy, onEdge: onLow || onHigh }).toEqual({ trial, boundBy: r.boundBy, onEdge: true });
      }
      expect(r.adjustments.map((a) => [a.guardrail, a.to])).toEqual(r.boundBy === null ? [] : [[r.boundBy, r.price]]);
    }
    // The cases exercised edges of the allowed range and conflicts, not just unconstrained optima.
    expect(seen.bound).toBeGreaterThan(100);
    expect(seen.conflict).toBeGreaterThan(20);
  });
});
