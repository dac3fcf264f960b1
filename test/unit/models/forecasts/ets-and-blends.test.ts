import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { etsLabel, fitEts, forecastEts } from "@/models/forecasts/ets";
import { createForecastTask, type ForecastModel, type ForecastTrainRow } from "@/models/forecasts/index";
import { choiceFor } from "@/models/forecasts/predict";
import { resolveChoice, selectBySegment, withStrategies, type BacktestRecord, type Model } from "@/models/forecasts/selection";
import type { QuantileForecast } from "@/models/forecasts/types";
import { mulberry32 } from "@/models/random";
import { noProgress } from "@/models/task";

/**
 * Issue 13 (forecast): ETS chosen per series by AICc among the additive family, ETS and damped Holt-Winters as
 * candidates, and per-series blends of each series' best models, chosen on a cross-validated rolling-origin backtest
 * and recorded on the model (choices).
 */

function noisy(n: number, seed: number, value: (t: number) => number, sd: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, t) => value(t) + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe("ETS model selection by AICc", () => {
  it("picks a seasonal model on a seasonal series and forecasts its season", () => {
    const y = noisy(96, 1, (t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 12), 2);
    const params = fitEts(y, 84, 12);
    expect(params.season).toBe("A");
    expect(params.m).toBe(12);
    const f = forecastEts(y, 84, params, 12);
    let error = 0;
    for (let h = 0; h < 12; h++) error += Math.abs(f.p50[h]! - y[84 + h]!) / 12;
    expect(error).toBeLessThan(6);
    for (let h = 0; h < 12; h++) expect(f.p10[h]!).toBeLessThan(f.p90[h]!);
  });

  it("picks a non-seasonal trend model on a trend-only series, even when a season could be fitted", () => {
    const y = noisy(96, 2, (t) => 50 + 2 * t, 1.5);
    const params = fitEts(y, 96, 12);
    expect(params.season).toBe("N");
    expect(params.trend).not.toBe("N");
    expect(etsLabel(params)).toMatch(/^ETS\(A,Ad?,N\)$/);
    const f = forecastEts(y, 96, params, 6);
    // The trend carries on (damped at most to phi >= 0.8 per step).
    expect(f.p50[5]!).toBeGreaterThan(y[95]! + 2);
  });

  it("picks simple exponential smoothing on a level with noise", () => {
    const y = noisy(80, 3, () => 40, 3);
    expect(etsLabel(fitEts(y, 80, 1))).toBe("ETS(A,N,N)");
  });
});

function constant(value: number, length: number): QuantileForecast {
  return { p10: new Float64Array(length).fill(value - 5), p50: new Float64Array(length).fill(value), p90: new Float64Array(length).fill(value + 5) };
}

describe("per-series strategies", () => {
  // One series, actual 100 at three origins: Holt-Winters is off by 2 at the first two and by 20 at the third, ETS
  // the other way round. Cross-validated, each origin ranks the models on the other two.
  const records: BacktestRecord[] = [0, 1, 2].map((k) => ({
    series: 0,
    origin: 10 + k,
    actual: new Float64Array(4).fill(100),
    members: { "holt-winters": constant(k < 2 ? 102 : 120, 4), ets: constant(k < 2 ? 80 : 97, 4), "seasonal-naive": constant(130, 4), tsb: constant(60, 4) },
    scale: 10,
  }));

  it("forecasts each origin with the models ranked on the other origins only", () => {
    const [first, , third] = withStrategies(records, ["holt-winters", "ets", "seasonal-naive", "tsb"]);
    // Origin 0: on origins 1 and 2, HW's errors are 2 and 20 (mean 11), ETS's 20 and 3 (11.5): HW is best.
    expect(first!.members["best-1"]!.p50[0]).toBe(102);
    // Origin 2: on origins 0 and 1 HW (error 2) beats ETS (20), though ETS is better at origin 2 itself.
    expect(third!.members["best-1"]!.p50[0]).toBe(120);
    // best-2 weights the two by inverse MASE: 1/0.2 and 1/2 -> 10/11 and 1/11.
    expect(third!.members["best-2"]!.p50[0]).toBeCloseTo((10 / 11) * 120 + (1 / 11) * 97, 9);
  });

  it("resolves a strategy into the series' own ranked models and weights", () => {
    const selection = selectBySegment(records, () => "smooth", { nonNegative: true, minSeries: 1 });
    const choice = { ...selection.smooth.baselineOnly, members: ["best-2" as const], name: "best-2" };
    const own = resolveChoice(choice, records, false);
    expect(own.strategy).toBe("best-2");
    // Over all three origins HW's mean error is 8, ETS's 14.33: HW first, weights in inverse proportion.
    expect(own.members).toEqual(["holt-winters", "ets"]);
    expect(own.weights![0]! / own.weights![1]!).toBeCloseTo(14.333333 / 8, 5);
    expect(own.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(own.name).toBe("holt-winters+ets");
  });

  it("records every candidate's backtest MASE with the choice", () => {
    const selection = selectBySegment(records, () => "smooth", { nonNegative: true, minSeries: 1 });
    const scores = selection.smooth.baselineOnly.scores!;
    expect(Object.keys(scores)).toEqual(expect.arrayContaining(["holt-winters", "ets", "holt-winters+ets", "best-1", "best-2", "best-3"]));
    expect(scores[selection.smooth.baselineOnly.name]).toBe(Math.min(...Object.values(scores)));
  });
});

/**
 * A fitted forecaster on 12 weekly series, 3 years each: half with a yearly season and a gentle trend (Holt-Winters'
 * and ETS's ground), half flat with noise; too few windows for a network with these settings, so the statistical
 * candidates and blends decide.
 */
const LAST_WEEK = "2024-12-30";
function rows(): ForecastTrainRow[] {
  const out: ForecastTrainRow[] = [];
  for (let i = 0; i < 12; i++) {
    const seasonal = i % 2 === 0;
    const y = noisy(156, 100 + i, (t) => (seasonal ? 200 + 0.3 * t + 60 * Math.sin((2 * Math.PI * t) / 52 + i) : 120), seasonal ? 4 : 10);
    y.forEach((value, t) => out.push({ seriesId: `s${i}`, date: addDays(LAST_WEEK, -7 * (155 - t)), value: Math.max(0, value), covariates: {}, censored: 0 }));
  }
  return out;
}

const task = createForecastTask({ maxWindows: 150 });
let model: ForecastModel;

beforeAll(async () => {
  model = await task.fit(rows(), { seed: 3, onProgress: noProgress });
});

describe("the forecaster's recorded choice", () => {
  it("says which method each series got, with counts over every series, and why", () => {
    expect(model.network).toBeNull();
    const perSeries = model.choices!.find((c) => c.subject === "forecaster per series")!;
    const counts = perSeries.counts!;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(12);
    // The counts are the methods the series are actually forecast with.
    const names = model.series.map((_, i) => choiceFor(model, i).name);
    for (const [name, n] of Object.entries(counts)) expect(names.filter((m) => m === name)).toHaveLength(n);
    expect(perSeries.why).toMatch(/backtest MASE/);
    expect(model.choices!.map((c) => c.subject)).toEqual(expect.arrayContaining(["P10-P90 band", "global network"]));
  });

  it("forecasts the seasonal series with ETS or Holt-Winters (alone or in a blend), never seasonal naive alone", () => {
    for (let i = 0; i < 12; i += 2) {
      const members = choiceFor(model, i).members as Model[];
      expect(members.some((m) => m === "ets" || m === "holt-winters")).toBe(true);
    }
  });

  it("keeps a per-series blend, its weights and its forecasts through a save and load", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "forecast-blends-"));
    try {
      await task.save(model, dir);
      const loaded = await task.load(dir);
      expect(loaded.seriesBlend).toEqual(model.seriesBlend);
      expect(loaded.choices).toEqual(model.choices);
      const test = model.series.map((s) => ({ seriesId: s.id, date: addDays(LAST_WEEK, 14), label: "in two weeks", covariates: {} }));
      expect(await task.predict(loaded, test)).toEqual(await task.predict(model, test));
      // A model saved before ETS and choices were recorded (no ETS parameters, no choices) still loads and forecasts.
      const meta = JSON.parse(readFileSync(path.join(dir, "metadata.json"), "utf8")) as Record<string, unknown>;
      delete meta.choices;
      writeFileSync(path.join(dir, "metadata.json"), JSON.stringify(meta));
      const series = JSON.parse(readFileSync(path.join(dir, "series.json"), "utf8")) as { baselines: Record<string, unknown> }[];
      for (const s of series) delete s.baselines.ets;
      writeFileSync(path.join(dir, "series.json"), JSON.stringify(series));
      const old = await task.load(dir);
      expect(old.choices).toBeUndefined();
      // Its ETS is refitted on the same history when asked for: the same forecasts.
      expect(await task.predict(old, test)).toEqual(await task.predict(model, test));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
