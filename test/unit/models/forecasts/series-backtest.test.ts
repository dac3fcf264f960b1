import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { backtestOrigins, baselineBacktest } from "@/models/forecasts/backtest";
import { defaultLags } from "@/models/forecasts/features";
import { createForecastTask, type ForecastModel, type ForecastTrainRow } from "@/models/forecasts/index";
import { choiceFor } from "@/models/forecasts/predict";
import { scoreCandidate } from "@/models/forecasts/selection";
import { primaryPeriod } from "@/models/forecasts/train";
import { naiveMae } from "@/models/metrics/forecast";
import { noProgress } from "@/models/task";

/**
 * Four weekly series ending on the same week, too few for the network (baselines only), horizon 4 so the backtest
 * origins are easy to place: a flat series (every baseline is exact), a 12-week one with exactly one origin (its
 * metrics can be worked out by hand from that origin's forecast), a trending one with three origins, and a 3-week
 * one with none.
 */
const H = 4;
const LAST_WEEK = "2024-06-24";
const SHORT = [5, 7, 6, 8, 5, 7, 6, 8, 9, 4, 6, 7];

function weekly(seriesId: string, values: number[]): ForecastTrainRow[] {
  return values.map((value, k) => ({ seriesId, date: addDays(LAST_WEEK, -7 * (values.length - 1 - k)), value, covariates: {}, censored: 0 }));
}

const rows = [
  ...weekly("flat", new Array(30).fill(10)),
  ...weekly("short", SHORT),
  ...weekly("trend", Array.from({ length: 30 }, (_, t) => 20 + t + ((t * 7) % 5))),
  ...weekly("tiny", [3, 4, 5]),
];
const task = createForecastTask({ horizon: H });
let model: ForecastModel;
const indexOf = (id: string) => model.series.findIndex((s) => s.id === id);

beforeAll(async () => {
  model = await task.fit(rows, { seed: 1, onProgress: noProgress });
});

describe("per-series backtest of the chosen method", () => {
  it("uses no network on series this short", () => {
    expect(model.network).toBeNull();
    expect(model.neural.every((n) => !n)).toBe(true);
  });

  it("is exact on a flat series: no error, no bias, every actual inside the band", () => {
    const flat = model.seriesBacktest[indexOf("flat")]!;
    expect(flat.mase).toBeCloseTo(0, 9);
    expect(flat.wape).toBeCloseTo(0, 9);
    expect(flat.bias).toBeCloseTo(0, 9);
    expect(flat.coverage).toBe(1);
    const recent = model.recentBacktest[indexOf("flat")]!;
    expect(recent.origin).toBe(30 - 1 - H);
    expect(recent.actual).toEqual([10, 10, 10, 10]);
    for (const p50 of recent.p50) expect(p50).toBeCloseTo(10, 9);
  });

  it("on a series with one origin, matches MASE, WAPE, bias and coverage worked out from that origin's forecast", () => {
    const i = indexOf("short");
    const recent = model.recentBacktest[i]!;
    // Origins at 12-1-4 = 7 and 5; 5 leaves 6 periods of history, fewer than max(4, ceil(13 lags / 2)) = 7: dropped.
    expect(recent.origin).toBe(7);
    const actual = SHORT.slice(8, 12);
    expect(recent.actual).toEqual(actual);
    const errors = recent.p50.map((f, h) => f - actual[h]!);
    const total = actual.reduce((a, b) => a + b, 0);
    // MASE scale: the one-step naive MAE of the history up to the origin (no season detected in 12 weeks).
    const scale = naiveMae(SHORT.slice(0, 8), 1);
    const inside = actual.filter((a, h) => a >= recent.p10[h]! && a <= recent.p90[h]!).length;
    const backtest = model.seriesBacktest[i]!;
    expect(backtest.mase).toBeCloseTo(errors.reduce((a, e) => a + Math.abs(e), 0) / H / scale, 10);
    expect(backtest.wape).toBeCloseTo(errors.reduce((a, e) => a + Math.abs(e), 0) / total, 10);
    expect(backtest.bias).toBeCloseTo(errors.reduce((a, e) => a + e, 0) / total, 10);
    expect(backtest.coverage).toBe(inside / H);
  });

  it("equals scoreCandidate over the series' own backtest records with its choice's calibrated band", () => {
    const lags = defaultLags(model.layout.calendar);
    const origins = backtestOrigins(model.series, H, Math.max(4, Math.ceil(lags / 2)));
    const records = baselineBacktest(model.series, origins, primaryPeriod(model.layout), H);
    for (const id of ["flat", "short", "trend"]) {
      const i = indexOf(id);
      const choice = choiceFor(model, i);
      const own = records.filter((r) => r.series === i);
      const { series: _series, ...expected } = scoreCandidate(own, choice.members, choice, model.layout.nonNegative)!;
      expect(model.seriesBacktest[i]).toEqual(expected);
    }
    expect(origins[indexOf("trend")]).toHaveLength(3);
  });

  it("is null for a series with no backtest origin", () => {
    expect(model.seriesBacktest[indexOf("tiny")]).toBeNull();
    expect(model.recentBacktest[indexOf("tiny")]).toBeNull();
  });

  it("survives a save and load", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "forecast-series-backtest-"));
    try {
      await task.save(model, dir);
      const loaded = await task.load(dir);
      expect(loaded.seriesBacktest).toEqual(model.seriesBacktest);
      expect(loaded.recentBacktest).toEqual(model.recentBacktest);
      // The band factors and how they were calibrated travel in the metadata.
      expect(loaded.selection).toEqual(model.selection);
      expect(Object.values(loaded.selection).every((s) => s.baselineOnly.calibration !== undefined)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("still loads a format 1 model (saved before per-series backtests), with none", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "forecast-format-1-"));
    try {
      await task.save(model, dir);
      const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
        const json = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
        change(json);
        writeFileSync(path.join(dir, file), JSON.stringify(json));
      };
      edit("metadata.json", (meta) => {
        meta.format = 1;
        // Format 1 models recorded the band factors only, not how they were calibrated.
        for (const segment of Object.values(meta.selection as Record<string, Record<string, Record<string, unknown>>>)) {
          for (const choice of Object.values(segment)) delete choice.calibration;
        }
      });
      edit("series.json", (series) => {
        for (const s of Object.values(series) as Record<string, unknown>[]) {
          delete s.backtest;
          delete s.recent;
        }
      });
      const loaded = await task.load(dir);
      expect(loaded.seriesBacktest).toEqual(model.series.map(() => null));
      expect(loaded.recentBacktest).toEqual(model.series.map(() => null));
      const test = [{ seriesId: "trend", date: addDays(LAST_WEEK, 7), label: "next", covariates: {} }];
      expect(await task.predict(loaded, test)).toEqual(await task.predict(model, test));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
