import { fitEts, forecastEts, type EtsParams } from "./ets";
import { fitHoltWinters, forecastHoltWinters, type HoltWintersParams } from "./holt-winters";
import type { QuantileForecast } from "./types";

/**
 * Per-series statistical baselines. Each reads the first `n` values of a (censoring-imputed) history and forecasts
 * horizons 1..H with P10/P50/P90:
 * - seasonal naive: yhat_{t+h} = y_{t+h-km}, k = ceil(h/m) (naive when m = 1); band from the empirical 10 %/90 %
 *   quantiles of the in-sample seasonal differences, widened by sqrt(k) (Hyndman & Athanasopoulos, FPP3 5.5);
 * - Holt-Winters with a damped trend (holt-winters.ts);
 * - ETS chosen per series by AICc among the additive family (ets.ts);
 * - TSB (Teunter, Syntetos & Babai 2011), Croston's method for intermittent demand with the demand probability
 *   updated every period so obsolescence shows: z <- z + a (y - z) when y > 0, p <- p + b ([y > 0] - p); yhat = p z.
 *   Band from the empirical quantiles of its one-step errors.
 */

export type BaselineName = "seasonal-naive" | "holt-winters" | "ets" | "tsb";
export const baselineNames: readonly BaselineName[] = ["seasonal-naive", "holt-winters", "ets", "tsb"];

export type TsbParams = { alpha: number; beta: number; low: number; high: number };
/**
 * Fitted per-series state needed to forecast again from the same history (saved with the model). `ets` is absent in
 * models saved before it was a candidate (they never choose it; it is refitted if asked for).
 */
export type BaselineParams = { holtWinters: HoltWintersParams; tsb: TsbParams; ets?: EtsParams };

export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

function emptyForecast(horizon: number): QuantileForecast {
  return { p10: new Float64Array(horizon), p50: new Float64Array(horizon), p90: new Float64Array(horizon) };
}

export function forecastSeasonalNaive(y: ArrayLike<number>, n: number, period: number, horizon: number): QuantileForecast {
  const out = emptyForecast(horizon);
  if (n === 0) return out;
  const m = period > 1 && n > period ? period : 1;
  const diffs: number[] = [];
  for (let t = m; t < n; t++) diffs.push(y[t]! - y[t - m]!);
  diffs.sort((a, b) => a - b);
  const low = quantileOfSorted(diffs, 0.1);
  const high = quantileOfSorted(diffs, 0.9);
  for (let h = 1; h <= horizon; h++) {
    const k = Math.ceil(h / m);
    const point = y[n - 1 + h - k * m]!;
    const widen = Math.sqrt(k);
    out.p50[h - 1] = point;
    out.p10[h - 1] = point + Math.min(0, low) * widen;
    out.p90[h - 1] = point + Math.max(0, high) * widen;
  }
  return out;
}

function runTsb(y: ArrayLike<number>, n: number, alpha: number, beta: number, errors?: number[]): { forecast: number; sse: number } {
  let nonzero = 0;
  let size = 0;
  const warm = Math.min(n, 8);
  for (let t = 0; t < warm; t++) {
    if (y[t]! > 0) {
      nonzero++;
      size += y[t]!;
    }
  }
  let probability = warm > 0 ? nonzero / warm : 0;
  size = nonzero > 0 ? size / nonzero : 0;
  if (nonzero === 0) {
    let positive = 0;
    let total = 0;
    for (let t = 0; t < n; t++) {
      if (y[t]! > 0) {
        positive++;
        total += y[t]!;
      }
    }
    size = positive > 0 ? total / positive : 0;
  }
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const error = y[t]! - probability * size;
    sse += error * error;
    errors?.push(error);
    if (y[t]! > 0) {
      size += alpha * (y[t]! - size);
      probability += beta * (1 - probability);
    } else {
      probability -= beta * probability;
    }
  }
  return { forecast: probability * size, sse };
}

export function fitTsb(y: ArrayLike<number>, n: number): TsbParams {
  let best = { alpha: 0.1, beta: 0.05, sse: Number.POSITIVE_INFINITY };
  for (const alpha of [0.05, 0.1, 0.2, 0.3, 0.5]) {
    for (const beta of [0.02, 0.05, 0.1, 0.2, 0.3]) {
      const { sse } = runTsb(y, n, alpha, beta);
      if (sse < best.sse) best = { alpha, beta, sse };
    }
  }
  const errors: number[] = [];
  runTsb(y, n, best.alpha, best.beta, errors);
  errors.sort((a, b) => a - b);
  return { alpha: best.alpha, beta: best.beta, low: quantileOfSorted(errors, 0.1), high: quantileOfSorted(errors, 0.9) };
}

export function forecastTsb(y: ArrayLike<number>, n: number, params: TsbParams, horizon: number): QuantileForecast {
  const out = emptyForecast(horizon);
  const { forecast } = runTsb(y, n, params.alpha, params.beta);
  out.p50.fill(forecast);
  out.p10.fill(forecast + Math.min(0, params.low));
  out.p90.fill(forecast + Math.max(0, params.high));
  return out;
}

export function fitBaselines(y: ArrayLike<number>, n: number, period: number): BaselineParams {
  return { holtWinters: fitHoltWinters(y, n, period), tsb: fitTsb(y, n), ets: fitEts(y, n, period) };
}

export function forecastBaseline(
  name: BaselineName,
  y: ArrayLike<number>,
  n: number,
  period: number,
  params: BaselineParams,
  horizon: number,
): QuantileForecast {
  switch (name) {
    case "seasonal-naive":
      return forecastSeasonalNaive(y, n, period, horizon);
    case "holt-winters":
      return forecastHoltWinters(y, n, params.holtWinters, horizon);
    case "ets":
      return forecastEts(y, n, params.ets ?? fitEts(y, n, period), horizon);
    case "tsb":
      return forecastTsb(y, n, params.tsb, horizon);
  }
}
