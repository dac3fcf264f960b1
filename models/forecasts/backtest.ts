import { groupBy } from "../group";
import type * as tf from "@tensorflow/tfjs";
import { naiveMae } from "../metrics/forecast";
import { baselineNames, fitBaselines, forecastBaseline } from "./baselines";
import type { FeatureSpec } from "./features";
import { forecastWindows } from "./network-forecast";
import {
  allModels,
  calibrated,
  candidateName,
  candidates,
  forecastOf,
  isStrategy,
  scoreCandidate,
  statisticalModels,
  withStrategies,
  type BacktestRecord,
  type Choice,
  type Member,
} from "./selection";
import type { SeriesHistory } from "./series";
import type { QuantileForecast } from "./types";
import type { PreparedSeries } from "./windows";

/**
 * Rolling-origin evaluation (Tashman 2000): at several origins near the end of each series, every model forecasts
 * the next H periods from the history up to the origin only, and is scored on what followed. Censored and missing
 * actuals are left out of the scores (NaN), since they are not demand.
 */

export type BacktestSummary = { candidate: string; mase: number; wape: number; bias: number; coverage: number; series: number }[];

/** One series' backtest of the candidate that forecasts it, with its calibrated band. */
export type SeriesBacktest = { mase: number; wape: number; bias: number; coverage: number };

/**
 * The latest backtest origin of one series: the calibrated forecast of the H periods after it, next to the actuals
 * (null where censored or missing). `origin` is the local index of the last period the forecast saw.
 */
export type RecentBacktest = { origin: number; actual: (number | null)[]; p10: number[]; p50: number[]; p90: number[] };

export const recordKey = (record: { series: number; origin: number }) => `${record.series}:${record.origin}`;

/**
 * Origins (local indices, latest first) at H, H + s and H + 2s periods before each series' end, s = ceil(H / 2);
 * origins leaving fewer than `minHistory` periods before them are dropped.
 */
export function backtestOrigins(series: SeriesHistory[], H: number, minHistory: number): number[][] {
  const step = Math.max(1, Math.ceil(H / 2));
  return series.map((s) => [0, 1, 2].map((k) => s.values.length - 1 - H - k * step).filter((o) => o + 1 >= minHistory));
}

/** Baselines refitted at every origin; one record per (series, origin). */
export function baselineBacktest(series: SeriesHistory[], origins: number[][], period: number, H: number): BacktestRecord[] {
  const records: BacktestRecord[] = [];
  series.forEach((s, i) => {
    const first = origins[i]![origins[i]!.length - 1];
    if (first === undefined) return;
    // MASE denominator from the history before the earliest origin, shared by the series' records.
    const naive = first >= 1 ? naiveMae(Array.from(s.filled.subarray(0, first + 1)), period) : 0;
    const scale = naive > 0 ? naive : meanAbs(s.filled, first + 1);
    for (const origin of origins[i]!) {
      const params = fitBaselines(s.filled, origin + 1, period);
      const members: BacktestRecord["members"] = {};
      for (const name of baselineNames) members[name] = forecastBaseline(name, s.filled, origin + 1, period, params, H);
      const actual = new Float64Array(H);
      for (let h = 1; h <= H; h++) actual[h - 1] = s.censored[origin + h] === 1 ? Number.NaN : s.values[origin + h]!;
      records.push({ series: i, origin, actual, members, scale, start: s.start });
    }
  });
  return records;
}

function meanAbs(values: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(values[i]!);
  return n > 0 && sum > 0 ? sum / n : 1;
}

/** Network forecasts at each backtest origin of each long-enough series, keyed like the backtest records. */
export function networkForecasts(
  network: tf.LayersModel,
  spec: FeatureSpec,
  prepared: PreparedSeries[],
  neural: boolean[],
  origins: number[][],
  H: number,
): Map<string, QuantileForecast> {
  const chosen = { series: [] as number[], origin: [] as number[], horizon: [] as number[] };
  prepared.forEach((_, i) => {
    if (!neural[i]) return;
    for (const origin of origins[i]!) {
      for (let h = 1; h <= H; h++) {
        chosen.series.push(i);
        chosen.origin.push(origin);
        chosen.horizon.push(h);
      }
    }
  });
  const forecasts = new Map<string, QuantileForecast>();
  forecastWindows(network, spec, prepared, chosen, (k, p10, p50, p90) => {
    const key = `${chosen.series[k]}:${chosen.origin[k]}`;
    let f = forecasts.get(key);
    if (!f) {
      f = { p10: new Float64Array(H), p50: new Float64Array(H), p90: new Float64Array(H) };
      forecasts.set(key, f);
    }
    const h = chosen.horizon[k]! - 1;
    f.p10[h] = p10;
    f.p50[h] = p50;
    f.p90[h] = p90;
  });
  return forecasts;
}

/** Every candidate's backtest; the per-series strategies once over the statistical models and once with the network. */
export function summarise(records: BacktestRecord[]): BacktestSummary {
  const summary: BacktestSummary = [];
  const neural = records.filter((r) => r.members.network);
  const statistical = withStrategies(records, statisticalModels);
  const withNetwork = neural.length > 0 ? withStrategies(neural, allModels) : [];
  for (const members of candidates) {
    if (isStrategy(members[0]!)) {
      const score = scoreCandidate(statistical, members as Member[]);
      if (score) summary.push({ candidate: candidateName(members), ...score });
      const networked = scoreCandidate(withNetwork, members as Member[]);
      if (networked) summary.push({ candidate: `${candidateName(members)} (with network)`, ...networked });
      continue;
    }
    const score = scoreCandidate(members.includes("network") ? neural : records, members as Member[]);
    if (score) summary.push({ candidate: candidateName(members), ...score });
  }
  return summary;
}

/**
 * Per series, the backtest of the choice that forecasts it (`choices[i]`, with its calibrated band): its metrics over
 * the series' own records (scoreCandidate, so MASE uses the series' scale) and its latest origin's forecast. Null
 * where the series has no scorable record (too short for any origin, or every actual censored).
 */
export function perSeriesBacktest(
  records: BacktestRecord[],
  choices: Choice[],
  nonNegative: boolean,
): { seriesBacktest: (SeriesBacktest | null)[]; recentBacktest: (RecentBacktest | null)[] } {
  const bySeries = groupBy(records, (r) => r.series);
  const seriesBacktest: (SeriesBacktest | null)[] = [];
  const recentBacktest: (RecentBacktest | null)[] = [];
  choices.forEach((choice, i) => {
    const own = bySeries.get(i) ?? [];
    const band = { lowScale: choice.lowScale, highScale: choice.highScale, weights: choice.weights };
    const score = scoreCandidate(own, choice.members, band, nonNegative);
    seriesBacktest.push(score ? { mase: score.mase, wape: score.wape, bias: score.bias, coverage: score.coverage } : null);
    const latest = own.reduce<BacktestRecord | undefined>((best, r) => (!best || r.origin > best.origin ? r : best), undefined);
    const raw = latest && forecastOf(latest, choice.members, choice.weights);
    if (!latest || !raw) {
      recentBacktest.push(null);
      return;
    }
    const f = calibrated(raw, band.lowScale, band.highScale, nonNegative);
    recentBacktest.push({
      origin: latest.origin,
      actual: Array.from(latest.actual, (a) => (Number.isNaN(a) ? null : a)),
      p10: Array.from(f.p10),
      p50: Array.from(f.p50),
      p90: Array.from(f.p90),
    });
  });
  return { seriesBacktest, recentBacktest };
}
