import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBackend } from "../backend";
import { loadLayersModel, readMetadata, saveLayersModel, writeMetadata } from "../io/artifacts";
import type { RecentBacktest, SeriesBacktest } from "./backtest";
import type { BaselineParams } from "./baselines";
import type { Model, SegmentName } from "./selection";
import type { SeriesHistory } from "./series";
import type { ForecastModel } from "./train";

/**
 * A fitted forecaster on disk: network.json + network.weights.bin (when a network was trained), metadata.json
 * (layout, feature standardisation, segment choices and band factors, backtest metrics) and series.json (each
 * series' history, fitted baseline parameters, which forecasting starts from, and its own backtest). Numbers are
 * written in full precision so a loaded model forecasts exactly what the saved one did.
 * Format 2 added each series' backtest metrics and latest-origin forecast; a format 1 model still loads (it forecasts
 * the same), with no per-series backtest. Each choice's `calibration` (level, backtest points and periods, coverage
 * before calibration) is optional within either format: models saved before it was recorded load without it. So are
 * (issue 13) each series' own blend (`blend`, when its segment chose a per-series strategy), the ETS parameters in
 * its baselines, each choice's candidate scores and the model's `choices`: older models never choose ETS or a
 * strategy, so they forecast exactly as before.
 */

const FORMAT = 2;

type PerSeries = "network" | "series" | "baselines" | "segments" | "neural" | "seriesBacktest" | "recentBacktest" | "seriesBlend";
type Metadata = Omit<ForecastModel, PerSeries> & { format: number; task: "forecast"; hasNetwork: boolean };

/** JSON has no Infinity: a metric with nothing to scale by (e.g. WAPE of an all-zero series) is written as null. */
type StoredBacktest = { [K in keyof SeriesBacktest]: number | null };

type StoredSeries = {
  id: string;
  start: number;
  values: (number | null)[];
  censored: number[];
  filled: number[];
  covariates: number[][];
  baselines: BaselineParams;
  segment: SegmentName;
  neural: boolean;
  /** Absent in format 1. */
  backtest?: StoredBacktest | null;
  recent?: RecentBacktest | null;
  /** Absent in models saved before per-series strategies. */
  blend?: { members: Model[]; weights: number[] } | null;
};

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
// scoreCandidate's only non-finite value is +Infinity (MASE or WAPE with nothing to scale by).
const infiniteIfNull = (v: number | null) => v ?? Number.POSITIVE_INFINITY;

export async function saveForecaster(model: ForecastModel, dir: string): Promise<void> {
  const { network, series, baselines, segments, neural, seriesBacktest, recentBacktest, seriesBlend, ...rest } = model;
  if (network) await saveLayersModel(network, dir, "network");
  writeMetadata(dir, { format: FORMAT, task: "forecast", hasNetwork: network !== null, ...rest } satisfies Metadata);
  const stored: StoredSeries[] = series.map((s, i) => ({
    id: s.id,
    start: s.start,
    values: Array.from(s.values, (v) => (Number.isNaN(v) ? null : v)),
    censored: Array.from(s.censored),
    filled: Array.from(s.filled),
    covariates: s.covariates.map((c) => Array.from(c)),
    baselines: baselines[i]!,
    segment: segments[i]!,
    neural: neural[i]!,
    backtest: storedBacktest(seriesBacktest[i] ?? null),
    recent: recentBacktest[i] ?? null,
    blend: seriesBlend?.[i] ?? null,
  }));
  writeFileSync(path.join(dir, "series.json"), JSON.stringify(stored));
}

export async function loadForecaster(dir: string): Promise<ForecastModel> {
  const { format, task: _task, hasNetwork, ...meta } = readMetadata<Metadata>(dir);
  if (format !== FORMAT && format !== 1) throw new Error(`forecast model format ${format} is not supported (expected ${FORMAT})`);
  const stored = JSON.parse(readFileSync(path.join(dir, "series.json"), "utf8")) as StoredSeries[];
  const series: SeriesHistory[] = stored.map((s) => ({
    id: s.id,
    start: s.start,
    values: Float64Array.from(s.values, (v) => (v === null ? Number.NaN : v)),
    censored: Uint8Array.from(s.censored),
    filled: Float64Array.from(s.filled),
    covariates: s.covariates.map((c) => Float64Array.from(c)),
  }));
  return {
    ...meta,
    network: hasNetwork ? await ensureBackend().then(() => loadLayersModel(dir, "network")) : null,
    series,
    baselines: stored.map((s) => s.baselines),
    segments: stored.map((s) => s.segment),
    neural: stored.map((s) => s.neural),
    seriesBacktest: stored.map((s) => loadedBacktest(s.backtest ?? null)),
    recentBacktest: stored.map((s) => s.recent ?? null),
    seriesBlend: stored.map((s) => s.blend ?? null),
  };
}

function storedBacktest(b: SeriesBacktest | null): StoredBacktest | null {
  return b ? { mase: finiteOrNull(b.mase), wape: finiteOrNull(b.wape), bias: finiteOrNull(b.bias), coverage: finiteOrNull(b.coverage) } : null;
}

function loadedBacktest(b: StoredBacktest | null): SeriesBacktest | null {
  return b ? { mase: infiniteIfNull(b.mase), wape: infiniteIfNull(b.wape), bias: infiniteIfNull(b.bias), coverage: infiniteIfNull(b.coverage) } : null;
}
