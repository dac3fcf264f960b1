import { describe, expect, it } from "vitest";
import { demandOver, normalQuantile, replenishment, weeksOfCover, type WeekForecast } from "@/lib/forecasts/replenishment";

/** z of P90: the P10-P90 band of a normal is mean ± 1.2816 sigma, so a week built from (mean, sigma) has a known sigma. */
const Z90 = 1.2815515655446004;
function week(p50: number, sigma: number, i = 0): WeekForecast {
  return { week: `2024-01-${String(1 + 7 * i).padStart(2, "0")}`, p10: p50 - Z90 * sigma, p50, p90: p50 + Z90 * sigma };
}

describe("normalQuantile (inverse standard normal CDF)", () => {
  it.each([
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.98, 2.0537489106318225],
    [0.99, 2.3263478740408408],
    [0.01, -2.3263478740408408],
    [0.05, -1.6448536269514722],
  ])("gives the textbook z for p = %s", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 6);
  });

  it("is accurate deep in both tails (the rational tail branch)", () => {
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 6);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 5);
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424308822899, 4);
  });

  it("is antisymmetric around 0.5 and increasing", () => {
    for (const p of [0.02, 0.1, 0.3, 0.45]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9);
    const ps = [0.001, 0.02, 0.0243, 0.0244, 0.2, 0.5, 0.8, 0.9756, 0.9758, 0.999];
    const zs = ps.map(normalQuantile);
    for (let i = 1; i < zs.length; i++) expect(zs[i]!).toBeGreaterThan(zs[i - 1]!);
  });

  it("refuses probabilities outside (0, 1)", () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe("demandOver", () => {
  // Week 1: mean 10, sigma 2 (variance 4); week 2: mean 20, sigma 3 (variance 9).
  const weeks = [week(10, 2, 0), week(20, 3, 1)];

  it("sums whole weeks", () => {
    const d = demandOver(weeks, 14);
    expect(d.mean).toBeCloseTo(30, 9);
    expect(d.variance).toBeCloseTo(13, 9);
  });

  it("counts a partial week pro rata in the mean and in the variance (independent days)", () => {
    // 10 days = week 1 + 3/7 of week 2: mean 10 + 3/7 x 20, variance 4 + 3/7 x 9.
    const d = demandOver(weeks, 10);
    expect(d.mean).toBeCloseTo(10 + (3 / 7) * 20, 9);
    expect(d.variance).toBeCloseTo(4 + (3 / 7) * 9, 9);
    // 3 days = 3/7 of week 1 only.
    const short = demandOver(weeks, 3);
    expect(short.mean).toBeCloseTo(30 / 7, 9);
    expect(short.variance).toBeCloseTo(12 / 7, 9);
  });

  it("repeats the last week beyond the horizon", () => {
    // 31 days = 2 weeks in the horizon + 17/7 weeks of the last one repeated: 30 + 17/7 x 20, 13 + 17/7 x 9.
    const d = demandOver(weeks, 31);
    expect(d.mean).toBeCloseTo(30 + (17 / 7) * 20, 9);
    expect(d.variance).toBeCloseTo(13 + (17 / 7) * 9, 9);
  });

  it("is zero for no days or no forecast", () => {
    expect(demandOver(weeks, 0)).toEqual({ mean: 0, variance: 0 });
    expect(demandOver([], 21)).toEqual({ mean: 0, variance: 0 });
  });

  it("treats an inverted band as zero spread rather than negative variance", () => {
    const d = demandOver([{ week: "2024-01-01", p10: 12, p50: 10, p90: 8 }], 7);
    expect(d).toEqual({ mean: 10, variance: 0 });
  });
});

describe("weeksOfCover", () => {
  const weeks = [10, 20, 0, 5].map((p50, i) => ({ week: `w${i}`, p10: p50, p50, p90: p50 }));

  it("counts whole weeks covered plus the share of the week it runs out in", () => {
    expect(weeksOfCover(weeks, 0)).toBe(0);
    expect(weeksOfCover(weeks, 5)).toBeCloseTo(0.5, 9);
    expect(weeksOfCover(weeks, 25)).toBeCloseTo(1 + 15 / 20, 9);
    expect(weeksOfCover(weeks, 30)).toBeCloseTo(2, 9);
    // 2 units left after two weeks: a zero week does not use them, the fourth week's 5 do.
    expect(weeksOfCover(weeks, 32)).toBeCloseTo(3 + 2 / 5, 9);
  });

  it("is infinite when the position outlasts the horizon's demand", () => {
    expect(weeksOfCover(weeks, 36)).toBe(Number.POSITIVE_INFINITY);
    expect(weeksOfCover([], 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("replenishment", () => {
  // Four weeks of mean 10, sigma 2; lead time two weeks; one-week review period; 95 % service (z = 1.644854).
  const weeks = [0, 1, 2, 3].map((i) => week(10, 2, i));
  const z95 = 1.6448536269514722;

  it("computes safety stock, reorder point and order quantity by hand", () => {
    const r = replenishment(weeks, { onHand: 5, onOrder: 3, leadTimeDays: 14 }, 0.95);
    // Lead time (2 weeks): mean 20, variance 8. Protection (3 weeks): mean 30, variance 12.
    expect(r.leadTimeDemand).toBeCloseTo(20, 9);
    expect(r.safetyStock).toBeCloseTo(z95 * Math.sqrt(12), 6); // 5.6979
    expect(r.safetyStock).toBeCloseTo(5.69794, 4);
    expect(r.reorderPoint).toBeCloseTo(20 + z95 * Math.sqrt(8), 6); // 24.6523
    expect(r.reorderPoint).toBeCloseTo(24.65235, 4);
    expect(r.orderUpTo).toBeCloseTo(35.69794, 4);
    expect(r.position).toBe(8);
    // Bring 8 up to 35.70: 27.70 rounds up to 28.
    expect(r.orderQuantity).toBe(28);
    expect(r.weeksOfCover).toBeCloseTo(0.8, 9);
    expect(r.serviceLevel).toBe(0.95);
  });

  it("holds more safety stock at a higher service level", () => {
    const r99 = replenishment(weeks, { onHand: 5, onOrder: 3, leadTimeDays: 14 }, 0.99);
    expect(r99.safetyStock).toBeCloseTo(2.3263478740408408 * Math.sqrt(12), 6);
    expect(r99.orderQuantity).toBe(Math.ceil(30 + 2.3263478740408408 * Math.sqrt(12) - 8)); // 31
    expect(r99.orderQuantity).toBe(31);
  });

  it("counts stock on order in the position", () => {
    const onHandOnly = replenishment(weeks, { onHand: 8, onOrder: 0, leadTimeDays: 14 }, 0.95);
    const split = replenishment(weeks, { onHand: 2, onOrder: 6, leadTimeDays: 14 }, 0.95);
    expect(split.orderQuantity).toBe(onHandOnly.orderQuantity);
  });

  it("suggests no order when the position is above the order-up-to level", () => {
    const r = replenishment(weeks, { onHand: 100, onOrder: 20, leadTimeDays: 14 }, 0.95);
    expect(r.orderQuantity).toBe(0);
    expect(r.weeksOfCover).toBe(Number.POSITIVE_INFINITY);
    // Just above the order-up-to level: still nothing.
    expect(replenishment(weeks, { onHand: 36, onOrder: 0, leadTimeDays: 14 }, 0.95).orderQuantity).toBe(0);
    // Just below it: one unit.
    expect(replenishment(weeks, { onHand: 35, onOrder: 0, leadTimeDays: 14 }, 0.95).orderQuantity).toBe(1);
  });

  it("does not order an extra unit when the gap is a whole number", () => {
    // A flat band has no safety stock: order-up-to is exactly 30 (three weeks of 10).
    const flat = [0, 1, 2, 3].map((i) => ({ week: `w${i}`, p10: 10, p50: 10, p90: 10 }));
    const r = replenishment(flat, { onHand: 12, onOrder: 0, leadTimeDays: 14 }, 0.95);
    expect(r.safetyStock).toBe(0);
    expect(r.orderQuantity).toBe(18);
  });

  it("uses the lead time in days (a partial week counts pro rata)", () => {
    // 10 days: lead mean 10 x 10/7; protection 17 days: mean 10 x 17/7, variance 4 x 17/7.
    const r = replenishment(weeks, { onHand: 0, onOrder: 0, leadTimeDays: 10 }, 0.95);
    expect(r.leadTimeDemand).toBeCloseTo(100 / 7, 9);
    expect(r.safetyStock).toBeCloseTo(z95 * Math.sqrt((4 * 17) / 7), 6);
    expect(r.orderQuantity).toBe(Math.ceil(170 / 7 + z95 * Math.sqrt(68 / 7))); // 24.29 + 5.13 = 29.41 -> 30
    expect(r.orderQuantity).toBe(30);
  });
});
