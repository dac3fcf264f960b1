import * as tf from "@tensorflow/tfjs";
import { DAY_MS, yearStartDay } from "../dates";
import { periodDay, type Calendar } from "./periods";

/**
 * One forecast window -> model inputs. A window is (series, origin t = last period seen, horizon h); the target is
 * y[t+h] / c, with c the series' scale at the origin (mean |y| over the last `lags` periods, floored at half the
 * mean of its whole history so far), so one global model fits series of any size (DeepAR, Salinas et al. 2020).
 *
 * Sequence input (lags x (3 + covariates)), oldest first: y/c, padding flag (before the series started), censored
 * flag (the value was imputed), standardised covariates.
 * Covariates: 0/1 flags (promotion, holiday) enter as they are; continuous ones (price, temperature, CPI) only as
 * changes against the input window, so a covariate that drifts over the years (CPI, fuel price) cannot stand in for
 * time or for a series' identity and mislead the network outside the training range.
 * Vector input: h / horizon, log c, history length; for each seasonal period p the seasonal lag y[t+h-kp] / c
 * (k = ceil(h/p)) with its two neighbours (holidays drift by a period), the level a cycle before the origin, the
 * seasonal lag rescaled by the level change since then, and an availability flag; calendar of the target period
 * (weekday one-hot for daily data, two yearly harmonics); each flag at the target, at the seasonal lag and averaged
 * over the input window; each continuous covariate's change from the window mean, from the seasonal lag and from the
 * origin to the target. Vector features are standardised with training-window statistics.
 */

export type FeatureSpec = {
  lags: number;
  periods: number[];
  horizon: number;
  calendar: Calendar;
  covariateMean: number[];
  covariateStd: number[];
  /** Covariates whose training values are all 0 or 1. */
  covariateBinary: boolean[];
  seqWidth: number;
  vecWidth: number;
  /** Standardisation of the vector features, from the training windows. */
  vecMean: number[];
  vecStd: number[];
};

/** What a window reads from one series. Covariates may run past the history (future values from the test rows). */
export type SeriesInput = { start: number; filled: Float64Array; censored: Uint8Array; covariates: Float64Array[] };

const PERIOD_FEATURES = 6;

export function defaultLags(calendar: Calendar): number {
  const lags: Record<Calendar["frequency"], number> = { daily: 28, weekly: 13, monthly: 12, quarterly: 8, yearly: 6, other: 12 };
  return lags[calendar.frequency];
}

export function makeFeatureSpec(options: {
  calendar: Calendar;
  periods: number[];
  horizon: number;
  lags: number;
  covariateMean: number[];
  covariateStd: number[];
  covariateBinary: boolean[];
}): FeatureSpec {
  const covariates = options.covariateMean.length;
  const calendarWidth = options.calendar.frequency === "daily" ? 11 : 4;
  const vecWidth = 3 + PERIOD_FEATURES * options.periods.length + calendarWidth + 3 * covariates;
  return { ...options, seqWidth: 3 + covariates, vecWidth, vecMean: new Array<number>(vecWidth).fill(0), vecStd: new Array<number>(vecWidth).fill(1) };
}

/** Prefix sums of |filled|, so the scale at any origin costs O(1). */
export function absolutePrefix(filled: Float64Array): Float64Array {
  const prefix = new Float64Array(filled.length + 1);
  for (let i = 0; i < filled.length; i++) prefix[i + 1] = prefix[i]! + Math.abs(filled[i]!);
  return prefix;
}

/** Scale of a series at origin t (see the module comment). Never 0. */
export function scaleAt(prefix: Float64Array, t: number, lags: number): number {
  const from = Math.max(0, t - lags + 1);
  const window = (prefix[t + 1]! - prefix[from]!) / (t - from + 1);
  const all = prefix[t + 1]! / (t + 1);
  const scale = Math.max(window, 0.5 * all);
  return scale > 1e-9 ? scale : 1;
}

const clip = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Writes one window's raw (unstandardised) features at seq[seqAt..] and vec[vecAt..], given its scale (scaleAt). */
export function writeWindow(
  spec: FeatureSpec,
  series: SeriesInput,
  t: number,
  h: number,
  scale: number,
  seq: Float32Array,
  seqAt: number,
  vec: Float32Array,
  vecAt: number,
): void {
  const { lags, periods, covariateMean, covariateStd, covariateBinary } = spec;
  const { filled, censored, covariates } = series;
  const covariateCount = covariates.length;
  const z = (c: number, i: number) => (covariates[c]![Math.min(i, covariates[c]!.length - 1)]! - covariateMean[c]!) / covariateStd[c]!;
  const from = Math.max(0, t - lags + 1);
  const covariateWindow = new Array<number>(covariateCount).fill(0);
  for (let c = 0; c < covariateCount; c++) {
    for (let i = from; i <= t; i++) covariateWindow[c]! += z(c, i);
    covariateWindow[c]! /= t - from + 1;
  }
  // Flags as they are; continuous covariates relative to their window mean.
  const centre = (c: number) => (covariateBinary[c] ? 0 : covariateWindow[c]!);

  let o = seqAt;
  let windowMean = 0;
  for (let k = 0; k < lags; k++) {
    const i = t - lags + 1 + k;
    if (i < 0) {
      seq[o++] = 0;
      seq[o++] = 1;
      seq[o++] = 0;
      for (let c = 0; c < covariateCount; c++) seq[o++] = 0;
      continue;
    }
    seq[o++] = clip(filled[i]! / scale, -20, 50);
    seq[o++] = 0;
    seq[o++] = censored[i]!;
    for (let c = 0; c < covariateCount; c++) seq[o++] = z(c, i) - centre(c);
  }
  for (let i = from; i <= t; i++) windowMean += filled[i]! / scale;
  windowMean /= t - from + 1;

  let v = vecAt;
  vec[v++] = h / spec.horizon;
  vec[v++] = Math.log(scale);
  const cap = Math.max(lags, (periods[periods.length - 1] ?? 0) + spec.horizon);
  vec[v++] = Math.min(t + 1, cap) / cap;
  let longestLag = -1;
  for (const p of periods) {
    const k = Math.ceil(h / p);
    const i = t + h - k * p;
    if (i < 0) {
      for (let f = 0; f < PERIOD_FEATURES - 1; f++) vec[v++] = windowMean;
      vec[v++] = 0;
      continue;
    }
    longestLag = i;
    const lag = filled[i]! / scale;
    const before = i - 1 >= 0 ? filled[i - 1]! / scale : lag;
    const after = i + 1 <= t ? filled[i + 1]! / scale : lag;
    // Level a cycle before the origin, over the same window length as the input lags.
    const end = t - k * p;
    let base = windowMean;
    if (end >= 0) {
      base = 0;
      const start = Math.max(0, end - lags + 1);
      for (let j = start; j <= end; j++) base += filled[j]! / scale;
      base /= end - start + 1;
    }
    vec[v++] = clip(lag, -20, 50);
    vec[v++] = clip(before, -20, 50);
    vec[v++] = clip(after, -20, 50);
    vec[v++] = clip(base, -20, 50);
    vec[v++] = Math.abs(base) > 0.05 ? clip((lag * windowMean) / base, -20, 50) : clip(lag, -20, 50);
    vec[v++] = 1;
  }
  v = writeCalendar(spec.calendar, series.start + t + h, vec, v);
  for (let c = 0; c < covariateCount; c++) {
    const atTarget = z(c, t + h);
    const atLag = longestLag >= 0 ? z(c, longestLag) : atTarget;
    if (covariateBinary[c]) {
      vec[v++] = atTarget;
      vec[v++] = atLag;
      vec[v++] = covariateWindow[c]!;
    } else {
      vec[v++] = atTarget - covariateWindow[c]!;
      vec[v++] = atTarget - atLag;
      vec[v++] = atTarget - z(c, t);
    }
  }
}

function writeCalendar(calendar: Calendar, index: number, vec: Float32Array, v: number): number {
  const day = periodDay(calendar, index);
  const date = new Date(day * DAY_MS);
  const yearStart = yearStartDay(day);
  // Middle of the period, so a week or month is placed where most of it lies in the year.
  const span = calendar.monthly ? 30.4 * calendar.step : calendar.step;
  const yearFraction = (day - yearStart + (span - 1) / 2) / 365.25;
  if (calendar.frequency === "daily") {
    const weekday = date.getUTCDay();
    for (let d = 0; d < 7; d++) vec[v++] = d === weekday ? 1 : 0;
  }
  for (const harmonic of [1, 2]) {
    vec[v++] = Math.sin(2 * Math.PI * harmonic * yearFraction);
    vec[v++] = Math.cos(2 * Math.PI * harmonic * yearFraction);
  }
  return v;
}

/** Mean and standard deviation of each vector feature over `count` windows (std floored so constants stay 0). */
export function vectorStatistics(vec: Float32Array, count: number, width: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (let r = 0; r < count; r++) {
    for (let f = 0; f < width; f++) {
      const x = vec[r * width + f]!;
      mean[f]! += x;
      sq[f]! += x * x;
    }
  }
  const std = mean.map((s, f) => {
    const m = s / Math.max(1, count);
    mean[f] = m;
    const variance = sq[f]! / Math.max(1, count) - m * m;
    return variance > 1e-10 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}

export function standardise(vec: Float32Array, count: number, spec: FeatureSpec): void {
  const width = spec.vecWidth;
  for (let r = 0; r < count; r++) {
    for (let f = 0; f < width; f++) vec[r * width + f] = (vec[r * width + f]! - spec.vecMean[f]!) / spec.vecStd[f]!;
  }
}

/** Windows as the model's two inputs: [count, lags, seqWidth] and [count, vecWidth]. */
export function windowTensors(spec: FeatureSpec, seq: Float32Array, vec: Float32Array, count: number): [tf.Tensor3D, tf.Tensor2D] {
  return [
    tf.tensor3d(seq.subarray(0, count * spec.lags * spec.seqWidth), [count, spec.lags, spec.seqWidth]),
    tf.tensor2d(vec.subarray(0, count * spec.vecWidth), [count, spec.vecWidth]),
  ];
}
