import { TaskInputError } from "../task";
import { dayNumber, medianOf } from "../dates";
import { defaultHorizon, detectFrequency, makeCalendar, periodIndex, seasonalPeriods, type Calendar } from "./periods";
import type { ForecastTrainRow } from "./types";

/**
 * Training rows -> one regular series per id on a shared period grid (the detected frequency), with censored and
 * missing periods marked and imputed for use as model inputs.
 *
 * Censored demand (stockout) and gaps are never used as training targets; as inputs they are replaced by
 * max(observed, reference), the reference being the mean of the last 4 uncensored values at the same position in the
 * short season (same weekday for daily data) or of the last 8 uncensored values otherwise.
 */

export type SeriesHistory = {
  id: string;
  /** Period index of values[0] on the shared calendar. */
  start: number;
  /** Observed values, NaN where the period had no row. */
  values: Float64Array;
  /** 1 where the value is not demand: censored (stockout) or missing. */
  censored: Uint8Array;
  /** Values with censored and missing periods imputed: what models read as history. */
  filled: Float64Array;
  /** One array per covariate, aligned with values, gaps filled forward. */
  covariates: Float64Array[];
};

export type SeriesLayout = {
  calendar: Calendar;
  /** Seasonal periods modelled (see dates.seasonalPeriods), shortest first; empty when none. */
  periods: number[];
  /** Horizon the model trains for (test rows further ahead still get a forecast). */
  horizon: number;
  covariateNames: string[];
  /** Whether every training value was >= 0 (forecasts are then clipped at 0). */
  nonNegative: boolean;
};

export function layoutSeries(rows: ForecastTrainRow[], options: { horizon?: number } = {}): { layout: SeriesLayout; series: SeriesHistory[] } {
  if (rows.length === 0) throw new TaskInputError("no training rows");
  const covariateNames = Object.keys(rows[0]!.covariates);
  const groups = new Map<string, ForecastTrainRow[]>();
  for (const row of rows) {
    const group = groups.get(row.seriesId);
    if (group) group.push(row);
    else groups.set(row.seriesId, [row]);
  }
  const days = [...groups.values()].map((g) => g.map((r) => dayNumber(r.date)));
  let firstDay = Number.POSITIVE_INFINITY;
  for (const d of days) for (const v of d) if (v < firstDay) firstDay = v;
  const calendar = makeCalendar(detectFrequency(days), firstDay);
  const nonNegative = rows.every((r) => !(r.value < 0));
  const covariateMeans = covariateNames.map((name) => {
    let sum = 0;
    let count = 0;
    for (const r of rows) {
      const v = r.covariates[name];
      if (v !== undefined && Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count > 0 ? sum / count : 0;
  });

  const raw = [...groups.entries()].map(([id, group], g) => buildSeries(id, group, days[g]!, calendar, covariateNames, covariateMeans));
  const periods = seasonalPeriods(calendar.frequency, medianOf(raw.map((s) => s.values.length)));
  const shortPeriod = periods[0] !== undefined && periods[0] <= 12 ? periods[0] : 1;
  for (const s of raw) imputeCensored(s, shortPeriod);
  // Short histories get a shorter default horizon, so the backtest still has origins with history before them.
  const typical = medianOf(raw.map((s) => s.values.length));
  const horizon = options.horizon ?? Math.min(defaultHorizon(calendar.frequency), Math.max(2, Math.floor(typical / 4)));
  return { layout: { calendar, periods, horizon, covariateNames, nonNegative }, series: raw };
}

function buildSeries(
  id: string,
  group: ForecastTrainRow[],
  days: number[],
  calendar: Calendar,
  covariateNames: string[],
  covariateMeans: number[],
): SeriesHistory {
  const indices = days.map((d) => periodIndex(calendar, d));
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const i of indices) {
    if (i < start) start = i;
    if (i > end) end = i;
  }
  const length = end - start + 1;
  const values = new Float64Array(length).fill(Number.NaN);
  const censored = new Uint8Array(length).fill(1);
  const covariates = covariateNames.map(() => new Float64Array(length).fill(Number.NaN));
  group.forEach((row, i) => {
    const t = indices[i]! - start;
    // Two dates in one period (e.g. two rows in a month of monthly data) add up; censored if either was.
    const first = Number.isNaN(values[t]!);
    values[t] = first ? row.value : values[t]! + row.value;
    censored[t] = row.censored > 0 || Number.isNaN(values[t]!) ? 1 : first ? 0 : censored[t]!;
    covariateNames.forEach((name, c) => {
      const v = row.covariates[name];
      if (v !== undefined && Number.isFinite(v)) covariates[c]![t] = v;
    });
  });
  covariates.forEach((column, c) => fillGaps(column, covariateMeans[c]!));
  return { id, start, values, censored, filled: new Float64Array(length), covariates };
}

/** Forward fill, then back fill the leading gap; a column with no value takes the training mean. */
export function fillGaps(column: Float64Array, fallback: number): void {
  let last = Number.NaN;
  for (let t = 0; t < column.length; t++) {
    if (Number.isNaN(column[t]!)) column[t] = last;
    else last = column[t]!;
  }
  const first = column.find((v) => !Number.isNaN(v));
  for (let t = 0; t < column.length && Number.isNaN(column[t]!); t++) column[t] = first ?? fallback;
}

function imputeCensored(series: SeriesHistory, shortPeriod: number): void {
  const { values, censored, filled } = series;
  let seriesMean = 0;
  let uncensored = 0;
  for (let t = 0; t < values.length; t++) {
    if (censored[t] === 0) {
      seriesMean += values[t]!;
      uncensored++;
    }
  }
  seriesMean = uncensored > 0 ? seriesMean / uncensored : 0;
  for (let t = 0; t < values.length; t++) {
    if (censored[t] === 0) {
      filled[t] = values[t]!;
      continue;
    }
    const reference = referenceLevel(values, censored, t, shortPeriod) ?? seriesMean;
    filled[t] = Number.isNaN(values[t]!) ? reference : Math.max(values[t]!, reference);
  }
}

function referenceLevel(values: Float64Array, censored: Uint8Array, t: number, shortPeriod: number): number | undefined {
  const [step, want] = shortPeriod > 1 ? [shortPeriod, 4] : [1, 8];
  let sum = 0;
  let count = 0;
  for (let s = t - step; s >= 0 && count < want; s -= step) {
    if (censored[s] === 0) {
      sum += values[s]!;
      count++;
    }
  }
  return count > 0 ? sum / count : undefined;
}
