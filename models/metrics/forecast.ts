/**
 * Forecast accuracy. Inputs are aligned arrays of actuals and predictions for one series (or pooled series for WAPE).
 */

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): MAE of the forecast divided by the in-sample MAE of the
 * seasonal naive forecast with period m on the training history. Below 1 beats seasonal naive in-sample.
 */
export function mase(actual: number[], forecast: number[], history: number[], m = 1): number {
  const scale = naiveMae(history, m);
  const mae = meanAbsoluteError(actual, forecast);
  if (scale === 0) return mae === 0 ? 0 : Number.POSITIVE_INFINITY;
  return mae / scale;
}

/** In-sample MAE of the seasonal naive forecast y[t] = y[t-m]: the MASE denominator. Falls back to m = 1 when history is short. */
export function naiveMae(history: number[], m = 1): number {
  const lag = history.length > m ? m : 1;
  let sum = 0;
  let n = 0;
  for (let t = lag; t < history.length; t++) {
    sum += Math.abs(history[t]! - history[t - lag]!);
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

export function meanAbsoluteError(actual: number[], forecast: number[]): number {
  checkAligned(actual, forecast);
  if (actual.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return sum / actual.length;
}

/** Weighted absolute percentage error: sum |a - f| / sum |a|. Robust to zeros in single periods, unlike MAPE. */
export function wape(actual: number[], forecast: number[]): number {
  checkAligned(actual, forecast);
  let err = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    err += Math.abs(actual[i]! - forecast[i]!);
    total += Math.abs(actual[i]!);
  }
  if (total === 0) return err === 0 ? 0 : Number.POSITIVE_INFINITY;
  return err / total;
}

/** Bias as a share of actuals: sum (f - a) / sum |a|. Positive = over-forecasting. */
export function bias(actual: number[], forecast: number[]): number {
  checkAligned(actual, forecast);
  let diff = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    diff += forecast[i]! - actual[i]!;
    total += Math.abs(actual[i]!);
  }
  if (total === 0) return diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY;
  return diff / total;
}

/**
 * Mean pinball (quantile) loss for quantile q (Koenker & Bassett 1978): q * (a - f) when under, (1 - q) * (f - a) when over.
 */
export function quantileLoss(actual: number[], forecast: number[], q: number): number {
  checkAligned(actual, forecast);
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be in (0, 1), got ${q}`);
  if (actual.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const diff = actual[i]! - forecast[i]!;
    sum += diff >= 0 ? q * diff : (q - 1) * diff;
  }
  return sum / actual.length;
}

/** Share of actuals inside [lower, upper] (inclusive). For a P10-P90 band the target is 0.8. */
export function intervalCoverage(actual: number[], lower: number[], upper: number[]): number {
  checkAligned(actual, lower);
  checkAligned(actual, upper);
  if (actual.length === 0) return 0;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return inside / actual.length;
}

export function checkAligned(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
}
