import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { recommendationCurve, recommendationWhatIf, unitsAt, whatIf, whatIfCurve } from "@/lib/pricing/what-if";

/** Constant elasticity -2 around 100 units at 10: units = 100 (p / 10)^-2; P10 half of it, P90 double. */
const constant = { price: [5, 10, 20], units: [400, 100, 25], lower: [200, 50, 12.5], upper: [800, 200, 50] };

describe("what-if on a demand grid", () => {
  it("reproduces a constant-elasticity curve exactly between grid points", () => {
    // 100 x 0.8^-2 = 156.25; 100 x 0.9^-2 = 123.4567...; 100 x 1.5^-2 = 44.44...
    expect(unitsAt(constant, 8)).toEqual({ p10: expect.closeTo(78.125, 9), p50: expect.closeTo(156.25, 9), p90: expect.closeTo(312.5, 9) });
    expect(unitsAt(constant, 9).p50).toBeCloseTo(10_000 / 81, 9);
    expect(unitsAt(constant, 15).p50).toBeCloseTo(400 / 9, 9);
  });

  it("returns the grid's own values at grid points and at both ends", () => {
    expect(unitsAt(constant, 5)).toEqual({ p10: 200, p50: 400, p90: 800 });
    expect(unitsAt(constant, 10)).toEqual({ p10: 50, p50: 100, p90: 200 });
    expect(unitsAt(constant, 20)).toEqual({ p10: 12.5, p50: 25, p90: 50 });
  });

  it("interpolates each segment with its own elasticity", () => {
    // Between 20 (50 units) and 40 (40 units): t = ln 1.5 / ln 2 = 0.58496, units = 50 x 0.8^t = 43.8815.
    const kinked = { price: [10, 20, 40], units: [100, 50, 40], lower: [100, 50, 40], upper: [100, 50, 40] };
    expect(unitsAt(kinked, 30).p50).toBeCloseTo(43.8815, 4);
  });

  it("interpolates linearly where a segment touches zero units", () => {
    const zero = { price: [10, 20, 40], units: [20, 10, 0], lower: [10, 0, 0], upper: [30, 20, 10] };
    // P10 and P50 reach 0 at 40: linear. P90 stays positive (20 -> 10): log-linear, 20 x 2^(-log2 1.5) = 40 / 3.
    expect(unitsAt(zero, 30)).toEqual({ p10: 0, p50: 5, p90: expect.closeTo(40 / 3, 9) });
  });

  it("prices revenue and profit with their bands", () => {
    const w = whatIf(constant, 8, 4);
    expect(w.price).toBe(8);
    // revenue = 8 x units; profit = (8 - 4) x units.
    expect(w.revenue.p10).toBeCloseTo(625, 9);
    expect(w.revenue.p50).toBeCloseTo(1250, 9);
    expect(w.revenue.p90).toBeCloseTo(2500, 9);
    expect(w.profit!.p10).toBeCloseTo(312.5, 9);
    expect(w.profit!.p50).toBeCloseTo(625, 9);
    expect(w.profit!.p90).toBeCloseTo(1250, 9);
  });

  it("keeps P10 below P90 when the price is under cost, and has no profit without a cost", () => {
    const loss = whatIf(constant, 8, 10);
    expect(loss.profit!.p10).toBeCloseTo(-625, 9);
    expect(loss.profit!.p50).toBeCloseTo(-312.5, 9);
    expect(loss.profit!.p90).toBeCloseTo(-156.25, 9);
    expect(whatIf(constant, 8, null).profit).toBeNull();
  });

  it.each([4.99, 20.01, Number.NaN])("refuses %s, naming the range the curve covers", (price) => {
    expect(() => whatIf(constant, price, 4)).toThrow(AppError);
    expect(() => whatIf(constant, price, 4)).toThrow("The demand curve covers prices from 5.00 to 20.00; choose a price in that range.");
  });

  it("refuses an incomplete or unordered grid", () => {
    expect(() => unitsAt({ price: [10], units: [1], lower: [1], upper: [1] }, 10)).toThrow(/incomplete/);
    expect(() => unitsAt({ ...constant, upper: [1, 2] }, 10)).toThrow(/incomplete/);
    expect(() => unitsAt({ ...constant, price: [5, 20, 10] }, 10)).toThrow(/out of order/);
  });

  it("gives demand, revenue and profit at every grid point for the charts", () => {
    const curve = whatIfCurve(constant, 4);
    expect(curve.map((c) => c.price)).toEqual([5, 10, 20]);
    expect(curve.map((c) => c.units.p50)).toEqual([400, 100, 25]);
    expect(curve.map((c) => c.revenue.p50)).toEqual([2000, 1000, 500]);
    expect(curve.map((c) => c.profit!.p50)).toEqual([400, 600, 400]);
    expect(curve[1]!.profit).toEqual({ p10: 300, p50: 600, p90: 1200 });
  });
});

describe("a recommendation's what-if in cents", () => {
  const rec = { curve: constant, costCents: 400, currentPriceCents: 1000 };

  it("converts the price to the grid's dollars and the money back to whole cents, beside the current price", () => {
    const { at, current } = recommendationWhatIf(rec, 800);
    expect(at.price).toBe(800);
    expect(at.units.p50).toBeCloseTo(156.25, 9);
    expect(at.revenue).toEqual({ p10: 62_500, p50: 125_000, p90: 250_000 });
    expect(at.profit).toEqual({ p10: 31_250, p50: 62_500, p90: 125_000 });
    expect(current).toEqual({ price: 1000, units: { p10: 50, p50: 100, p90: 200 }, revenue: { p10: 50_000, p50: 100_000, p90: 200_000 }, profit: { p10: 30_000, p50: 60_000, p90: 120_000 } });
  });

  it("has no comparison when the current price is off the grid, and no profit without a cost", () => {
    const { at, current } = recommendationWhatIf({ ...rec, costCents: null, currentPriceCents: 2500 }, 1000);
    expect(current).toBeNull();
    expect(at.profit).toBeNull();
    expect(recommendationCurve(rec).map((c) => c.profit!.p50)).toEqual([40_000, 60_000, 40_000]);
  });
});
