import { describe, expect, it } from "vitest";
import { optimizePrice, OptimizerInputError, type DemandCurve } from "@/models/pricing/optimizer";

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
    expect(r.adjustments.map((a) => a.guardrail)).toEqual(["maxChange", "competitor"]);
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

  it("refuses a price below the margin floor even when every other guardrail wants one", () => {
    // Competitors at 7 with a 5 % cap push towards 7.35, the floor (ceiling 8) too; cost 7 with a 20 % margin floor needs 8.75.
    const r = optimizePrice({
      currentPrice: 9,
      cost: 7,
      competitorPrices: [7],
      demand: curve(-4),
      guardrails: { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 }, ceiling: 8, priceEnding: "0.99", minMarginPct: 20 },
    });
    expect(r.price).toBeGreaterThanOrEqual(8.75);
    expect(r.price).toBeCloseTo(8.99, 2);
    expect((r.price - 7) / r.price).toBeGreaterThanOrEqual(0.2);
    const last = r.adjustments.at(-1)!;
    expect(last.guardrail).toBe("marginFloor");
    expect(last.to).toBeCloseTo(8.99, 2);
    expect(r.notes.join(" ")).toContain("conflicts");
  });

  it("lets a person's floor and ceiling override the automatic rules", () => {
    const r = optimizePrice({ currentPrice: 10, cost: 6, demand: curve(-2), guardrails: { maxChangePct: 5, floor: 11 } });
    expect(r.price).toBeCloseTo(11, 2);
    expect(r.adjustments.map((a) => a.guardrail)).toEqual(["maxChange", "floorCeiling"]);
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
