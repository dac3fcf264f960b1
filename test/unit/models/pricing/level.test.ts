import { describe, expect, it } from "vitest";
import { fitLevels, levelAdjustment, type Period } from "@/models/pricing/level";
import { fitLogLogTrendBaseline, predictLogLogTrend } from "@/models/pricing/baselines";
import { splitLastWeeks, syntheticWeeklySeries } from "@/models/pricing/synthetic";

// 3 years of weekly periods; mu = 100 is the demand curve's expected units at the midpoint level.
const START = 17_535;
function series(logUnits: (week: number) => number): Period[] {
  return Array.from({ length: 156 }, (_, w) => ({ day: START + 7 * w, units: Math.round(100 * Math.exp(logUnits(w))), mu: 100 }));
}

describe("level, trend and season per series", () => {
  const trending = series((w) => -0.6 + (0.4 * w) / 52.18);
  const flat = series((w) => 0.05 * Math.sin(w * 1.7));
  const fit = fitLevels([trending, flat, null], [0, 0, 0], "weekly");

  it("extrapolates a clear linear trend and keeps a flat series still", () => {
    expect(["linear", "damped"]).toContain(fit.model.series[0]!.choice);
    // A flat series is not extrapolated: "none", or no level layer at all where the curve alone validated better.
    expect(fit.model.series[1]?.choice ?? "none").toBe("none");
    expect(fit.model.series[2]).toBeNull();
  });

  it("forecasts follow the level: above the last period's level 13 weeks on", () => {
    const lastDay = START + 7 * 155;
    const lastLevel = -0.6 + (0.4 * 155) / 52.18;
    const ahead = levelAdjustment(fit.model, 0, lastDay + 7 * 13);
    expect(ahead).toBeGreaterThan(lastLevel);
    expect(Math.abs(levelAdjustment(fit.model, 1, lastDay + 7 * 13))).toBeLessThan(0.1);
  });

  it("records the choice with its counts and the rolling-origin WAPE per option", () => {
    const [extrapolation, pooling] = fit.choices;
    expect(extrapolation!.counts).toEqual({ none: 1, damped: fit.model.series[0]!.choice === "damped" ? 1 : 0, linear: fit.model.series[0]!.choice === "linear" ? 1 : 0 });
    expect(extrapolation!.why).toMatch(/rolling-origin WAPE.*none .*damped .*linear/);
    expect(pooling!.subject).toMatch(/level, trend and season/);
    expect(fit.choices.find((c) => c.subject === "level layer per series")!.counts!.kept).toBeGreaterThanOrEqual(1);
  });
});

describe("synthetic trending weekly series and the log-log baseline with trend and Fourier terms", () => {
  it("is seeded, and the trend baseline beats holding the level still", () => {
    const a = syntheticWeeklySeries({ series: 6, weeks: 156, seed: 3 });
    const b = syntheticWeeklySeries({ series: 6, weeks: 156, seed: 3 });
    expect(a.rows).toEqual(b.rows);
    const { train, test } = splitLastWeeks(a.rows, 13);
    expect(test).toHaveLength(6 * 13);
    const predicted = predictLogLogTrend(fitLogLogTrendBaseline(train), test);
    const err = test.reduce((s, r, i) => s + Math.abs(r.units - predicted[i]!.units), 0) / test.reduce((s, r) => s + r.units, 0);
    expect(err).toBeLessThan(0.2);
  });
});
