import { explainFraud, type FraudReason } from "./explain";
import { encodeRows } from "./features";
import { loadFraudModel } from "./persist";
import { anomalyPercentile, checkColumns, scoreEncoded } from "./predict";
import type { FraudFeatures } from "./rows";
import type { FraudModel } from "./types";

/**
 * Serving a fitted fraud model: loading it warm, keeping the one in service loaded (the cache), and the model's part
 * of scoring a batch of payments (scores, anomaly, reasons). No database and no decisions: lib/fraud/scoring.ts says
 * which model serves and lib/fraud/decide.ts turns these numbers into decisions against the thresholds and rules.
 */

/** Loads a fraud model and warms it up with one small batch (wasm compiles its kernels on first use). */
export async function loadScoringModel(dir: string): Promise<FraudModel> {
  const model = await loadFraudModel(dir);
  const needed = [...model.schema.numeric.map((c) => c.name), ...model.schema.categorical.map((c) => c.source)];
  const blank: FraudFeatures = Object.fromEntries(needed.map((name) => [name, null]));
  const rows = Array.from({ length: 4 }, (_, i) => ({ id: `warm-${i}`, features: blank }));
  scoreEncoded(model, encodeRows(model.schema, rows.map((r) => r.features)), { withAnomaly: true });
  explainFraud(model, rows, { top: 3 });
  return model;
}

export function disposeScoringModel(model: FraudModel): void {
  model.classifier.dispose();
  model.autoencoder?.dispose();
}

// ---- the served model (one per process) ---------------------------------------------------------------------

type Served = { key: string; model: FraudModel };
type ServeCache = { current: Served | null; loading: { key: string; promise: Promise<FraudModel> } | null };

// On globalThis, like the database connection, so a dev hot reload does not load the model again.
const globalForServe = globalThis as unknown as { fraudServedModel?: ServeCache };
const cache: ServeCache = (globalForServe.fraudServedModel ??= { current: null, loading: null });

/**
 * The model at `dir` (registry version `version`), loaded once and kept while it is the one asked for. Asked for
 * another (a new champion), it loads that one and disposes the one it replaces: callers take the model when a batch
 * starts and batches run one at a time, so no batch holds the old one then. Concurrent callers share one load; a
 * failed load is not kept (the next call tries again).
 */
export function servedFraudModel(dir: string, version: string | number): Promise<FraudModel> {
  const key = `${version}\n${dir}`;
  if (cache.current?.key === key) return Promise.resolve(cache.current.model);
  if (cache.loading?.key === key) return cache.loading.promise;
  const promise = loadScoringModel(dir).then((model) => {
    const previous = cache.current;
    cache.current = { key, model };
    if (previous) disposeScoringModel(previous.model);
    return model;
  });
  const loading = { key, promise };
  cache.loading = loading;
  const done = () => {
    if (cache.loading === loading) cache.loading = null;
  };
  promise.then(done, done);
  return promise;
}

// ---- one batch through the model ----------------------------------------------------------------------------

export type ServedScores = {
  /** Calibrated fraud probability per row. */
  score: Float64Array;
  /** Where row i's reconstruction error falls among genuine validation payments (0..1); NaN without an autoencoder. */
  anomalyPercentile: (i: number) => number;
  /** The anomaly's own share of row i's log-odds: its blend weight times its standardised log error (0 unblended). */
  anomalyShare: (i: number) => number;
};

/**
 * ONE pass of the networks over all rows (on wasm a batch costs about what a single row does). Throws TaskInputError
 * when the rows lack a column the model was trained on.
 */
export function scoreServed(model: FraudModel, features: readonly FraudFeatures[]): ServedScores {
  // The first row's columns stand for all (they come from one query or one parser).
  checkColumns(model, features.length === 0 ? [] : [{ id: "0", features: features[0]! }]);
  const encoded = encodeRows(model.schema, features);
  const { score, anomalyLogError } = scoreEncoded(model, encoded, { withAnomaly: true });
  const { calibration } = model;
  return {
    score,
    anomalyPercentile: (i) => (anomalyLogError ? anomalyPercentile(model.anomalyReference, anomalyLogError[i]!) : Number.NaN),
    anomalyShare: (i) => calibration.anomalyWeight * (anomalyLogError ? (anomalyLogError[i]! - calibration.anomalyMean) / calibration.anomalySd : 0),
  };
}

/** The top 3 reasons towards fraud of the rows at `indices` (occlusion: about 20 model passes per row). */
export function explainServed(model: FraudModel, features: readonly FraudFeatures[], indices: readonly number[]): FraudReason[][] {
  return explainFraud(
    model,
    indices.map((i) => ({ id: String(i), features: features[i]! })),
    { top: 3, direction: "raises" },
  );
}
