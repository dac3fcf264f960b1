import { groupBy } from "../group";
import type * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "../backend";
import { throwIfCancelled, TaskInputError, type FitContext } from "../task";
import { trainingStop, type TrainingStop } from "../training-stop";
import {
  backtestOrigins,
  baselineBacktest,
  networkForecasts,
  perSeriesBacktest,
  recordKey,
  summarise,
  type BacktestSummary,
  type RecentBacktest,
  type SeriesBacktest,
} from "./backtest";
import { fitBaselines, type BaselineParams } from "./baselines";
import { defaultLags, makeFeatureSpec, standardise, vectorStatistics, type FeatureSpec } from "./features";
import type { Architecture } from "./model";
import { mulberry32 } from "../random";
import type { ModelChoice } from "../choices";
import { describeChoices } from "./describe";
import { choiceOf, classifySegment, resolveChoice, scoreCandidate, selectBySegment, type BacktestRecord, type Model, type SegmentName, type Selection } from "./selection";
import { layoutSeries, type SeriesHistory, type SeriesLayout } from "./series";
import { defaultNetworkOptions, trainNetwork, type NetworkOptions } from "./train-network";
import type { ForecastTrainRow, QuantileForecast } from "./types";
import { buildWindows, prepareSeries, selectWindows, type PreparedSeries, type WindowPlan } from "./windows";

export type { BacktestSummary, RecentBacktest, SeriesBacktest } from "./backtest";

/**
 * Fitting the forecaster:
 * 1. lay the rows out as regular series (frequency and seasonal periods detected, censored periods imputed);
 * 2. rolling-origin backtest: origins at H, H + s and H + 2s periods before each series' end (s = ceil(H/2)); a
 *    network trained only on targets before the earliest origin (early-stopped on the periods just before it) and
 *    the baselines fitted on the history up to each origin forecast the next H periods;
 * 3. per demand segment, the candidate (model or blend) with the lowest backtest MASE wins, and its P10-P90 band
 *    is calibrated on the backtest residuals;
 * 4. the backtest network is fine-tuned on the whole history (a few epochs, early-stopped on targets of the last H
 *    periods) and the baselines are refitted on the whole history.
 * With architecture "auto" both an MLP and an LSTM are trained in step 2 and the lower backtest MASE is kept.
 * Series shorter than max(lags, H) never use the network (a baseline forecasts them).
 */

export type ForecastOptions = {
  /**
   * Periods ahead the network is trained and backtested for. Default: 13 weeks' worth at the data's frequency
   * (91 days, 13 weeks, 12 months), at most a quarter of the typical series length. Test dates further ahead are
   * still forecast.
   */
  horizon?: number;
  /** "auto" trains both in the backtest and keeps the one with the lower MASE. */
  architecture?: Architecture | "auto";
  network?: Partial<Omit<NetworkOptions, "architecture">>;
  /** Cap on training windows per network fit (a seeded subsample beyond it). */
  maxWindows?: number;
  /** Epoch cap of the final fine-tuning on the whole history (0 = forecast with the backtest network). */
  finalEpochs?: number;
};

export type ForecastModel = {
  layout: SeriesLayout;
  /** Feature layout and standardisation of the network; null when no network was trained. */
  spec: FeatureSpec | null;
  network: tf.LayersModel | null;
  architecture: Architecture;
  series: SeriesHistory[];
  baselines: BaselineParams[];
  segments: SegmentName[];
  /** Whether each series is long enough for the network (and a network exists). */
  neural: boolean[];
  selection: Selection;
  /**
   * Per series whose segment chose a per-series strategy (best-k): its own models and blend weights, ranked on its
   * backtest; null otherwise. Absent in models saved before strategies existed.
   */
  seriesBlend?: ({ members: Model[]; weights: number[] } | null)[];
  /** What was chosen and why, in words (models/choices.ts); absent in models saved before it was recorded. */
  choices?: ModelChoice[];
  /** Backtest metrics of every candidate pooled over all series (before band calibration), for reports. */
  backtest: BacktestSummary;
  /** Per series, the backtest of the choice that forecasts it (calibrated band); null when nothing was scorable. */
  seriesBacktest: (SeriesBacktest | null)[];
  /** Per series, the latest backtest origin's calibrated forecast of the next H periods beside the actuals. */
  recentBacktest: (RecentBacktest | null)[];
  training: {
    rows: number;
    seconds: number;
    epochs: number;
    windows: number;
    architectureScores: Partial<Record<Architecture, number>>;
    /** Why the shipped network's training ended (absent without a network, and in models saved before it). */
    stop?: TrainingStop;
  };
};

const MIN_TRAINING_WINDOWS = 200;

// Issue 13: 16k windows (not 60k), 20 epochs at patience 3 (not 40 at 5) and a 2-epoch fine-tune (not 12) cut the fit
// 2.5-6 x on the bench (Walmart, synthetic, demo store x1 and x4), MASE within +-0.04 of the slow settings and below
// every statistical baseline; 24k windows with a 3-epoch fine-tune was slower and no better in the same run.
export const defaultForecastOptions = { maxWindows: 16_000, finalEpochs: 2 };

export function primaryPeriod(layout: SeriesLayout): number {
  return layout.periods[0] ?? 1;
}

export async function fitForecaster(rows: ForecastTrainRow[], ctx: FitContext, options: ForecastOptions = {}): Promise<ForecastModel> {
  const started = performance.now();
  await ensureBackend();
  ctx.onProgress({ stage: "prepare", fraction: 0 });
  const { layout, series } = layoutSeries(rows, { horizon: options.horizon });
  if (!(Number.isInteger(layout.horizon) && layout.horizon >= 1)) throw new TaskInputError(`horizon must be a whole number of periods >= 1, got ${layout.horizon}`);
  const H = layout.horizon;
  const m = primaryPeriod(layout);
  const lags = defaultLags(layout.calendar);
  const prepared = series.map(prepareSeries);
  const neural = series.map((s) => s.values.length >= Math.max(lags, H));
  const segments = series.map((s) => classifySegment(s.values, s.censored));
  const networkOptions = { ...defaultNetworkOptions, ...options.network };
  const maxWindows = options.maxWindows ?? defaultForecastOptions.maxWindows;
  const finalEpochs = options.finalEpochs ?? defaultForecastOptions.finalEpochs;
  const baseSpec = makeFeatureSpec({ calendar: layout.calendar, periods: layout.periods, horizon: H, lags, ...covariateStatistics(series) });
  const origins = backtestOrigins(series, H, Math.max(4, Math.ceil(lags / 2)));
  const earliest = origins.map((o, i) => o[o.length - 1] ?? series[i]!.values.length - 1 - H);

  // 1. Backtest networks, trained on targets before each series' earliest origin.
  const architectures: Architecture[] = options.architecture === "auto" ? ["mlp", "lstm"] : [options.architecture ?? networkOptions.architecture];
  const trainedByArchitecture = new Map<Architecture, { network: tf.LayersModel; spec: FeatureSpec; stop: TrainingStop; forecasts: Map<string, QuantileForecast> }>();
  let stop: TrainingStop | undefined;
  let epochs = 0;
  let windowsUsed = 0;
  try {
    for (const [a, architecture] of architectures.entries()) {
      const share = 0.6 / architectures.length;
      const trained = await trainOnHistory(baseSpec, prepared, neural, earliest, { ...networkOptions, architecture }, maxWindows, ctx, {
        stage: `backtest ${architecture}`,
        from: 0.02 + share * a,
        to: 0.02 + share * (a + 1),
      });
      if (!trained) continue;
      epochs += trained.epochs;
      windowsUsed = trained.windows;
      trainedByArchitecture.set(architecture, { ...trained, forecasts: networkForecasts(trained.network, trained.spec, prepared, neural, origins, H) });
    }
    throwIfCancelled(ctx.signal);

    // 2. Baselines at every origin, the architecture with the lower backtest MASE, per-segment choice and bands.
    ctx.onProgress({ stage: "backtest baselines", fraction: 0.62 });
    const records = baselineBacktest(series, origins, m, H);
    const architectureScores: Partial<Record<Architecture, number>> = {};
    for (const [name, { forecasts }] of trainedByArchitecture) {
      const scored = records.flatMap((r) => {
        const network = forecasts.get(recordKey(r));
        return network ? [{ ...r, members: { ...r.members, network } }] : [];
      });
      architectureScores[name] = scoreCandidate(scored, ["network"])?.mase ?? Number.POSITIVE_INFINITY;
    }
    const architecture = [...trainedByArchitecture.keys()].reduce<Architecture>(
      (best, name) => ((architectureScores[name] ?? Infinity) < (architectureScores[best] ?? Infinity) ? name : best),
      architectures[0]!,
    );
    const winner = trainedByArchitecture.get(architecture);
    for (const r of records) {
      const f = winner?.forecasts.get(recordKey(r));
      if (f) r.members.network = f;
    }
    const selection = selectBySegment(records, (i) => segments[i]!, { nonNegative: layout.nonNegative });
    const backtest = summarise(records);
    throwIfCancelled(ctx.signal);

    // 3. The winning network fine-tuned on the whole history (its last H periods early-stop it).
    let network: tf.LayersModel | null = null;
    let spec: FeatureSpec | null = null;
    // Recorded even when the baselines win: a network cut short by its cap may have lost the selection for it.
    stop = winner?.stop;
    const bySeries = groupBy(records, (r) => r.series);
    if (winner && usesNetwork(selection, segments, neural, bySeries)) {
      network = winner.network;
      spec = winner.spec;
      if (finalEpochs > 0) {
        const lastIndex = series.map((s) => s.values.length - 1);
        const tuned = await trainOnHistory(
          winner.spec,
          prepared,
          neural,
          lastIndex,
          { ...networkOptions, architecture, maxEpochs: finalEpochs, patience: Math.min(networkOptions.patience, 3), maxSeconds: networkOptions.maxSeconds / 2 },
          maxWindows,
          ctx,
          { stage: `final ${architecture}`, from: 0.64, to: 0.96 },
          winner.network,
        );
        if (tuned) {
          network = tuned.network;
          // A backtest fit cut by its cap stays the news: the fine-tune only starts from its weights.
          if (!winner.stop.capHit) stop = tuned.stop;
          epochs += tuned.epochs;
          windowsUsed = tuned.windows;
        }
      }
    }
    for (const { network: n } of trainedByArchitecture.values()) if (n !== network) n.dispose();
    trainedByArchitecture.clear();

    ctx.onProgress({ stage: "baselines", fraction: 0.97 });
    const baselines = series.map((s) => fitBaselines(s.filled, s.values.length, m));
    const shippedNeural = neural.map((n) => n && network !== null);
    // Each series' own backtest with the choice that forecasts it (the rule of predict's choiceFor).
    const choices = shippedNeural.map((n, i) => resolveChoice(choiceOf(selection, segments[i]!, n), bySeries.get(i) ?? [], n));
    const seriesBlend = choices.map((c) => (c.strategy ? { members: c.members as Model[], weights: c.weights ?? [1] } : null));
    const { seriesBacktest, recentBacktest } = perSeriesBacktest(records, choices, layout.nonNegative);
    ctx.onProgress({ stage: "done", fraction: 1 });
    return {
      layout,
      spec,
      network,
      architecture,
      series,
      baselines,
      segments,
      neural: shippedNeural,
      selection,
      seriesBlend,
      choices: describeChoices({ selection, segments, choices, neural: shippedNeural, network: network !== null, architecture, architectureScores }),
      backtest,
      seriesBacktest,
      recentBacktest,
      training: { rows: rows.length, seconds: (performance.now() - started) / 1000, epochs, windows: windowsUsed, architectureScores, ...(stop ? { stop } : {}) },
    };
  } finally {
    // On failure or cancellation nothing trained may leak.
    for (const { network: n } of trainedByArchitecture.values()) n.dispose();
  }
}

/** Whether any series long enough for the network would be forecast with it (after resolving per-series strategies). */
function usesNetwork(selection: Selection, segments: SegmentName[], neural: boolean[], bySeries: Map<number, BacktestRecord[]>): boolean {
  return neural.some((n, i) => n && resolveChoice(choiceOf(selection, segments[i]!, true), bySeries.get(i) ?? [], true).members.includes("network"));
}

/** Mean and standard deviation of each covariate over every training period (std 1 for constants), and which are 0/1 flags. */
function covariateStatistics(series: SeriesHistory[]): { covariateMean: number[]; covariateStd: number[]; covariateBinary: boolean[] } {
  const count = series[0]?.covariates.length ?? 0;
  const covariateMean: number[] = [];
  const covariateStd: number[] = [];
  const covariateBinary: boolean[] = [];
  for (let c = 0; c < count; c++) {
    let sum = 0;
    let sq = 0;
    let n = 0;
    let binary = true;
    for (const s of series) {
      for (const v of s.covariates[c]!) {
        sum += v;
        sq += v * v;
        n++;
        if (v !== 0 && v !== 1) binary = false;
      }
    }
    const mean = n > 0 ? sum / n : 0;
    const variance = n > 0 ? sq / n - mean * mean : 0;
    covariateMean.push(binary ? 0 : mean);
    covariateStd.push(binary || variance <= 1e-12 ? 1 : Math.sqrt(variance));
    covariateBinary.push(binary);
  }
  return { covariateMean, covariateStd, covariateBinary };
}

/**
 * Trains a network on targets up to `cutoff` (local index per series): windows whose targets fall in the last H
 * periods before the cutoff are the validation slice, earlier ones the training set. With `warmStart` the new network
 * starts from its weights (and keeps `baseSpec`'s standardisation).
 */
async function trainOnHistory(
  baseSpec: FeatureSpec,
  prepared: PreparedSeries[],
  neural: boolean[],
  cutoff: number[],
  networkOptions: NetworkOptions,
  maxWindows: number,
  ctx: FitContext,
  progress: { stage: string; from: number; to: number },
  warmStart?: tf.LayersModel,
): Promise<{ network: tf.LayersModel; spec: FeatureSpec; epochs: number; windows: number; stop: TrainingStop } | null> {
  const H = baseSpec.horizon;
  const firstOrigin = Math.max(0, Math.ceil(baseSpec.lags / 2) - 1);
  const trainPlan: WindowPlan = prepared.map((_, i) => {
    const last = neural[i] ? cutoff[i]! - H : -1;
    return { from: firstOrigin, to: last - 1, lastTarget: last };
  });
  const validationPlan: WindowPlan = prepared.map((_, i) => {
    const last = neural[i] ? cutoff[i]! : -1;
    return { from: Math.max(firstOrigin, last - H), to: last - 1, lastTarget: last };
  });
  const trainChoice = selectWindows(prepared, trainPlan, H, maxWindows, mulberry32(ctx.seed));
  if (trainChoice.series.length < MIN_TRAINING_WINDOWS) return null;
  const validationChoice = selectWindows(prepared, validationPlan, H, Math.max(2000, Math.round(maxWindows / 6)), mulberry32(ctx.seed + 1));
  const spec: FeatureSpec = { ...baseSpec };
  const train = buildWindows(spec, prepared, trainChoice);
  // A warm start keeps the standardisation its weights were trained with.
  if (!warmStart) {
    const stats = vectorStatistics(train.vec, train.count, spec.vecWidth);
    spec.vecMean = stats.mean;
    spec.vecStd = stats.std;
  }
  standardise(train.vec, train.count, spec);
  const validation = buildWindows(spec, prepared, validationChoice);
  standardise(validation.vec, validation.count, spec);
  const trained = await trainNetwork(spec, train, validation, networkOptions, ctx, progress, warmStart);
  const stop = trainingStop({
    stoppedBy: trained.stoppedBy,
    capSeconds: networkOptions.maxSeconds,
    maxEpochs: networkOptions.maxEpochs,
    epochsRun: trained.epochsRun,
    bestEpoch: trained.bestEpoch,
  });
  return { network: trained.network, spec, epochs: trained.epochsRun, windows: train.count, stop };
}

