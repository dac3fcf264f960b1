import { adamCorrections, adamUpdate } from "../adam";
import { averagePrecision } from "../metrics";
import { autoBatchSize, runEpochs } from "./early-stopping";
import type { EncodedFraud } from "./features";

/**
 * The small-data candidate: a class-weighted L2 logistic regression on the network's own encoding without the
 * piecewise-linear bins (scaled numbers, missing indicators, one-hot categories: the bins multiply the inputs by 8
 * and let a linear model overfit a few dozen frauds; their weights stay 0). With a few dozen frauds a network's extra
 * capacity mostly fits noise, and a linear model can rank held-out frauds better (issue 13: 1,000 payments with 22
 * frauds). train.ts fits it only when the fit slice has few frauds, and keeps the network, this model or the
 * average of both logits, whichever ranks the validation slice best.
 *
 * Kept as plain numbers (JSON in metadata.json, no second weights file): its logit is a dot product.
 */
export type LinearHead = {
  /** One weight per slot of the numeric block, then one per slot of the one-hot block. */
  numericWeights: number[];
  categoryWeights: number[];
  bias: number;
};

/** Which logit feeds calibration: the network's, the linear model's or the mean of both. */
export type ClassifierMix = "network" | "linear" | "average";

export type LinearSettings = { positiveWeight: number; seed: number; l2?: number; fixedEpochs?: number; signal?: AbortSignal };

/**
 * Fits the head on `train`, early-stopped on `validation` average precision (or for fixedEpochs, without it).
 * Minibatch Adam (learning rate 0.01) on the class-weighted logistic loss plus l2 * |w|^2, from zero weights, each
 * epoch in a seeded order (the epoch loop of early-stopping.ts): the algorithm of the tfjs LayersModel it replaces
 * (buildLogisticRegression through trainWithEarlyStopping), in typed-array steps. On ~1,000 rows tfjs spent ~1.2 ms
 * of kernel dispatch per step, and the head is fitted 7 times (validation, 5 folds, all rows): 5.4 of the ULB
 * sample's 13.7 s fit.
 */
export async function fitLinearHead(
  train: { encoded: EncodedFraud; labels: number[] },
  validation: { encoded: EncodedFraud; labels: number[] } | null,
  settings: LinearSettings,
): Promise<{ head: LinearHead; bestEpoch: number }> {
  const l2 = settings.l2 ?? 1e-4;
  const plain = withoutPieces(train.encoded);
  const { n, numeric, categories } = plain;
  const nw = plain.layout.numericWidth;
  const cw = plain.layout.categoricalWidth;
  const nc = n === 0 ? 0 : categories.length / n;
  const width = nw + cw;
  // Kernel (numeric slots, then one-hot slots), then the bias at index `width`.
  const weights = new Float32Array(width + 1);
  const grad = new Float32Array(width + 1);
  const m = new Float32Array(width + 1);
  const v = new Float32Array(width + 1);
  let step = 0;
  const run = await runEpochs<Float32Array>({
    n,
    batchSize: autoBatchSize(n),
    maxEpochs: settings.fixedEpochs ?? 200,
    patience: settings.fixedEpochs ? Infinity : 15,
    maxSeconds: settings.fixedEpochs ? Infinity : 30,
    seed: settings.seed,
    ...(settings.signal ? { signal: settings.signal } : {}),
    // With fixed epochs every epoch "improves", so the last one is kept.
    evaluate: validation ? () => averagePrecision(validation.labels, Array.from(linearLogits(headOf(weights, nw, width), validation.encoded))) : () => performance.now(),
    step: (rows) => {
      for (const r of rows) {
        let z = weights[width]!;
        for (let j = 0; j < nw; j++) z += weights[j]! * numeric[r * nw + j]!;
        for (let j = 0; j < nc; j++) {
          const slot = categories[r * nc + j]!;
          if (slot >= 0 && slot < cw) z += weights[nw + slot]!;
        }
        const y = train.labels[r]!;
        // Mean over the batch of the row's weight (positiveWeight for frauds) times d(log loss)/dz.
        const dz = ((y === 1 ? settings.positiveWeight : 1) * (1 / (1 + Math.exp(-z)) - y)) / rows.length;
        for (let j = 0; j < nw; j++) grad[j]! += dz * numeric[r * nw + j]!;
        for (let j = 0; j < nc; j++) {
          const slot = categories[r * nc + j]!;
          if (slot >= 0 && slot < cw) grad[nw + slot]! += dz;
        }
        grad[width]! += dz;
      }
      for (let j = 0; j < width; j++) grad[j]! += 2 * l2 * weights[j]!;
      const { c1, c2 } = adamCorrections(++step);
      adamUpdate(weights, grad, m, v, LEARNING_RATE, c1, c2);
      return Number.NaN;
    },
    snapshot: () => weights.slice(),
    restore: (saved) => weights.set(saved),
  });
  return { head: headOf(weights, nw, width), bestEpoch: run.bestEpoch };
}

const LEARNING_RATE = 0.01;

/** A copy of the encoding with the piecewise-linear slots zeroed: their weights then stay 0 under L2. */
function withoutPieces(encoded: EncodedFraud): EncodedFraud {
  const { layout } = encoded;
  const slots = layout.pieceOffset.flatMap((start, j) => (start < 0 ? [] : Array.from({ length: layout.pieceCount[j]! }, (_, k) => start + k)));
  if (slots.length === 0) return encoded;
  const numeric = encoded.numeric.slice();
  const nw = layout.numericWidth;
  for (let r = 0; r < encoded.n; r++) for (const slot of slots) numeric[r * nw + slot] = 0;
  return { ...encoded, numeric };
}

function headOf(weights: Float32Array, numericWidth: number, width: number): LinearHead {
  return { numericWeights: Array.from(weights.subarray(0, numericWidth)), categoryWeights: Array.from(weights.subarray(numericWidth, width)), bias: weights[width]! };
}

export function linearLogits(head: LinearHead, encoded: EncodedFraud): Float32Array {
  const nw = encoded.layout.numericWidth;
  const nc = encoded.n === 0 ? 0 : encoded.categories.length / encoded.n;
  const out = new Float32Array(encoded.n);
  for (let r = 0; r < encoded.n; r++) {
    let s = head.bias;
    for (let j = 0; j < nw; j++) s += head.numericWeights[j]! * encoded.numeric[r * nw + j]!;
    for (let j = 0; j < nc; j++) s += head.categoryWeights[encoded.categories[r * nc + j]!] ?? 0;
    out[r] = s;
  }
  return out;
}

/** The logit calibration reads, given the network's logits and the (optional) linear head. */
export function mixLogits(mix: ClassifierMix, network: Float32Array, linear: Float32Array | null): Float32Array {
  if (mix === "network" || !linear) return network;
  if (mix === "linear") return linear;
  return network.map((v, i) => (v + linear[i]!) / 2);
}

/**
 * Picks the mix with the best validation average precision. The validation slice of a small table holds only a
 * handful of frauds, so a candidate must beat the average by `margin` to replace it: the average is the safe
 * choice when the two are close (it rarely ranks much worse than the better of its parts).
 */
export function chooseMix(labels: number[], network: Float32Array, linear: Float32Array, margin = 0.02): { mix: ClassifierMix; averagePrecision: Record<ClassifierMix, number> } {
  const ap: Record<ClassifierMix, number> = {
    network: averagePrecision(labels, Array.from(network)),
    linear: averagePrecision(labels, Array.from(linear)),
    average: averagePrecision(labels, Array.from(mixLogits("average", network, linear))),
  };
  let mix: ClassifierMix = "average";
  for (const candidate of ["network", "linear"] as const) {
    if (ap[candidate] > ap[mix] + (mix === "average" ? margin : 0)) mix = candidate;
  }
  return { mix, averagePrecision: ap };
}
