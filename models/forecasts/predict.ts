import { ensureBackend } from "../backend";
import { TaskInputError } from "../task";
import { forecastBaseline, type BaselineName } from "./baselines";
import { dayNumber, isoOfDay } from "../dates";
import { periodDay, periodIndex } from "./periods";
import { blend, calibrated, candidateName, choiceOf, isStrategy, type Choice } from "./selection";
import { fillGaps } from "./series";
import { primaryPeriod, type ForecastModel } from "./train";
import { forecastWindows } from "./network-forecast";
import type { ForecastPrediction, ForecastTestRow, QuantileForecast } from "./types";
import { prepareSeries, type PreparedSeries } from "./windows";

/**
 * Forecasts every test row: the row's series and how many periods after its last training period it lies (any
 * horizon; beyond the trained one the network extrapolates its horizon input and the baselines carry on). Each
 * series uses its segment's chosen model or blend (a baseline-only choice for series too short for the network),
 * with the band factors calibrated in the backtest. Future covariates come from the test rows; a covariate missing
 * there keeps its last training value.
 */

export function choiceFor(model: ForecastModel, seriesIndex: number): Choice {
  const choice = choiceOf(model.selection, model.segments[seriesIndex]!, model.neural[seriesIndex] === true && model.network !== null);
  const only = choice.members.length === 1 ? choice.members[0]! : undefined;
  if (!only || !isStrategy(only)) return choice;
  // A per-series strategy: the series' own models and weights, fixed at fit time (Holt-Winters if it had none).
  const own = model.seriesBlend?.[seriesIndex] ?? { members: ["holt-winters" as const], weights: [1] };
  return { ...choice, members: own.members, weights: own.weights, name: candidateName(own.members), strategy: only };
}

export async function predictForecaster(model: ForecastModel, test: ForecastTestRow[]): Promise<ForecastPrediction[]> {
  if (model.network) await ensureBackend();
  const { layout } = model;
  const byId = new Map(model.series.map((s, i) => [s.id, i]));
  const horizonOf = test.map((row) => {
    const i = byId.get(row.seriesId);
    if (i === undefined) throw new TaskInputError(`series '${row.seriesId}' has no training data, so it cannot be forecast`, row.line);
    const s = model.series[i]!;
    const last = s.start + s.values.length - 1;
    const h = periodIndex(layout.calendar, dayNumber(row.date)) - last;
    if (h < 1) {
      const lastDate = isoOfDay(periodDay(layout.calendar, last));
      throw new TaskInputError(`date ${row.label} of series '${row.seriesId}' is not after its last training period (${lastDate})`, row.line);
    }
    return h;
  });

  const rowsBySeries = new Map<number, number[]>();
  test.forEach((row, k) => {
    const i = byId.get(row.seriesId)!;
    const list = rowsBySeries.get(i);
    if (list) list.push(k);
    else rowsBySeries.set(i, [k]);
  });

  // Network windows for every (series, horizon) that needs one, predicted in one batch.
  const networkForecast = new Map<string, [number, number, number]>();
  if (model.network && model.spec) {
    const prepared: PreparedSeries[] = [];
    const chosen = { series: [] as number[], origin: [] as number[], horizon: [] as number[] };
    const seriesOfPrepared: number[] = [];
    for (const [i, rows] of rowsBySeries) {
      if (!choiceFor(model, i).members.includes("network")) continue;
      const p = prepared.push(withFutureCovariates(model, i, rows.map((k) => test[k]!), rows.map((k) => horizonOf[k]!))) - 1;
      seriesOfPrepared.push(i);
      const n = model.series[i]!.values.length;
      for (const h of new Set(rows.map((k) => horizonOf[k]!))) {
        chosen.series.push(p);
        chosen.origin.push(n - 1);
        chosen.horizon.push(h);
      }
    }
    forecastWindows(model.network, model.spec, prepared, chosen, (k, p10, p50, p90) => {
      networkForecast.set(`${seriesOfPrepared[chosen.series[k]!]}:${chosen.horizon[k]}`, [p10, p50, p90]);
    });
  }

  const predictions = new Array<ForecastPrediction>(test.length);
  const m = primaryPeriod(layout);
  for (const [i, rows] of rowsBySeries) {
    const s = model.series[i]!;
    const choice = choiceFor(model, i);
    const horizons = rows.map((k) => horizonOf[k]!);
    const maxH = Math.max(...horizons);
    const parts: QuantileForecast[] = choice.members.map((member) => {
      if (member !== "network") return forecastBaseline(member as BaselineName, s.filled, s.values.length, m, model.baselines[i]!, maxH);
      const f: QuantileForecast = { p10: new Float64Array(maxH), p50: new Float64Array(maxH), p90: new Float64Array(maxH) };
      for (const h of horizons) {
        const q = networkForecast.get(`${i}:${h}`);
        if (q) [f.p10[h - 1], f.p50[h - 1], f.p90[h - 1]] = q;
      }
      return f;
    });
    const final = calibrated(blend(parts, choice.weights), choice.lowScale, choice.highScale, layout.nonNegative);
    rows.forEach((k, j) => {
      const h = horizons[j]! - 1;
      predictions[k] = { seriesId: s.id, date: test[k]!.label, p10: final.p10[h]!, p50: final.p50[h]!, p90: final.p90[h]!, model: choice.name };
    });
  }
  return predictions;
}

/** The series as network input, its covariates extended over the test horizon with the test rows' values. */
function withFutureCovariates(model: ForecastModel, i: number, rows: ForecastTestRow[], horizons: number[]): PreparedSeries {
  const history = model.series[i]!;
  const n = history.values.length;
  const length = n + Math.max(...horizons);
  const covariates = model.layout.covariateNames.map((name, c) => {
    const column = new Float64Array(length).fill(Number.NaN);
    column.set(history.covariates[c]!);
    rows.forEach((row, j) => {
      const v = row.covariates[name];
      if (v !== undefined && Number.isFinite(v)) column[n - 1 + horizons[j]!] = v;
    });
    fillGaps(column, 0);
    return column;
  });
  return prepareSeries({ ...history, covariates });
}
