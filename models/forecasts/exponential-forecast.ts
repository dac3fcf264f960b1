import type { QuantileForecast } from "./types";

const Z90 = 1.2815515655446004;

/**
 * The h-step forecast of an additive-error exponential smoothing state, shared by Holt-Winters (holt-winters.ts) and
 * ETS (ets.ts): mean l + (w_1 + ... + w_h) b + s, with w_h the trend's weight at step h (phi^h damped, 1 linear, 0
 * none), and the class-1 variance of Hyndman et al. (2008, Table 6.1): sigma^2 (1 + sum_{j<h} c_j^2),
 * c_j = alpha + beta (w_1 + ... + w_j) + gamma [seasonal and j mod m = 0]. P10/P90 are normal quantiles around it.
 */
export function projectExponentialSmoothing(
  state: { level: number; trend: number; season: ArrayLike<number> },
  n: number,
  params: { alpha: number; beta: number; gamma: number; m: number; sigma: number; seasonal: boolean; trendWeight: (h: number) => number },
  horizon: number,
): QuantileForecast {
  const out: QuantileForecast = { p10: new Float64Array(horizon), p50: new Float64Array(horizon), p90: new Float64Array(horizon) };
  const { alpha, beta, gamma, m, sigma, seasonal, trendWeight } = params;
  let phiH = 0;
  let phiJ = 0;
  let variance = 0;
  for (let h = 1; h <= horizon; h++) {
    phiH += trendWeight(h);
    const s = seasonal ? state.season[(n + h - 1) % m]! : 0;
    const mean = state.level + phiH * state.trend + s;
    if (h > 1) {
      const j = h - 1;
      phiJ += trendWeight(j);
      const c = alpha + beta * phiJ + (seasonal && j % m === 0 ? gamma : 0);
      variance += c * c;
    }
    const spread = Z90 * sigma * Math.sqrt(1 + variance);
    out.p50[h - 1] = mean;
    out.p10[h - 1] = mean - spread;
    out.p90[h - 1] = mean + spread;
  }
  return out;
}
