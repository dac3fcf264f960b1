import * as tf from "@tensorflow/tfjs";
import { TaskInputError } from "../task";
import { finalLogit, sigmoid } from "./calibration";
import { concatInputs, encodeRows, toInputs, type EncodedFraud } from "./features";
import type { FraudTestRow } from "./rows";
import { linearLogits, mixLogits } from "./linear";
import type { FraudModel, FraudPrediction } from "./types";

/**
 * Scoring: rows -> encoded arrays -> big batches through the classifier (and the autoencoder when the final
 * score uses it, or when asked) -> calibrated score. Whole batches go through model.apply: on wasm, predict()
 * with tfjs's default batch of 32 is about a thousand times slower, and even with one large batch predict()
 * measured about 6 times slower than apply() here (it slices and re-joins its inputs).
 */
const CHUNK_ROWS = 131_072;

/** The classifier's logits for an encoding (the mean over ensemble members). */
export function classifierLogits(classifier: tf.LayersModel, encoded: EncodedFraud): Float32Array {
  return inChunks(encoded, (part) =>
    tf.tidy(() => {
      const out = classifier.apply(toInputs(part)) as tf.Tensor2D;
      return out.shape[1] === 1 ? out.reshape([-1]) : out.mean(1);
    }),
  );
}

/** log(mean squared reconstruction error) per row; the log tames the heavy right tail before it is blended. */
export function anomalyLogErrors(autoencoder: tf.LayersModel, encoded: EncodedFraud): Float32Array {
  return inChunks(encoded, (part) =>
    tf.tidy(() => {
      const x = concatInputs(toInputs(part));
      const reconstruction = autoencoder.apply(x) as tf.Tensor;
      return tf.log(reconstruction.sub(x).square().mean(1).add(1e-6));
    }),
  );
}

/** Runs `score` (one value per row) over chunks of at most CHUNK_ROWS rows, so memory stays bounded. */
function inChunks(encoded: EncodedFraud, score: (part: EncodedFraud) => tf.Tensor): Float32Array {
  const out = new Float32Array(encoded.n);
  for (let start = 0; start < encoded.n; start += CHUNK_ROWS) {
    const end = Math.min(encoded.n, start + CHUNK_ROWS);
    const part = start === 0 && end === encoded.n ? encoded : sliceRows(encoded, start, end);
    const values = score(part);
    out.set(values.dataSync() as Float32Array, start);
    values.dispose();
  }
  return out;
}

function sliceRows(encoded: EncodedFraud, start: number, end: number): EncodedFraud {
  const nw = encoded.layout.numericWidth;
  const nc = encoded.n === 0 ? 0 : encoded.categories.length / encoded.n;
  return {
    n: end - start,
    layout: encoded.layout,
    numeric: encoded.numeric.subarray(start * nw, end * nw),
    categories: encoded.categories.subarray(start * nc, end * nc),
  };
}

export type EncodedScores = { logit: Float64Array; score: Float64Array; anomalyLogError: Float32Array | null };

/** The networks, the small-data linear head and calibration: all that scoring needs besides the schema. */
export type FraudScorer = Pick<FraudModel, "classifier" | "autoencoder" | "calibration" | "linear" | "mix">;

/** The logit calibration reads: the network's, or its mix with the linear head on small tables (linear.ts). */
export function mixedLogits(model: Pick<FraudScorer, "classifier" | "linear" | "mix">, encoded: EncodedFraud): Float32Array {
  const mix = model.mix ?? "network";
  const network = classifierLogits(model.classifier, encoded);
  return model.linear && mix !== "network" ? mixLogits(mix, network, linearLogits(model.linear, encoded)) : network;
}

export function scoreEncoded(model: FraudScorer, encoded: EncodedFraud, options: { withAnomaly?: boolean } = {}): EncodedScores {
  const logits = mixedLogits(model, encoded);
  const needAnomaly = model.autoencoder !== null && (model.calibration.anomalyWeight !== 0 || options.withAnomaly === true);
  const anomaly = needAnomaly && model.autoencoder ? anomalyLogErrors(model.autoencoder, encoded) : null;
  const logit = new Float64Array(encoded.n);
  const score = new Float64Array(encoded.n);
  for (let i = 0; i < encoded.n; i++) {
    logit[i] = finalLogit(model.calibration, logits[i]!, anomaly ? anomaly[i]! : model.calibration.anomalyMean);
    score[i] = sigmoid(logit[i]!);
  }
  return { logit, score, anomalyLogError: anomaly };
}

/** Where a log error falls among genuine validation payments, 0..1 (linear between the stored percentiles). */
export function anomalyPercentile(reference: readonly number[], logError: number): number {
  if (reference.length < 2 || Number.isNaN(logError)) return Number.NaN;
  if (logError <= reference[0]!) return 0;
  if (logError >= reference[reference.length - 1]!) return 1;
  let lo = 0;
  let hi = reference.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (reference[mid]! <= logError) lo = mid;
    else hi = mid;
  }
  const span = reference[hi]! - reference[lo]!;
  const within = span > 0 ? (logError - reference[lo]!) / span : 0;
  return (lo + within) / (reference.length - 1);
}

/** Checks that scoring rows carry every column the model reads (a CSV with a renamed column would score blind). */
export function checkColumns(model: FraudModel, rows: readonly FraudTestRow[]): void {
  const first = rows[0];
  if (!first) return;
  const needed = [...model.schema.numeric.map((c) => c.name), ...model.schema.categorical.map((c) => c.source)];
  const missing = [...new Set(needed)].filter((c) => !(c in first.features));
  if (missing.length > 0) throw new TaskInputError(`the rows to score lack column(s) the model was trained on: ${missing.join(", ")}`);
}

export async function predictFraud(model: FraudModel, rows: readonly FraudTestRow[], options: { withAnomaly?: boolean } = {}): Promise<FraudPrediction[]> {
  checkColumns(model, rows);
  const encoded = encodeRows(
    model.schema,
    rows.map((r) => r.features),
  );
  const { score, anomalyLogError } = scoreEncoded(model, encoded, { withAnomaly: options.withAnomaly ?? true });
  return rows.map((row, i) => ({
    id: row.id,
    score: score[i]!,
    anomalyPercentile: anomalyLogError ? anomalyPercentile(model.anomalyReference, anomalyLogError[i]!) : Number.NaN,
    flagged: score[i]! >= model.threshold,
  }));
}
