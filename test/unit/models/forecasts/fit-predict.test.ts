import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { parseCsvText } from "@/models/io/csv";
import { mase } from "@/models/metrics/forecast";
import { createForecastTask, type ForecastModel, type ForecastPrediction, type ForecastTestRow, type ForecastTrainRow } from "@/models/forecasts/index";
import { FitCancelledError, noProgress, TaskInputError } from "@/models/task";
import { weeklyStoreSalesCsv } from "@/test/support/weekly-store-sales";

/**
 * Eight generated stores in the Walmart file's layout (DD/MM/YY dates, CRLF, a holiday flag; see
 * test/support/weekly-store-sales.ts), the last 13 weeks of each held out. The model is small (few epochs, few
 * windows) so the file runs in seconds; the test still fails if the shipped forecast does not beat seasonal naive
 * on the held-out weeks, which the stores' trends and moving holidays make beatable. The same comparison on the
 * real Walmart stores is in the bench (bench/forecast.ts).
 */
const STORES = new Set(["1", "2", "3", "4", "5", "6", "7", "8"]);
const HOLDOUT = 13;

function storeSlice(): { train: ForecastTrainRow[]; holdout: ForecastTrainRow[] } {
  const text = weeklyStoreSalesCsv({ stores: STORES.size, seed: 11 }).replace(/^Store,Date,Weekly_Sales/, "series_id,date,value");
  const { columns, records } = parseCsvText(text);
  const rows = task.parseTrain(records, columns);
  const train: ForecastTrainRow[] = [];
  const holdout: ForecastTrainRow[] = [];
  for (const id of STORES) {
    const series = rows.filter((r) => r.seriesId === id).sort((a, b) => a.date.localeCompare(b.date));
    train.push(...series.slice(0, -HOLDOUT));
    holdout.push(...series.slice(-HOLDOUT));
  }
  return { train, holdout };
}

const asTest = (rows: ForecastTrainRow[]): ForecastTestRow[] =>
  rows.map((r, i) => ({ seriesId: r.seriesId, date: r.date, label: r.date, covariates: r.covariates, line: i + 2 }));

const task = createForecastTask({ network: { maxEpochs: 6, patience: 3, hidden: 32 }, maxWindows: 6000, finalEpochs: 2 });

describe("forecast fit and predict on weekly store sales", () => {
  let data: ReturnType<typeof storeSlice>;
  let model: ForecastModel;
  let predictions: ForecastPrediction[];
  let tensorsBefore: number;

  beforeAll(async () => {
    await ensureBackend();
    tensorsBefore = tf.memory().numTensors;
    data = storeSlice();
    // A store that opened 6 weeks before the end: too short for the network.
    const newStore = data.train.filter((r) => r.seriesId === "1").slice(-6).map((r) => ({ ...r, seriesId: "new" }));
    model = await task.fit([...data.train, ...newStore], { seed: 42, onProgress: noProgress });
    predictions = await task.predict(model, asTest(data.holdout));
  }, 120_000);

  afterAll(() => {
    if (model) task.dispose(model);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it("detects weekly data with a 52-week season and a 13-week horizon", () => {
    expect(model.layout.calendar.frequency).toBe("weekly");
    expect(model.layout.periods).toEqual([52]);
    expect(model.layout.horizon).toBe(13);
  });

  it("beats seasonal naive on the held-out weeks, with ordered quantiles", () => {
    let ours = 0;
    let naive = 0;
    for (const id of STORES) {
      const history = data.train.filter((r) => r.seriesId === id).map((r) => r.value);
      const actual = data.holdout.filter((r) => r.seriesId === id).map((r) => r.value);
      const forecast = predictions.filter((p) => p.seriesId === id);
      expect(forecast).toHaveLength(HOLDOUT);
      ours += mase(actual, forecast.map((p) => p.p50), history, 52);
      naive += mase(actual, history.slice(-52, -52 + HOLDOUT), history, 52);
    }
    expect(ours).toBeLessThan(naive);
    for (const p of predictions) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
    }
    expect(task.toOutputRow(predictions[0]!)).toEqual([predictions[0]!.seriesId, predictions[0]!.date, predictions[0]!.p10, predictions[0]!.p50, predictions[0]!.p90]);
  });

  it("forecasts a series too short for the network with a baseline", async () => {
    const [forecast] = await task.predict(model, [{ seriesId: "new", date: "2012-08-03", label: "03/08/12", covariates: {} }]);
    expect(forecast!.date).toBe("03/08/12");
    expect(forecast!.model).not.toContain("network");
    expect(forecast!.p50).toBeGreaterThan(1e6);
    expect(model.neural[model.series.findIndex((s) => s.id === "new")]).toBe(false);
  });

  it("keeps each series' own backtest of the method that forecasts it", () => {
    expect(model.seriesBacktest).toHaveLength(model.series.length);
    expect(model.recentBacktest).toHaveLength(model.series.length);
    const store = model.series.findIndex((s) => s.id === "1");
    expect(model.seriesBacktest[store]!.mase).toBeGreaterThan(0);
    expect(model.seriesBacktest[store]!.coverage).toBeGreaterThan(0);
    const recent = model.recentBacktest[store]!;
    // The latest origin is H periods before the end: its forecast covers the last 13 weeks of training.
    expect(recent.origin).toBe(model.series[store]!.values.length - 1 - 13);
    expect(recent.actual).toEqual(Array.from(model.series[store]!.values.subarray(-13)));
    recent.p50.forEach((p50, h) => {
      expect(recent.p10[h]!).toBeLessThanOrEqual(p50);
      expect(p50).toBeLessThanOrEqual(recent.p90[h]!);
    });
    // Six weeks leave no backtest origin.
    const fresh = model.series.findIndex((s) => s.id === "new");
    expect(model.seriesBacktest[fresh]).toBeNull();
    expect(model.recentBacktest[fresh]).toBeNull();
  });

  it("forecasts the same after a save and load", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "forecast-model-"));
    try {
      await task.save(model, dir);
      const loaded = await task.load(dir);
      expect(await task.predict(loaded, asTest(data.holdout))).toEqual(predictions);
      expect(loaded.seriesBacktest).toEqual(model.seriesBacktest);
      expect(loaded.recentBacktest).toEqual(model.recentBacktest);
      task.dispose(loaded);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a series it has no history for, and a date inside the history, by line", async () => {
    const unknown = [{ seriesId: "999", date: "2012-11-02", label: "2012-11-02", covariates: {}, line: 7 }];
    await expect(task.predict(model, unknown)).rejects.toThrow(new TaskInputError("series '999' has no training data, so it cannot be forecast", 7));
    const past = [{ seriesId: "1", date: "2011-01-07", label: "2011-01-07", covariates: {}, line: 3 }];
    await expect(task.predict(model, past)).rejects.toThrow(/line 3: date 2011-01-07 of series '1' is not after its last training period/);
  });
});

describe("forecast fit cancellation", () => {
  it("stops between epochs when the signal aborts and frees its tensors", async () => {
    await ensureBackend();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const { train } = storeSlice();
    const fit = task.fit(train, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 1) controller.abort();
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
