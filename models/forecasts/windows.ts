import { absolutePrefix, scaleAt, writeWindow, type FeatureSpec, type SeriesInput } from "./features";
import type { SeriesHistory } from "./series";

/**
 * Chooses forecast windows (series, origin, horizon) and writes their features. Only uncensored, observed targets
 * become training targets: a stockout's zero is not zero demand. When there are more candidate windows than the
 * budget, a seeded uniform subsample is kept (every series and horizon stays represented in proportion).
 */

export type PreparedSeries = SeriesInput & { id: string; values: Float64Array; prefix: Float64Array };

export type WindowSet = {
  count: number;
  seq: Float32Array;
  vec: Float32Array;
  /** Target divided by the window's scale (NaN for windows built for prediction). */
  target: Float32Array;
  scale: Float32Array;
  /** Which series, origin and horizon each window is. */
  series: Int32Array;
  origin: Int32Array;
  horizon: Int32Array;
};

export function prepareSeries(history: SeriesHistory): PreparedSeries {
  return {
    id: history.id,
    start: history.start,
    filled: history.filled,
    censored: history.censored,
    covariates: history.covariates,
    values: history.values,
    prefix: absolutePrefix(history.filled),
  };
}

/** Per series: origins [from, to] and the last target index allowed (all local to the series). */
export type WindowPlan = { from: number; to: number; lastTarget: number }[];

export function selectWindows(
  series: PreparedSeries[],
  plan: WindowPlan,
  horizon: number,
  maxWindows: number,
  random: () => number,
): { series: Int32Array; origin: Int32Array; horizon: Int32Array } {
  const eligible = (s: PreparedSeries, t: number, h: number) => s.censored[t + h] === 0;
  let total = 0;
  series.forEach((s, i) => {
    const { from, to, lastTarget } = plan[i]!;
    for (let t = Math.max(0, from); t <= to; t++) {
      for (let h = 1; h <= horizon && t + h <= lastTarget; h++) if (eligible(s, t, h)) total++;
    }
  });
  const keep = Math.min(1, maxWindows / Math.max(1, total));
  const picked: number[] = [];
  series.forEach((s, i) => {
    const { from, to, lastTarget } = plan[i]!;
    for (let t = Math.max(0, from); t <= to; t++) {
      for (let h = 1; h <= horizon && t + h <= lastTarget; h++) {
        if (eligible(s, t, h) && (keep === 1 || random() < keep)) picked.push(i, t, h);
      }
    }
  });
  const n = picked.length / 3;
  const out = { series: new Int32Array(n), origin: new Int32Array(n), horizon: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    out.series[k] = picked[3 * k]!;
    out.origin[k] = picked[3 * k + 1]!;
    out.horizon[k] = picked[3 * k + 2]!;
  }
  return out;
}

/** Writes the features of chosen windows (raw, before standardisation). Targets are NaN past the history. */
export function buildWindows(spec: FeatureSpec, series: PreparedSeries[], chosen: { series: Int32Array; origin: Int32Array; horizon: Int32Array }): WindowSet {
  const count = chosen.series.length;
  const seqSize = spec.lags * spec.seqWidth;
  const set: WindowSet = {
    count,
    seq: new Float32Array(count * seqSize),
    vec: new Float32Array(count * spec.vecWidth),
    target: new Float32Array(count),
    scale: new Float32Array(count),
    ...chosen,
  };
  for (let k = 0; k < count; k++) {
    const s = series[chosen.series[k]!]!;
    const t = chosen.origin[k]!;
    const h = chosen.horizon[k]!;
    const scale = scaleAt(s.prefix, t, spec.lags);
    writeWindow(spec, s, t, h, scale, set.seq, k * seqSize, set.vec, k * spec.vecWidth);
    set.scale[k] = scale;
    set.target[k] = t + h < s.values.length ? s.values[t + h]! / scale : Number.NaN;
  }
  return set;
}
