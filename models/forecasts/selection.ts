import { groupBy } from "../group";
import { quantileOfSorted, type BaselineName } from "./baselines";
import type { QuantileForecast } from "./types";

/**
 * Model choice from a rolling-origin backtest: candidates (each model alone and a few equal-weight blends, which
 * average the members' quantiles: Vincentization, Ratcliff 1979) are scored by MASE per series, averaged per demand
 * segment, and the lowest wins per segment. Segments follow Syntetos, Boylan & Croston (2005): smooth, erratic,
 * intermittent, lumpy, cut at ADI 1.32 and CV^2 0.49. Then the winner's band is calibrated on the same backtest
 * (split conformal, Romano et al. 2019, applied as a width scaling): P10 and P90 are moved away from (or towards)
 * P50 by the factors that leave at most 10 % of backtest actuals below and 10 % above, with the finite-sample rank
 * counted in scored points (calibrateBand). P50 never moves.
 */

export type Model = "network" | BaselineName;
/**
 * Per-series strategies: each series blends its own k best models (k = 1, 2, 3) by their backtest MASE, weighted
 * by inverse MASE. In the backtest a strategy's forecast at one origin ranks the models on the series' other origins
 * only (cross-validated), so its score is honest next to the fixed candidates; the shipped model ranks them on every
 * origin (seriesBlend).
 */
export type Strategy = "best-1" | "best-2" | "best-3";
export type Member = Model | Strategy;
export const strategies: readonly Strategy[] = ["best-1", "best-2", "best-3"];
export const isStrategy = (m: string): m is Strategy => (strategies as readonly string[]).includes(m);
export type SegmentName = "smooth" | "erratic" | "intermittent" | "lumpy";
export const segmentNames: readonly SegmentName[] = ["smooth", "erratic", "intermittent", "lumpy"];

export const candidates: readonly Member[][] = [
  ["network"],
  ["holt-winters"],
  ["ets"],
  ["seasonal-naive"],
  ["tsb"],
  ["network", "holt-winters"],
  ["network", "ets"],
  ["network", "seasonal-naive"],
  ["network", "tsb"],
  ["holt-winters", "ets"],
  ["holt-winters", "seasonal-naive"],
  ["ets", "seasonal-naive"],
  ["holt-winters", "tsb"],
  ["ets", "tsb"],
  ["network", "holt-winters", "ets"],
  ["network", "holt-winters", "seasonal-naive"],
  ["network", "ets", "seasonal-naive"],
  ["best-1"],
  ["best-2"],
  ["best-3"],
];

export const candidateName = (members: readonly Member[]): string => members.join("+");

/** One backtest origin of one series: actuals (NaN where censored or missing, so never scored) and each member's forecast. */
export type BacktestRecord = {
  series: number;
  /** Local index of the last period the forecast saw. */
  origin: number;
  actual: Float64Array;
  members: Partial<Record<Member, QuantileForecast>>;
  /** In-sample MAE of the seasonal naive forecast before the first origin: the series' MASE denominator. */
  scale: number;
  /**
   * Calendar index of the series' local period 0 (SeriesHistory.start), so records of different series that forecast
   * the same calendar period can be told apart in calibration; 0 when unknown.
   */
  start?: number;
};

/** How a band was calibrated: recorded with the choice (saved in the model's metadata; absent in older models). */
export type BandCalibration = {
  /** Quantile level of the edge factors (per tail); 1 - level is the share of backtest actuals left outside each edge. */
  level: number;
  /** Scored backtest points (the conformal n) and the distinct target periods they span. */
  points: number;
  periods: number;
  /** P10-P90 coverage of the backtest with the model's own band (factors 1); the calibrated band's is the choice's backtest.coverage. */
  rawCoverage: number;
};

export type Choice = {
  members: Member[];
  /** Blend weights of the members (sum 1); absent: equal weights. */
  weights?: number[];
  name: string;
  lowScale: number;
  highScale: number;
  /** Absent in models saved before it was recorded (their factors were fitted at a fixed level of 0.915). */
  calibration?: BandCalibration;
  /** Backtest metrics of the choice, after calibration for coverage. */
  backtest: { mase: number; wape: number; bias: number; coverage: number; series: number };
  /** Backtest MASE of every candidate compared (absent in models saved before it was recorded): why this one won. */
  scores?: Record<string, number>;
  /** The per-series strategy a series' own members came from (set on a series' resolved choice only). */
  strategy?: Strategy;
};

export type Selection = Record<SegmentName, { withNetwork: Choice; baselineOnly: Choice }>;

export function classifySegment(values: Float64Array, censored: Uint8Array): SegmentName {
  const sizes: number[] = [];
  let observed = 0;
  for (let t = 0; t < values.length; t++) {
    if (censored[t] === 1) continue;
    observed++;
    if (values[t]! > 0) sizes.push(values[t]!);
  }
  if (sizes.length === 0) return "lumpy";
  const adi = observed / sizes.length;
  const mean = sizes.reduce((s, v) => s + v, 0) / sizes.length;
  const variance = sizes.reduce((s, v) => s + (v - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  if (adi < 1.32) return cv2 < 0.49 ? "smooth" : "erratic";
  return cv2 < 0.49 ? "intermittent" : "lumpy";
}

/** Averages the members' quantiles, with `weights` (sum 1) or equally. */
export function blend(forecasts: QuantileForecast[], weights?: readonly number[]): QuantileForecast {
  const length = forecasts[0]?.p50.length ?? 0;
  const out: QuantileForecast = { p10: new Float64Array(length), p50: new Float64Array(length), p90: new Float64Array(length) };
  forecasts.forEach((f, k) => {
    const w = weights?.[k] ?? 1 / forecasts.length;
    for (let h = 0; h < length; h++) {
      out.p10[h]! += w * f.p10[h]!;
      out.p50[h]! += w * f.p50[h]!;
      out.p90[h]! += w * f.p90[h]!;
    }
  });
  return out;
}

/** Applies calibrated band factors, keeps the quantiles ordered and, for demand, non-negative. */
export function calibrated(forecast: QuantileForecast, lowScale: number, highScale: number, nonNegative: boolean): QuantileForecast {
  const length = forecast.p50.length;
  const out: QuantileForecast = { p10: new Float64Array(length), p50: new Float64Array(length), p90: new Float64Array(length) };
  for (let h = 0; h < length; h++) {
    const [lo, mid, hi] = [forecast.p10[h]!, forecast.p50[h]!, forecast.p90[h]!].sort((a, b) => a - b) as [number, number, number];
    const floor = nonNegative ? 0 : Number.NEGATIVE_INFINITY;
    const p50 = Math.max(floor, mid);
    out.p50[h] = p50;
    out.p10[h] = Math.min(p50, Math.max(floor, mid - lowScale * (mid - lo)));
    out.p90[h] = Math.max(p50, Math.max(floor, mid + highScale * (hi - mid)));
  }
  return out;
}

/**
 * The choice that forecasts a series: its segment's choice with the network when the series is long enough for a
 * shipped network, the baseline-only one otherwise.
 */
export function choiceOf(selection: Selection, segment: SegmentName, withNetwork: boolean): Choice {
  return withNetwork ? selection[segment].withNetwork : selection[segment].baselineOnly;
}

/** A record's forecast by a candidate (the members' quantiles averaged), undefined when a member has none. */
export function forecastOf(record: BacktestRecord, members: readonly Member[], weights?: readonly number[]): QuantileForecast | undefined {
  const parts = members.map((m) => record.members[m]);
  if (parts.some((p) => p === undefined)) return undefined;
  if (parts.length === 1 && !weights) return parts[0];
  return blend(parts as QuantileForecast[], weights);
}

/**
 * Band factors from the backtest (split conformal on the normalised residuals): for each scored actual, the factor at
 * which it would sit exactly on P10 (resp. P90); the factors are the `level` quantiles of those, clamped to [0.3, 6].
 * The level is the split-conformal finite-sample rank, (1 - tail)(1 + 1/n), with n the number of scored points. Counting
 * distinct target periods instead (series over the same weeks share shocks) was tried and over-covered: Walmart
 * weekly 0.92, synthetic 0.83, against 0.88 and 0.76 with n = points; every bench set stays within 70-90 % with
 * points. At most 5 % is left outside each edge. Backtests with fewer than 20 points keep the model's own band.
 */
export function calibrateBand(records: BacktestRecord[], members: readonly Member[], tail = 0.1, weights?: readonly number[]): { lowScale: number; highScale: number; calibration?: BandCalibration } {
  const low: number[] = [];
  const high: number[] = [];
  const periods = new Set<number>();
  let rawInside = 0;
  const HUGE = 1e9;
  for (const record of records) {
    const f = forecastOf(record, members, weights);
    if (!f) continue;
    record.actual.forEach((a, h) => {
      if (Number.isNaN(a)) return;
      const [lo, mid, hi] = [f.p10[h]!, f.p50[h]!, f.p90[h]!].sort((x, y) => x - y) as [number, number, number];
      // The factor at which this actual would sit exactly on the band's edge.
      low.push(mid - lo > 1e-12 ? (mid - a) / (mid - lo) : a < mid ? HUGE : -HUGE);
      high.push(hi - mid > 1e-12 ? (a - mid) / (hi - mid) : a > mid ? HUGE : -HUGE);
      periods.add((record.start ?? 0) + record.origin + h + 1);
      if (a >= lo && a <= hi) rawInside++;
    });
  }
  if (low.length < 20) return { lowScale: 1, highScale: 1 };
  low.sort((a, b) => a - b);
  high.sort((a, b) => a - b);
  const level = Math.min(0.95, (1 - tail) * (1 + 1 / low.length));
  const clamp = (v: number) => Math.min(6, Math.max(0.3, v));
  return {
    lowScale: clamp(quantileOfSorted(low, level)),
    highScale: clamp(quantileOfSorted(high, level)),
    calibration: { level, points: low.length, periods: periods.size, rawCoverage: rawInside / low.length },
  };
}

/** Backtest metrics of a candidate over records: mean per-series MASE, pooled WAPE and bias, P10-P90 coverage. */
export function scoreCandidate(
  records: BacktestRecord[],
  members: readonly Member[],
  band: { lowScale: number; highScale: number; weights?: readonly number[] } = { lowScale: 1, highScale: 1 },
  nonNegative = false,
): Choice["backtest"] | undefined {
  const perSeries = new Map<number, { error: number; count: number; scale: number }>();
  let absError = 0;
  let signedError = 0;
  let totalActual = 0;
  let inside = 0;
  let points = 0;
  for (const record of records) {
    const raw = forecastOf(record, members, band.weights);
    if (!raw) continue;
    const f = calibrated(raw, band.lowScale, band.highScale, nonNegative);
    const acc = perSeries.get(record.series) ?? { error: 0, count: 0, scale: record.scale };
    record.actual.forEach((a, h) => {
      if (Number.isNaN(a)) return;
      const e = f.p50[h]! - a;
      acc.error += Math.abs(e);
      acc.count++;
      absError += Math.abs(e);
      signedError += e;
      totalActual += Math.abs(a);
      if (a >= f.p10[h]! && a <= f.p90[h]!) inside++;
      points++;
    });
    perSeries.set(record.series, acc);
  }
  let maseSum = 0;
  let maseCount = 0;
  for (const s of perSeries.values()) {
    if (s.count === 0 || !(s.scale > 0)) continue;
    maseSum += s.error / s.count / s.scale;
    maseCount++;
  }
  if (points === 0) return undefined;
  return {
    mase: maseCount > 0 ? maseSum / maseCount : Number.POSITIVE_INFINITY,
    wape: totalActual > 0 ? absError / totalActual : Number.POSITIVE_INFINITY,
    bias: totalActual > 0 ? signedError / totalActual : 0,
    coverage: inside / points,
    series: perSeries.size,
  };
}

/** Best candidate by backtest MASE among those whose members all have forecasts, calibrated. */
export function chooseCandidate(records: BacktestRecord[], allowed: (members: readonly Member[]) => boolean, nonNegative: boolean): Choice {
  let best: { members: Member[]; mase: number } | undefined;
  const scores: Record<string, number> = {};
  for (const members of candidates) {
    if (!allowed(members)) continue;
    const score = scoreCandidate(records, members);
    if (score) scores[candidateName(members)] = score.mase;
    if (score && (!best || score.mase < best.mase)) best = { members: [...members], mase: score.mase };
  }
  // No scorable backtest (e.g. every series too short): Holt-Winters, which degrades gracefully to a level.
  const members = best?.members ?? ["holt-winters"];
  const band = best ? calibrateBand(records, members) : { lowScale: 1, highScale: 1 };
  const backtest = scoreCandidate(records, members, band, nonNegative) ?? { mase: Number.NaN, wape: Number.NaN, bias: Number.NaN, coverage: Number.NaN, series: 0 };
  return { members, name: candidateName(members), ...band, backtest, scores };
}

/**
 * Per segment: the best candidate over its series' backtest records (pooled over all series when the segment has
 * fewer than `minSeries` of them, to keep the choice stable), with and without the network. The per-series strategies
 * join as candidates: records get their cross-validated forecasts (withStrategies), from the statistical models for
 * the baseline-only choice and from those and the network for the other.
 */
export function selectBySegment(records: BacktestRecord[], segmentOf: (series: number) => SegmentName, options: { nonNegative: boolean; minSeries?: number }): Selection {
  const minSeries = options.minSeries ?? 8;
  const statistical = withStrategies(records, statisticalModels);
  // Candidates with the network are compared on the series the network forecast (long enough ones) only.
  const neural = withStrategies(
    records.filter((r) => r.members.network !== undefined),
    allModels,
  );
  const choose = (keep: (r: BacktestRecord) => boolean) => {
    const baselineOnly = chooseCandidate(statistical.filter(keep), (m) => !m.includes("network"), options.nonNegative);
    const own = neural.filter(keep);
    const withNetwork = own.length > 0 ? chooseCandidate(own, () => true, options.nonNegative) : baselineOnly;
    return { withNetwork, baselineOnly };
  };
  const pooled = choose(() => true);
  const selection = {} as Selection;
  for (const segment of segmentNames) {
    const seriesCount = new Set(records.filter((r) => segmentOf(r.series) === segment).map((r) => r.series)).size;
    selection[segment] = seriesCount >= minSeries ? choose((r) => segmentOf(r.series) === segment) : pooled;
  }
  return selection;
}

export const statisticalModels: readonly Model[] = ["holt-winters", "ets", "seasonal-naive", "tsb"];
export const allModels: readonly Model[] = ["network", ...statisticalModels];

/** The models of `pool` with a forecast in every record (of one series), by MASE over those records, lowest first. */
export function rankModels(records: readonly BacktestRecord[], pool: readonly Model[]): { model: Model; mase: number }[] {
  const ranked: { model: Model; mase: number }[] = [];
  const scale = records[0]?.scale ?? 1;
  for (const model of pool) {
    let error = 0;
    let count = 0;
    let complete = true;
    for (const r of records) {
      const f = r.members[model];
      if (!f) {
        complete = false;
        break;
      }
      r.actual.forEach((a, h) => {
        if (Number.isNaN(a)) return;
        error += Math.abs(f.p50[h]! - a);
        count++;
      });
    }
    if (complete && count > 0) ranked.push({ model, mase: error / count / (scale > 0 ? scale : 1) });
  }
  // Ties (e.g. a flat series every model forecasts exactly) keep the pool's order.
  return ranked.sort((a, b) => a.mase - b.mase);
}

/** One series' k best models by backtest MASE over `records`, weighted by inverse MASE (equal if one is exact). */
export function seriesBlendOf(records: readonly BacktestRecord[], pool: readonly Model[], k: number): { members: Model[]; weights: number[]; mase: number[] } | null {
  const best = rankModels(records, pool).slice(0, k);
  if (best.length === 0) return null;
  const exact = best.some((b) => b.mase < 1e-9);
  const raw = best.map((b) => (exact ? 1 : 1 / b.mase));
  const total = raw.reduce((a, b) => a + b, 0);
  return { members: best.map((b) => b.model), weights: raw.map((w) => w / total), mase: best.map((b) => b.mase) };
}

export const strategySize = (strategy: Strategy): number => Number(strategy.slice("best-".length));

/**
 * Copies of the records with each strategy's forecast added as a member: at each origin, the blend of the series' k
 * best models ranked on its other origins (on the origin itself when it has no other).
 */
export function withStrategies(records: readonly BacktestRecord[], pool: readonly Model[]): BacktestRecord[] {
  const bySeries = groupBy(records, (r) => r.series);
  return records.map((r) => {
    const own = bySeries.get(r.series)!;
    const others = own.length > 1 ? own.filter((o) => o !== r) : own;
    const members = { ...r.members };
    for (const strategy of strategies) {
      const chosen = seriesBlendOf(others, pool, strategySize(strategy));
      const f = chosen && forecastOf(r, chosen.members, chosen.weights);
      if (f) members[strategy] = f;
    }
    return { ...r, members };
  });
}

/**
 * A series' own choice: its segment's, with a per-series strategy resolved into the series' k best models ranked on
 * all its backtest origins (Holt-Winters when it has none). The band factors stay the strategy's.
 */
export function resolveChoice(choice: Choice, seriesRecords: readonly BacktestRecord[], withNetwork: boolean): Choice {
  const only = choice.members.length === 1 ? choice.members[0]! : undefined;
  if (!only || !isStrategy(only)) return choice;
  const chosen = seriesBlendOf(seriesRecords, withNetwork ? allModels : statisticalModels, strategySize(only));
  const members: Model[] = chosen?.members ?? ["holt-winters"];
  return { ...choice, members, weights: chosen?.weights ?? [1], name: candidateName(members), strategy: only };
}
