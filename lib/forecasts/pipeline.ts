import { groupBy } from "../../models/group";
import { loadForecastTrainRows } from "./training-data";
import { createForecastTask, forecastTask, type ForecastOptions } from "../../models/forecasts/index";
import type { ForecastModel } from "../../models/forecasts/train";
import type { ForecastTrainRow } from "../../models/forecasts/types";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { bias, intervalCoverage, mase, quantileLoss, wape } from "../../models/metrics/forecast";
import { throwIfCancelled } from "../../models/task";
import { driftReferenceOf, roundSeconds, stretchProgress } from "../jobs/pipeline-common";
import { publishForecasts, PUBLISH_HORIZON_WEEKS } from "./publish";
import { addDays } from "../dates";

const HELD_OUT_WEEKS = 13;
const SEASON_WEEKS = 52;

/**
 * Weekly demand per product, fitted twice. The first fit sees everything before the last 13 weeks and is measured
 * on them: those are the version's metrics. The second fit sees every week and is the model shipped, so the
 * planner's forecast starts the week after the last actuals; it is the same recipe on 13 more weeks, so the first
 * fit's metrics are an honest estimate of it. `options` (network size, epochs) default to the production settings.
 */
export function createForecastPipeline(options?: ForecastOptions): TrainingPipeline {
  const task = options ? createForecastTask(options) : forecastTask;
  return {
    task: "forecast",
    async train(db, ctx) {
      const rows = await loadForecastTrainRows(db, { grain: "week", level: "product" });
      const dates = [...new Set(rows.map((r) => r.date))].sort();
      const cutoff = dates[Math.max(0, dates.length - HELD_OUT_WEEKS)]!;
      const train = rows.filter((r) => r.date < cutoff);
      const trained = new Set(train.map((r) => r.seriesId));
      const held = rows.filter((r) => r.date >= cutoff && trained.has(r.seriesId));

      // 1. Fit on the weeks before the held-out ones and measure on those (progress 0..0.5).
      let started = performance.now();
      const measured = await task.fit(train, stretchProgress(ctx, "held-out fit", 0, 0.5));
      let metrics: Record<string, number>;
      const heldOutStop = measured.training.stop;
      try {
        metrics = await heldOutMetrics(task, measured, train, held);
      } finally {
        task.dispose(measured);
      }
      const heldOutFitSeconds = (performance.now() - started) / 1000;
      throwIfCancelled(ctx.signal);

      // 2. Fit on every week: the model shipped (progress 0.5..1).
      started = performance.now();
      const model = await task.fit(rows, stretchProgress(ctx, "full fit", 0.5, 1));
      const fullFitSeconds = (performance.now() - started) / 1000;
      const series = new Set(rows.map((r) => r.seriesId)).size;
      return {
        module: task,
        model,
        metrics,
        params: {
          grain: "week",
          level: "product",
          horizonWeeks: HELD_OUT_WEEKS,
          heldOutWeeks: HELD_OUT_WEEKS,
          heldOutFrom: cutoff,
          series,
          heldOutFitSeconds: roundSeconds(heldOutFitSeconds),
          fullFitSeconds: roundSeconds(fullFitSeconds),
          // Why the shipped network's (and the measured one's) training ended: a cap hit shows on the Models page.
          ...(model.training.stop ? { training: model.training.stop } : {}),
          ...(heldOutStop ? { heldOutTraining: heldOutStop } : {}),
          // What the shipped fit chose per series (method or blend, counted) and why (backtest MASE per candidate).
          choices: model.choices ?? [],
        },
        trainFrom: dates[0] ?? null,
        trainTo: dates[dates.length - 1] ?? null,
        // The shipped model saw every row, so the hash and the drift reference describe all of them.
        dataHash: hashRows(rows.map((r) => [r.seriesId, r.date, r.value])),
        drift: driftReferenceOf({ weeklyUnits: rows.map((r) => r.value), relativePrice: rows.map((r) => r.covariates.relative_price) }),
      };
    },
    async recentForDrift(db, _artifactDir, days) {
      const rows = await loadForecastTrainRows(db, { grain: "week", level: "product" });
      const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
      const since = addDays(last, -days);
      const recent = rows.filter((r) => r.date > since);
      return { weeklyUnits: recent.map((r) => r.value), relativePrice: recent.map((r) => r.covariates.relative_price ?? Number.NaN) };
    },
    async score(db, artifactDir, version, ctx) {
      ctx.onProgress({ stage: "publishing", fraction: 0 });
      const published = await publishForecasts(db, artifactDir, version, ctx.createdBy);
      ctx.onProgress({ stage: "published", fraction: 1 });
      return { ...published, horizonWeeks: PUBLISH_HORIZON_WEEKS };
    },
  };
}

/** Weekly demand per product with the production model settings, as the worker runs it. */
export const forecastPipeline: TrainingPipeline = createForecastPipeline();

/** Accuracy on the held-out weeks of a model fitted on the weeks before them. */
async function heldOutMetrics(
  task: typeof forecastTask,
  model: ForecastModel,
  train: ForecastTrainRow[],
  held: ForecastTrainRow[],
): Promise<Record<string, number>> {
  const predictions = await task.predict(
    model,
    held.map((r) => ({ seriesId: r.seriesId, date: r.date, label: r.date, covariates: r.covariates })),
  );
  const bySeries = groupBy(train, (r) => r.seriesId);
  const actual = held.map((r) => r.value);
  const p10 = predictions.map((p) => p.p10);
  const p50 = predictions.map((p) => p.p50);
  const p90 = predictions.map((p) => p.p90);
  // MASE per series, scaled by its seasonal naive error in training (season 52 once 1.5 years of history exist, as the model detects it).
  const heldBySeries = new Map<string, number[]>();
  held.forEach((r, i) => {
    const list = heldBySeries.get(r.seriesId);
    if (list) list.push(i);
    else heldBySeries.set(r.seriesId, [i]);
  });
  const perSeries = [...heldBySeries.entries()]
    .map(([id, idx]) => {
      const history = (bySeries.get(id) ?? []).map((r) => r.value);
      return mase(idx.map((i) => actual[i]!), idx.map((i) => p50[i]!), history, history.length >= 1.5 * SEASON_WEEKS ? SEASON_WEEKS : 1);
    })
    .filter(Number.isFinite);
  return {
    mase: perSeries.reduce((a, b) => a + b, 0) / Math.max(1, perSeries.length),
    wape: wape(actual, p50),
    bias: bias(actual, p50),
    coverageP10P90: intervalCoverage(actual, p10, p90),
    pinballP50: quantileLoss(actual, p50, 0.5),
  };
}
