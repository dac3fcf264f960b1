import { projectExponentialSmoothing } from "./exponential-forecast";
import { logistic, logit, nelderMead } from "./optimize";
import type { QuantileForecast } from "./types";

/**
 * Holt-Winters exponential smoothing with a damped additive trend and additive seasonality: ETS(A,Ad,A) in the
 * error-correction form of Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing" (2008), ch. 2:
 *
 *   e_t = y_t - (l + phi b + s_{t-m})
 *   l_t = l + phi b + alpha e_t,   b_t = phi b + beta e_t,   s_t = s_{t-m} + gamma e_t
 *   yhat_{t+h} = l_t + (phi + ... + phi^h) b_t + s_{t+h-m(k+1)}
 *
 * with 0 < beta < alpha, 0 < gamma < 1 - alpha, 0.8 <= phi <= 0.98. Parameters minimise the in-sample one-step
 * squared error (Nelder-Mead from two starts). Additive seasonality keeps it defined on series with zeros. With no
 * season (m = 1, or under one and a half cycles of history) it is Holt's damped trend method.
 * Forecast variance (ibid. Table 6.1, class 1): var_h = sigma^2 (1 + sum_{j<h} c_j^2), c_j = alpha + beta phi_j +
 * gamma [j mod m = 0], phi_j = phi + ... + phi^j; P10/P90 are the normal quantiles around the point forecast.
 */

export type HoltWintersParams = { alpha: number; beta: number; gamma: number; phi: number; m: number; sigma: number };

function seasonOf(y: ArrayLike<number>, n: number, m: number): number {
  return m > 1 && n >= 1.5 * m ? m : 1;
}

type State = { level: number; trend: number; season: Float64Array; sse: number; count: number };

function initialState(y: ArrayLike<number>, n: number, m: number): State {
  const season = new Float64Array(Math.max(1, m));
  if (m > 1) {
    let first = 0;
    for (let i = 0; i < m; i++) first += y[i]! / m;
    let trend = 0;
    if (n >= 2 * m) {
      let second = 0;
      for (let i = m; i < 2 * m; i++) second += y[i]! / m;
      trend = (second - first) / m;
    }
    for (let i = 0; i < m; i++) season[i] = y[i]! - first - trend * (i - (m - 1) / 2);
    // The level sits at the middle of the first season; move it back to just before t = 0.
    return { level: first - (trend * (m + 1)) / 2, trend, season, sse: 0, count: 0 };
  }
  const k = Math.min(n, 4);
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i]! / k;
  return { level: mean, trend: 0, season, sse: 0, count: 0 };
}

function runFilter(y: ArrayLike<number>, n: number, params: Omit<HoltWintersParams, "sigma">): State {
  const { alpha, beta, gamma, phi, m } = params;
  const state = initialState(y, n, m);
  let { level, trend } = state;
  const season = state.season;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const si = m > 1 ? t % m : 0;
    const s = m > 1 ? season[si]! : 0;
    const error = y[t]! - (level + phi * trend + s);
    // The first season fits the initial seasonal indices by construction; score only what follows.
    if (t >= m || m === 1) sse += error * error;
    level = level + phi * trend + alpha * error;
    trend = phi * trend + beta * error;
    if (m > 1) season[si] = s + gamma * error;
  }
  return { level, trend, season, sse, count: m > 1 ? Math.max(0, n - m) : n };
}

function paramsFrom(u: number[], m: number): Omit<HoltWintersParams, "sigma"> {
  const alpha = 0.001 + 0.998 * logistic(u[0]!);
  const beta = alpha * 0.5 * logistic(u[1]!);
  const gamma = m > 1 ? (1 - alpha) * 0.999 * logistic(u[2]!) : 0;
  const phi = 0.8 + 0.18 * logistic(u[3]!);
  return { alpha, beta, gamma, phi, m };
}

export function fitHoltWinters(y: ArrayLike<number>, n: number, period: number): HoltWintersParams {
  const m = seasonOf(y, n, period);
  if (n < 3) {
    const sigma = n >= 2 ? Math.abs(y[1]! - y[0]!) : 0;
    return { alpha: 0.5, beta: 0, gamma: 0, phi: 0.9, m: 1, sigma };
  }
  const objective = (u: number[]) => runFilter(y, n, paramsFrom(u, m)).sse;
  const starts = [
    [logit(0.2), logit(0.1), logit(0.1), logit(0.8)],
    [logit(0.6), logit(0.02), logit(0.3), logit(0.5)],
  ];
  let best = { x: starts[0]!, value: Number.POSITIVE_INFINITY };
  for (const start of starts) {
    const result = nelderMead(objective, start, { maxEvaluations: 160, step: 1 });
    if (result.value < best.value) best = result;
  }
  const params = paramsFrom(best.x, m);
  const state = runFilter(y, n, params);
  return { ...params, sigma: Math.sqrt(state.sse / Math.max(1, state.count)) };
}

export function forecastHoltWinters(y: ArrayLike<number>, n: number, params: HoltWintersParams, horizon: number): QuantileForecast {
  if (n === 0) return { p10: new Float64Array(horizon), p50: new Float64Array(horizon), p90: new Float64Array(horizon) };
  const { phi, m } = params;
  return projectExponentialSmoothing(runFilter(y, n, params), n, { ...params, seasonal: m > 1, trendWeight: (h) => Math.pow(phi, h) }, horizon);
}
