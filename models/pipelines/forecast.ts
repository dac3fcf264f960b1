import { loadForecastTrainRows } from "../../lib/forecasts/training-data";
import { forecastTask } from "../forecast/index";
import type { ForecastTrainRow } from "../forecast/types";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { bias, intervalCoverage, mase, quantileLoss, wape } from "../metrics/forecast";
import { driftReferenceOf } from "./common";

const HORIZON_WEEKS = 13;
const SEASON_WEEKS = 52;

/** Weekly demand per product; the last 13 weeks of every series are held out to measure the forecast. */
export const forecastPipeline: TrainingPipeline = {
  task: "forecast",
  async train(db, ctx) {
    const rows = loadForecastTrainRows(db, { grain: "week", level: "product" });
    const dates = [...new Set(rows.map((r) => r.date))].sort();
    const cutoff = dates[Math.max(0, dates.length - HORIZON_WEEKS)]!;
    const train = rows.filter((r) => r.date < cutoff);
    const trained = new Set(train.map((r) => r.seriesId));
    const held = rows.filter((r) => r.date >= cutoff && trained.has(r.seriesId));
    const model = await forecastTask.fit(train, ctx);
    const predictions = await forecastTask.predict(
      model,
      held.map((r) => ({ seriesId: r.seriesId, date: r.date, label: r.date, covariates: r.covariates })),
    );
    const bySeries = new Map<string, ForecastTrainRow[]>();
    for (const r of train) {
      const list = bySeries.get(r.seriesId);
      if (list) list.push(r);
      else bySeries.set(r.seriesId, [r]);
    }
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
    const perSeries = [...heldBySeries.entries()].map(([id, idx]) => {
      const history = (bySeries.get(id) ?? []).map((r) => r.value);
      return mase(idx.map((i) => actual[i]!), idx.map((i) => p50[i]!), history, history.length >= 1.5 * SEASON_WEEKS ? SEASON_WEEKS : 1);
    }).filter(Number.isFinite);
    return {
      module: forecastTask,
      model,
      metrics: {
        mase: perSeries.reduce((a, b) => a + b, 0) / Math.max(1, perSeries.length),
        wape: wape(actual, p50),
        bias: bias(actual, p50),
        coverageP10P90: intervalCoverage(actual, p10, p90),
        pinballP50: quantileLoss(actual, p50, 0.5),
      },
      params: { grain: "week", level: "product", horizonWeeks: HORIZON_WEEKS, series: bySeries.size },
      trainFrom: dates[0] ?? null,
      trainTo: train.length ? train.reduce((m, r) => (r.date > m ? r.date : m), "") : null,
      dataHash: hashRows(train.map((r) => [r.seriesId, r.date, r.value])),
      drift: driftReferenceOf({ weeklyUnits: train.map((r) => r.value), relativePrice: train.map((r) => r.covariates.relative_price) }),
    };
  },
  async recentForDrift(db, _artifactDir, days) {
    const rows = loadForecastTrainRows(db, { grain: "week", level: "product" });
    const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
    const since = new Date(Date.parse(`${last}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const recent = rows.filter((r) => r.date > since);
    return { weeklyUnits: recent.map((r) => r.value), relativePrice: recent.map((r) => r.covariates.relative_price ?? Number.NaN) };
  },
};
