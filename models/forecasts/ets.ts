import { projectExponentialSmoothing } from "./exponential-forecast";
import { logistic, logit, nelderMead } from "./optimize";
import type { QuantileForecast } from "./types";

/**
 * ETS with automatic model selection over the additive family, as a data scientist's first fit (R forecast::ets,
 * statsmodels ETSModel): (A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A), (A,Ad,A), each fitted by least squares on the
 * one-step errors (the additive-error likelihood), and the one with the lowest AICc kept per series.
 * Error-correction form (Hyndman, Koehler, Ord & Snyder 2008, ch. 2), b = 0 without trend, phi = 1 undamped:
 *
 *   e_t = y_t - (l + phi b + s_{t-m});  l_t = l + phi b + alpha e_t;  b_t = phi b + beta e_t;  s_t = s_{t-m} + gamma e_t
 *
 * Initial states come from the first one or two seasons (as holt-winters.ts; statsmodels' heuristic initialisation),
 * not optimised, so the AICc counts the estimated parameters only: k = smoothing parameters + sigma. The first season,
 * which the initial seasonal states are read from, is left out of every candidate's likelihood (when a seasonal
 * model is possible), so the AICc compare like with like on the same periods. (Counting 51 weekly initial seasonal
 * states as parameters, as ets() does when it optimises them, makes the penalty outweigh any yearly season on three
 * years of weekly data: every series then gets a non-seasonal model, MASE 3.2 on the bench's smooth seasonal set.)
 * Forecast variance as holt-winters.ts (class 1, Table 6.1).
 */

export type EtsTrend = "N" | "A" | "Ad";
export type EtsSeason = "N" | "A";
export type EtsParams = { trend: EtsTrend; season: EtsSeason; alpha: number; beta: number; gamma: number; phi: number; m: number; sigma: number; aicc: number };

export const etsModels: readonly { trend: EtsTrend; season: EtsSeason }[] = [
  { trend: "N", season: "N" },
  { trend: "A", season: "N" },
  { trend: "Ad", season: "N" },
  { trend: "N", season: "A" },
  { trend: "A", season: "A" },
  { trend: "Ad", season: "A" },
];

export const etsLabel = (p: { trend: EtsTrend; season: EtsSeason }) => `ETS(A,${p.trend},${p.season})`;

const EVALUATIONS_PER_DIM = 30;

type Spec = { trend: EtsTrend; season: EtsSeason; m: number };
type Smoothing = { alpha: number; beta: number; gamma: number; phi: number };

function initial(y: ArrayLike<number>, n: number, spec: Spec): { level: number; trend: number; season: Float64Array } {
  const { m } = spec;
  const season = new Float64Array(Math.max(1, m));
  const withTrend = spec.trend !== "N";
  if (spec.season === "A") {
    let first = 0;
    for (let i = 0; i < m; i++) first += y[i]! / m;
    let trend = 0;
    if (withTrend && n >= 2 * m) {
      let second = 0;
      for (let i = m; i < 2 * m; i++) second += y[i]! / m;
      trend = (second - first) / m;
    }
    for (let i = 0; i < m; i++) season[i] = y[i]! - first - trend * (i - (m - 1) / 2);
    return { level: first - (trend * (m + 1)) / 2, trend, season };
  }
  const k = Math.min(n, 4);
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i]! / k;
  const trend = withTrend && n >= 2 * k && k > 0 ? (y[k]! - y[0]!) / k : 0;
  return { level: mean - (trend * (k - 1)) / 2, trend, season };
}

/** Runs the filter over y[0..n); squared errors are summed from `skip` on. */
function filter(y: ArrayLike<number>, n: number, spec: Spec, s: Smoothing, skip: number): { level: number; trend: number; season: Float64Array; sse: number } {
  const state = initial(y, n, spec);
  let { level, trend } = state;
  const season = state.season;
  const seasonal = spec.season === "A";
  const { m } = spec;
  const { alpha, beta, gamma, phi } = s;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const si = seasonal ? t % m : 0;
    const st = seasonal ? season[si]! : 0;
    const error = y[t]! - (level + phi * trend + st);
    if (t >= skip) sse += error * error;
    level = level + phi * trend + alpha * error;
    trend = phi * trend + beta * error;
    if (seasonal) season[si] = st + gamma * error;
  }
  return { level, trend, season, sse };
}

function smoothingFrom(u: number[], spec: Spec): Smoothing {
  const alpha = 0.001 + 0.998 * logistic(u[0]!);
  const beta = spec.trend === "N" ? 0 : alpha * 0.5 * logistic(u[1]!);
  const gamma = spec.season === "A" ? (1 - alpha) * 0.999 * logistic(u[2]!) : 0;
  const phi = spec.trend === "Ad" ? 0.8 + 0.18 * logistic(u[3]!) : spec.trend === "A" ? 1 : 0;
  return { alpha, beta, gamma, phi };
}

function parameterCount(spec: Spec): number {
  return 1 + (spec.trend === "N" ? 0 : 1) + (spec.trend === "Ad" ? 1 : 0) + (spec.season === "A" ? 1 : 0) + 1;
}

/** One ETS model fitted on y[0..n): its smoothing parameters, residual sigma and AICc over the scored periods. */
export function fitEtsModel(y: ArrayLike<number>, n: number, trend: EtsTrend, season: EtsSeason, period: number, skip: number): EtsParams {
  const spec: Spec = { trend, season, m: season === "A" ? period : 1 };
  // Nelder-Mead over the model's free parameters only, one run, its evaluations scaled to their number (six models
  // are fitted per series).
  const free = [0, ...(trend === "N" ? [] : [1]), ...(season === "A" ? [2] : []), ...(trend === "Ad" ? [3] : [])];
  const full = [logit(0.3), logit(0.1), logit(0.1), logit(0.8)];
  const expand = (v: number[]) => {
    const u = [...full];
    free.forEach((k, j) => (u[k] = v[j]!));
    return u;
  };
  const objective = (v: number[]) => filter(y, n, spec, smoothingFrom(expand(v), spec), skip).sse;
  const found = nelderMead(objective, free.map((k) => full[k]!), { maxEvaluations: EVALUATIONS_PER_DIM * (free.length + 1), step: 1 });
  const best = { x: expand(found.x), value: found.value };
  const s = smoothingFrom(best.x, spec);
  const count = Math.max(1, n - skip);
  const sse = Math.max(best.value, 1e-12 * count);
  const k = parameterCount(spec);
  const aicc = count * Math.log(sse / count) + 2 * k + (count - k - 1 > 0 ? (2 * k * (k + 1)) / (count - k - 1) : Number.POSITIVE_INFINITY);
  return { trend, season, ...s, m: spec.m, sigma: Math.sqrt(best.value / count), aicc };
}

/**
 * The ETS model with the lowest AICc on y[0..n). Seasonal models need 1.5 seasons of history and leave enough scored
 * periods for their initial seasonal states (else the additive non-seasonal family only). Under 4 values: (A,N,N).
 */
export function fitEts(y: ArrayLike<number>, n: number, period: number): EtsParams {
  if (n < 4) {
    const sigma = n >= 2 ? Math.abs(y[1]! - y[0]!) : 0;
    return { trend: "N", season: "N", alpha: 0.5, beta: 0, gamma: 0, phi: 0, m: 1, sigma, aicc: Number.POSITIVE_INFINITY };
  }
  const seasonal = period > 1 && n >= 1.5 * period;
  const skip = seasonal ? period : 0;
  let best: EtsParams | undefined;
  for (const model of etsModels) {
    if (model.season === "A" && !seasonal) continue;
    const fitted = fitEtsModel(y, n, model.trend, model.season, period, skip);
    if (!best || fitted.aicc < best.aicc || (!Number.isFinite(best.aicc) && fitted.sigma < best.sigma)) best = fitted;
  }
  return best!;
}

export function forecastEts(y: ArrayLike<number>, n: number, params: EtsParams, horizon: number): QuantileForecast {
  if (n === 0) return { p10: new Float64Array(horizon), p50: new Float64Array(horizon), p90: new Float64Array(horizon) };
  const { phi, m } = params;
  const spec: Spec = { trend: params.trend, season: params.season, m };
  const state = n >= 4 ? filter(y, n, spec, params, n) : { level: levelOf(y, n), trend: 0, season: new Float64Array(1) };
  const trendWeight = (h: number) => (params.trend === "Ad" ? Math.pow(phi, h) : params.trend === "A" ? 1 : 0);
  return projectExponentialSmoothing(state, n, { ...params, seasonal: params.season === "A" && m > 1, trendWeight }, horizon);
}

function levelOf(y: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i]!;
  return n > 0 ? sum / n : 0;
}
