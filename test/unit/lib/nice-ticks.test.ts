import { describe, expect, it } from "vitest";
import { niceStep, niceTicks } from "@/lib/format";

// As the fraud charts call it: six ticks at most, shares clamped to [0, 1].
const niceScale = (lo: number, hi: number, o: { maxTicks?: number; bounds?: [number, number] } = {}) => niceTicks(lo, hi, { count: 6, maxTicks: 6, ...o });

describe("niceStep", () => {
  it("rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(0.13)).toBeCloseTo(0.2);
    expect(niceStep(42)).toBe(50);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(700)).toBe(1000);
  });
});

describe("niceTicks with a tick budget and bounds", () => {
  it("fits a cost curve under $300 with a $300 axis, not a far larger one", () => {
    const { domain, ticks } = niceScale(0, 283);
    expect(domain).toEqual([0, 300]);
    expect(ticks).toEqual([0, 100, 200, 300]);
  });

  it("starts a share axis near its lowest value and never past 100 %", () => {
    const { domain, ticks } = niceScale(0.42, 0.97, { bounds: [0, 1] });
    expect(domain[0]).toBeGreaterThanOrEqual(0.4 - 1e-9);
    expect(domain[1]).toBe(1);
    expect(ticks.at(-1)).toBe(1);
    expect(ticks.every((t, i) => i === 0 || t > ticks[i - 1]!)).toBe(true);
  });

  it("keeps to the tick budget and gives clean tick values", () => {
    for (const [lo, hi] of [
      [0, 1],
      [13, 5987],
      [0.001, 0.0093],
      [120, 121],
    ] as const) {
      const { domain, ticks } = niceScale(lo, hi, { maxTicks: 6 });
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(domain[0]).toBeLessThanOrEqual(lo);
      expect(domain[1]).toBeGreaterThanOrEqual(hi);
      for (const t of ticks) expect(String(t).length).toBeLessThan(8);
    }
  });

  it("gives a flat series room above and below", () => {
    const { domain } = niceScale(5, 5);
    expect(domain[0]).toBeLessThan(5);
    expect(domain[1]).toBeGreaterThan(5);
  });
});
