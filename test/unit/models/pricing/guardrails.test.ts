import { describe, expect, it } from "vitest";
import { guardrailViolations, optimizePrice, OptimizerInputError, type DemandCurve, type Guardrails, type PriceEnding } from "@/models/pricing/optimizer";
import { mulberry32 } from "@/models/random";

const none: Guardrails = {};
const check = (price: number, guardrails: Guardrails, extra: { currentPrice?: number; cost?: number; competitorPrices?: number[] } = {}) =>
  guardrailViolations(price, { currentPrice: 10, ...extra, guardrails });
const names = (violations: { guardrail: string }[]) => violations.map((v) => v.guardrail);

describe("guardrail check of a chosen price", () => {
  it("allows any price when there are no guardrails", () => {
    expect(check(3.21, none)).toEqual([]);
    expect(check(99, none, { cost: 50 })).toEqual([]);
  });

  it("refuses a step larger than the max change, naming the highest or lowest allowed price", () => {
    const g = { maxChangePct: 10 };
    expect(check(11, g)).toEqual([]);
    expect(check(9, g)).toEqual([]);
    expect(check(11.5, g)).toEqual([
      { guardrail: "maxChange", message: "A 15.0 % rise from $10.00 is more than the 10 % allowed in one step: the highest allowed price is $11.00." },
    ]);
    expect(check(8.5, g)[0]!.message).toBe("A 15.0 % cut from $10.00 is more than the 10 % allowed in one step: the lowest allowed price is $9.00.");
    // 10 % above 9.99 is 10.989: the highest whole-cent price inside is 10.98.
    expect(check(10.98, g, { currentPrice: 9.99 })).toEqual([]);
    expect(check(10.99, g, { currentPrice: 9.99 })[0]!.message).toContain("the highest allowed price is $10.98");
  });

  it("keeps the price within X % of the cheapest competitor", () => {
    const g: Guardrails = { competitor: { kind: "maxAboveCheapest", pct: 5 } };
    const competitorPrices = [10, 9.5, 12];
    // 9.50 x 1.05 = 9.975: 9.97 is allowed, 9.98 is not.
    expect(check(9.97, g, { competitorPrices })).toEqual([]);
    expect(check(10.5, g, { competitorPrices })).toEqual([
      {
        guardrail: "competitor",
        message: "$10.50 is 10.5 % above the cheapest competitor ($9.50), more than the 5 % allowed: the highest allowed price is $9.97.",
      },
    ]);
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
    expect(check(9.5, g, { competitorPrices })).toEqual([
      {
        guardrail: "competitor",
        message: "$9.50 is 5.0 % below the competitors' average ($10.00), more than the 2 % allowed: prices from $9.80 to $10.20 are allowed.",
      },
    ]);
  });

  it("holds a price to the floor and ceiling a person set", () => {
    const g = { floor: 8, ceiling: 12 };
    expect(check(8, g)).toEqual([]);
    expect(check(12, g)).toEqual([]);
    expect(check(7.99, g)).toEqual([{ guardrail: "floorCeiling", message: "$7.99 is below the floor of $8.00 set for this product." }]);
    expect(check(12.5, g)).toEqual([{ guardrail: "floorCeiling", message: "$12.50 is above the ceiling of $12.00 set for this product." }]);
  });

  it("refuses a price that does not end as configured, and only then", () => {
    expect(check(10.99, { priceEnding: "0.99" })).toEqual([]);
    expect(check(10.5, { priceEnding: "0.99" })).toEqual([
      { guardrail: "priceEnding", message: "$10.50 does not end in .99 as the guardrails ask: the nearest prices that do are $9.99 and $10.99." },
    ]);
    expect(check(10.95, { priceEnding: "0.95" })).toEqual([]);
    expect(names(check(10.99, { priceEnding: "0.95" }))).toEqual(["priceEnding"]);
    expect(check(11, { priceEnding: "whole" })).toEqual([]);
    expect(check(10.99, { priceEnding: "whole" })[0]!.message).toBe("$10.99 does not end in .00 (whole prices) as the guardrails ask: the nearest prices that do are $10.00 and $11.00.");
    expect(check(10.37, { priceEnding: "any" })).toEqual([]);
    expect(check(0.5, { priceEnding: "0.99" })[0]!.message).toBe("$0.50 does not end in .99 as the guardrails ask: the nearest price that does is $0.99.");
  });

  it("refuses a price below the margin floor and names the lowest allowed price", () => {
    // Cost 10, 10 % floor: 10 / 0.9 = 11.111..., so 11.12 is the lowest whole-cent price with a 10 % margin.
    const g = { minMarginPct: 10 };
    expect(check(11.12, g, { cost: 10 })).toEqual([]);
    expect(check(10.66, g, { cost: 10 })).toEqual([{ guardrail: "marginFloor", message: "Margin 6.2 % is below the 10 % floor: the lowest allowed price is $11.12." }]);
    expect(names(check(11.11, g, { cost: 10 }))).toEqual(["marginFloor"]);
    // Unknown cost: the margin floor cannot be checked.
    expect(check(1, g)).toEqual([]);
  });

  it("lists every guardrail broken, in the optimiser's order", () => {
    const g: Guardrails = { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 }, priceEnding: "0.99", minMarginPct: 20 };
    // 8.50 is a 15 % cut, not .99 and, over cost 7.50, a 11.8 % margin; it is below the competitor cap, which holds.
    expect(names(check(8.5, g, { cost: 7.5, competitorPrices: [9.8] }))).toEqual(["maxChange", "priceEnding", "marginFloor"]);
  });

  it("lets a person's floor and ceiling override the automatic rules they conflict with", () => {
    // Max change allows 9.50..10.50; the person's floor of 11 cannot hold with it: any price from 11 to 13 is fine.
    const g = { maxChangePct: 5, floor: 11, ceiling: 13 };
    expect(check(11, g)).toEqual([]);
    expect(check(12.5, g)).toEqual([]);
    expect(names(check(10.5, g))).toEqual(["floorCeiling"]);
    // Without a conflict both hold: a ceiling of 10.20 and max change 5 % leave 9.50..10.20.
    expect(names(check(9.4, { maxChangePct: 5, ceiling: 10.2 }))).toEqual(["maxChange"]);
    expect(names(check(10.3, { maxChangePct: 5, ceiling: 10.2 }))).toEqual(["floorCeiling"]);
  });

  it("lets the competitor rule win over the max change when they cannot both hold", () => {
    // Cheapest competitor 7 + 5 % = 7.35; max change 10 % allows 9..11: the competitor rule wins.
    const g: Guardrails = { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 } };
    expect(check(7.35, g, { competitorPrices: [7] })).toEqual([]);
    expect(check(7, g, { competitorPrices: [7] })).toEqual([]);
    expect(names(check(9, g, { competitorPrices: [7] }))).toEqual(["competitor"]);
  });

  it("lets the margin floor win over every other guardrail", () => {
    // Ceiling 8 but cost 7 and a 20 % margin: 8.75 is the lowest price allowed; with .99 endings, 8.99.
    const g: Guardrails = { maxChangePct: 10, ceiling: 8, priceEnding: "0.99", minMarginPct: 20 };
    expect(check(8.99, g, { currentPrice: 9, cost: 7 })).toEqual([]);
    expect(names(check(7.99, g, { currentPrice: 9, cost: 7 }))).toEqual(["marginFloor"]);
    expect(names(check(9.99, g, { currentPrice: 9, cost: 7 }))).toEqual(["floorCeiling"]);
  });

  it("allows the nearest price with the ending when none fits the range", () => {
    // 0.5 % from 10.55 leaves 10.50..10.60, which holds no .99 price: the nearest, 10.99, is what the optimiser takes.
    const g: Guardrails = { maxChangePct: 0.5, priceEnding: "0.99" };
    expect(check(10.99, g, { currentPrice: 10.55 })).toEqual([]);
    expect(names(check(9.99, g, { currentPrice: 10.55 }))).toEqual(["maxChange"]);
    expect(names(check(11.99, g, { currentPrice: 10.55 }))).toEqual(["maxChange"]);
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

  it("never breaks its own guardrails", () => {
    const random = mulberry32(7);
    const pick = <T,>(options: T[]) => options[Math.floor(random() * options.length)]!;
    const endings: PriceEnding[] = ["0.99", "0.95", "whole", "any"];
    let bound = 0;
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
      const input = { currentPrice, cost, competitorPrices, guardrails };
      const r = optimizePrice({ ...input, demand: randomCurve(random, currentPrice), objective: cost === undefined ? "revenue" : pick(["profit", "revenue"] as const) });
      if (r.adjustments.length > 0) bound++;
      expect({ trial, input, price: r.price, violations: guardrailViolations(r.price, input) }).toEqual({ trial, input, price: r.price, violations: [] });
    }
    // The cases exercised the guardrails, not just unconstrained optima.
    expect(bound).toBeGreaterThan(200);
  });
});
