import { describe, expect, it } from "vitest";
import { OptimizerInputError } from "@/models/pricing/guardrails";
import { optimizePrice, type DemandCurve } from "@/models/pricing/optimizer";

/** Constant-elasticity demand: units = base * (price / ref)^e, with a +-10 % band. */
function curve(e: number, base = 100, ref = 10): DemandCurve {
  return (prices) => {
    const units = prices.map((p) => base * Math.pow(p / ref, e));
    return { units, lower: units.map((u) => u * 0.9), upper: units.map((u) => u * 1.1) };
  };
}

describe("price optimiser", () => {
  it("finds the profit-maximising price of a constant-elasticity curve: cost * e / (1 + e)", () => {
    // e = -2, cost 6: optimum 12. Unconstrained except for cent rounding.
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: {}, searchRange: [0.5, 2] });
    expect(r.price).toBeCloseTo(12, 1);
    expect(r.unconstrainedPrice).toBeCloseTo(12, 1);
    expect(r.adjustments).toEqual([]);
    expect(r.expectedProfit!.value).toBeGreaterThan(r.currentObjective);
  });

  it("maximises revenue when asked: an elastic product (e < -1) moves to the cheapest allowed price", () => {
    const r = optimizePrice({ currentPrice: 10, objective: "revenue", demand: curve(-2), guardrails: { maxChangePct: 10 } });
    expect(r.price).toBeCloseTo(9, 2);
    expect(r.adjustments.map((a) => a.guardrail)).toEqual(["maxChange"]);
  });

  it("limits the step and records which guardrail moved the price and by how much", () => {
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 10 } });
    expect(r.price).toBeCloseTo(11, 2);
    expect(r.adjustments).toHaveLength(1);
    const [step] = r.adjustments;
    expect(step).toMatchObject({ guardrail: "maxChange" });
    expect(step!.from).toBeCloseTo(12, 1);
    expect(step!.to).toBeCloseTo(11, 2);
    expect(step!.change).toBeCloseTo(-1, 1);
  });

  it("keeps the price within X % of the cheapest competitor", () => {
    const r = optimizePrice({
      currentPrice: 10,
      cost: 6,
      competitorPrices: [10, 9.5, 12],
      demand: curve(-2),
      guardrails: { maxChangePct: 20, competitor: { kind: "maxAboveCheapest", pct: 5 } },
    });
    expect(r.price).toBeLessThanOrEqual(9.975 + 1e-9);
    // The competitor cap (9.97) is the edge the price sits on; the max change (8.00 to 12.00) set nothing.
    expect(r.boundBy).toBe("competitor");
    expect(r.adjustments.map((a) => a.guardrail)).toEqual(["competitor"]);
  });

  it("matches the competitors' average within a tolerance", () => {
    const r = optimizePrice({
      currentPrice: 10,
      cost: 2,
      competitorPrices: [9, 11],
      demand: curve(-3),
      guardrails: { competitor: { kind: "matchAverage", tolerancePct: 2 } },
    });
    expect(r.price).toBeGreaterThanOrEqual(9.8 - 1e-9);
    expect(r.price).toBeLessThanOrEqual(10.2 + 1e-9);
  });

  it("rounds to the allowed price ending", () => {
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 30, priceEnding: "0.99" } });
    expect(r.price).toBeCloseTo(11.99, 2);
    expect(r.candidates.every((c) => Math.round(c.price * 100) % 100 === 99)).toBe(true);
    const whole = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 30, priceEnding: "whole" } });
    expect(whole.price).toBe(12);
  });

  it("keeps the current price and names the conflict when the margin floor cannot hold with the other guardrails", () => {
    // Competitors at 7 with a 5 % cap (7.35) and a ceiling of 8, but cost 7 with a 20 % margin floor needs 8.75.
    const r = optimizePrice({
      currentPrice: 9,
      cost: 7,
      competitorPrices: [7],
      demand: curve(-4),
      guardrails: { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 }, ceiling: 8, priceEnding: "0.99", minMarginPct: 20 },
    });
    expect(r.price).toBe(9);
    expect(r.changePct).toBe(0);
    expect(r.boundBy).toBeNull();
    expect(r.adjustments).toEqual([]);
    expect(r.conflict).toEqual({
      sides: [
        ["maxChange", "marginFloor"],
        ["competitor", "floorCeiling"],
      ],
      summary: "max change and margin floor vs competitor and floor/ceiling",
      message: "No price meets every guardrail: max change ($8.10 to $9.90) and margin floor (from $8.75) vs competitor (up to $7.35) and floor/ceiling (up to $8.00).",
    });
  });

  it("does not let a person's floor override the max change: they conflict, and the current price stays", () => {
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 5, floor: 11 } });
    expect(r.price).toBe(10);
    expect(r.conflict?.summary).toBe("floor/ceiling vs max change");
  });

  it("keeps the current price when the competitor bound needs a larger cut than the max change allows (issue 10, item 12)", () => {
    // The run said "max change ±10 %" and listed cuts of 15.7 % to 22.8 %, each tagged "Bound by: Max change".
    const r = optimizePrice({
      currentPrice: 100,
      cost: 30,
      competitorPrices: [70],
      demand: curve(-3, 100, 100),
      guardrails: { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 15 }, priceEnding: "0.99", minMarginPct: 10 },
    });
    expect(Math.abs(r.changePct)).toBeLessThanOrEqual(10);
    expect(r.price).toBe(100);
    expect(r.conflict?.summary).toBe("max change vs competitor");
    expect(r.adjustments).toEqual([]);
  });

  it("moves a current price that breaks a guardrail inside the allowed range when the max change reaches it", () => {
    // 10.00 is above the cap of 9.50 (cheapest 9.50 + 0 %); a 10 % max change reaches 9.00 to 9.50.
    const r = optimizePrice({ currentPrice: 10, cost: 2, competitorPrices: [9.5], demand: curve(-0.5), guardrails: { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 0 } } });
    expect(r.price).toBe(9.5);
    expect(r.boundBy).toBe("competitor");
    expect(r.conflict).toBeNull();
  });

  it("names the price ending as the rule that set the price when the optimum was allowed but for its cents", () => {
    // e = -2, cost 6: optimum 12.00, inside a 30 % max change; .95 endings: 11.95 or 12.95.
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 30, priceEnding: "0.95" } });
    expect(r.price).toBe(11.95);
    expect(r.boundBy).toBe("priceEnding");
    expect(r.adjustments).toEqual([expect.objectContaining({ guardrail: "priceEnding", to: 11.95, reason: "prices ending in .95" })]);
  });

  it("carries the demand interval into units and profit", () => {
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 10 } });
    expect(r.expectedUnits.lower).toBeLessThan(r.expectedUnits.value);
    expect(r.expectedUnits.upper).toBeGreaterThan(r.expectedUnits.value);
    expect(r.expectedProfit!.lower).toBeCloseTo((r.price - 6) * r.expectedUnits.lower, 6);
  });

  it("says which input is wrong", () => {
    expect(() => optimizePrice({ currentPrice: 10, demand: curve(-2) })).toThrow(OptimizerInputError);
    expect(() => optimizePrice({ currentPrice: 0, cost: 1, demand: curve(-2) })).toThrow(/current price/);
    try {
      optimizePrice({ currentPrice: 10, cost: 1, demand: curve(-2), guardrails: { minMarginPct: 120 } });
      expect.unreachable();
    } catch (error) {
      expect((error as OptimizerInputError).field).toBe("marginFloor");
    }
    expect(() => optimizePrice({ currentPrice: 10, cost: 1, demand: curve(-2), guardrails: { floor: 12, ceiling: 11 } })).toThrow(/floor/);
  });
});
