import { describe, expect, it } from "vitest";
import { fitBaselines, forecastBaseline, forecastSeasonalNaive, fitTsb, forecastTsb } from "@/models/forecasts/baselines";

/** Trend + 12-period season + small deterministic noise. */
function seasonalSeries(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, t) => 100 + 0.5 * t + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * Math.sin(t * 1.7));
}

describe("forecast baselines", () => {
  it("seasonal naive repeats the last season, band around it", () => {
    const y = seasonalSeries(48);
    const f = forecastSeasonalNaive(y, 48, 12, 14);
    expect(f.p50[0]).toBe(y[36]);
    expect(f.p50[13]).toBe(y[37]);
    for (let h = 0; h < 14; h++) {
      expect(f.p10[h]!).toBeLessThanOrEqual(f.p50[h]!);
      expect(f.p90[h]!).toBeGreaterThanOrEqual(f.p50[h]!);
    }
  });

  it("damped Holt-Winters tracks trend and season better than seasonal naive", () => {
    const y = seasonalSeries(72);
    const params = fitBaselines(y, 60, 12);
    const hw = forecastBaseline("holt-winters", y, 60, 12, params, 12);
    const sn = forecastSeasonalNaive(y, 60, 12, 12);
    const mae = (f: Float64Array) => f.reduce((s, v, h) => s + Math.abs(v - y[60 + h]!), 0) / 12;
    expect(mae(hw.p50)).toBeLessThan(mae(sn.p50));
    expect(params.holtWinters.m).toBe(12);
    expect(params.holtWinters.phi).toBeGreaterThanOrEqual(0.8);
  });

  it("TSB forecasts the demand rate of an intermittent series", () => {
    const y = Float64Array.from({ length: 120 }, (_, t) => (t % 4 === 0 ? 8 : 0));
    const f = forecastTsb(y, 120, fitTsb(y, 120), 5);
    expect(f.p50[0]).toBeGreaterThan(1);
    expect(f.p50[0]).toBeLessThan(3.5);
    expect(f.p10[4]).toBeLessThanOrEqual(f.p50[4]!);
  });
});
