import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../random";
import { makeBatch, targetWeights, type InteractionData, type TrainingBatch } from "./features";
import { LAYER_NAMES, setItemPrior } from "./model";
import { gatherColumns, matMulFastGrad, pooledUserVectors, poolingOf, softmaxCrossEntropy, type Pooling } from "./ops";
import type { RecommendSettings } from "./types";

/**
 * One epoch of minibatch training for the item-based two-tower model, the loss a softmax cross-entropy over the
 * catalogue, each example weighted by its target's recency weight:
 *   - exact softmax when the catalogue is no larger than the negatives a sampled step would score (one matMul
 *     against every item costs no more then);
 *   - sampled softmax otherwise (Jean et al. 2015; Bengio & Senécal 2008) with mixed negatives (Yang et al. 2020,
 *     "Mixed Negative Sampling"): the positive plus S negatives shared by the batch, half of them other examples'
 *     targets in the batch (in-batch negatives: drawn ∝ how often an item is a target, so popular items, the hard
 *     negatives, are met) and half uniform over the catalogue (so the long tail is pushed down too). Every logit
 *     is corrected by −log(expected count of the item among the negatives) = −log(K·p_i + U/N) (the logQ
 *     correction, Yi et al. 2019), which keeps the estimate consistent for the full softmax at any catalogue size;
 *     negatives that happen to be the positive are masked ("accidental hits").
 * A step then costs O(B·S·d) whatever the catalogue size: an epoch grows linearly with the data (issue 13: the
 * old switch at 1,024 items to popularity-skewed negatives made a 4x store 7x slower per fit).
 */
export type EpochTrainer = { runEpoch(rng: Rng, shouldStop: () => boolean): number; dispose(): void; sampled: boolean; batchSize: number };

/** The batch size at which `learningRate` applies as given. */
const REFERENCE_BATCH = 256;

/**
 * About 100 steps per epoch whatever the data size, within 256..2048 examples: small data still gets enough
 * updates per epoch, large data does not pay the dense Adam update (all W × d weights) thousands of times.
 */
export function autoBatchSize(examples: number): number {
  return Math.max(256, Math.min(2048, Math.round(examples / 100)));
}

/** Prepares training of a freshly built network on `data`; starts its item bias at the popularity prior. */
export function createEpochTrainer(network: tf.LayersModel, data: InteractionData, settings: RecommendSettings, targetHalfLifeMs: number): EpochTrainer {
  const target = targetWeights(data, targetHalfLifeMs);
  const perItem = new Float64Array(data.items.length);
  target.forEach((w, p) => {
    const i = data.pairItem[p] ?? 0;
    perItem[i] = (perItem[i] ?? 0) + w;
  });
  setItemPrior(network, perItem);
  const numItems = data.items.length;
  const width = numItems + 1;
  const S = Math.min(settings.sampledNegatives, numItems);
  const sampled = numItems > Math.max(settings.fullSoftmaxMaxItems, S);
  const examples = Int32Array.from({ length: data.pairItem.length }, (_, i) => i);
  const batchSize = settings.batchSize ?? autoBatchSize(examples.length);
  // Square-root scaling of Adam's step with the batch size (Malladi et al. 2022): larger batches, fewer steps.
  const optimizer = tf.train.adam(settings.learningRate * Math.sqrt(batchSize / REFERENCE_BATCH));
  const [embeddingsVar] = network.getLayer(LAYER_NAMES.inputEmbedding).trainableWeights.map((w) => w.read() as tf.Variable);
  const [kernelVar, biasVar] = network.getLayer(LAYER_NAMES.scores).trainableWeights.map((w) => w.read() as tf.Variable);
  if (!embeddingsVar || !kernelVar || !biasVar) throw new Error("unexpected recommender weights");
  const variables = [embeddingsVar, kernelVar, biasVar];
  const embeddings: tf.Tensor = embeddingsVar;
  const kernel: tf.Tensor = kernelVar;
  const bias: tf.Tensor = biasVar;
  const padMask = tf.tidy(() => tf.oneHot(tf.tensor1d([numItems], "int32"), width).reshape([width]).mul(-1e9));

  // Mixed negatives: K in-batch (examples are shuffled uniformly, so a target is item i with probability
  // p_i = its share of the examples) and U uniform; logQ_i = log of item i's expected count among the S.
  const inBatch = Math.min(Math.floor(S / 2), batchSize);
  const uniform = S - inBatch;
  const counts = new Float64Array(numItems);
  for (const i of data.pairItem) counts[i] = (counts[i] ?? 0) + 1;
  const logQ = new Float32Array(width);
  for (let i = 0; i < numItems; i++) logQ[i] = Math.log((inBatch * (counts[i] ?? 0)) / Math.max(1, data.pairItem.length) + uniform / numItems);
  const logQTensor = tf.tensor1d(logQ);

  function lossFor(pooling: Pooling, batch: TrainingBatch, targets: tf.Tensor1D, sw: tf.Tensor1D, negatives: { items: Int32Array; tensor: tf.Tensor1D } | null, hits: tf.Tensor2D | null) {
    return () => {
      const u = pooledUserVectors(embeddings, pooling);
      let ce: tf.Tensor;
      if (!negatives || !hits) {
        const logits = tf.add(tf.add(matMulFastGrad(u, kernel as tf.Tensor2D), bias), padMask) as tf.Tensor2D;
        ce = softmaxCrossEntropy(logits, tf.oneHot(targets, width).asType("float32") as tf.Tensor2D);
      } else {
        // One read of the item tower for the positives' and the negatives' vectors.
        const b = batch.targets.length;
        const columns = gatherColumns(kernel, concatInt32(batch.targets, negatives.items));
        const posVectors = tf.transpose(tf.slice(columns, [0, 0], [-1, b]));
        const pos = tf.sub(tf.add(tf.sum(tf.mul(u, posVectors), 1), tf.gather(bias, targets)), tf.gather(logQTensor, targets));
        const negScores = matMulFastGrad(u, tf.slice(columns, [0, b], [-1, negatives.items.length]));
        const neg = tf.add(tf.sub(tf.add(negScores, tf.gather(bias, negatives.tensor)), tf.gather(logQTensor, negatives.tensor)), hits);
        // The positive sits in column 0 of [pos, negatives].
        ce = softmaxCrossEntropy(tf.concat([tf.expandDims(pos, 1), neg], 1) as tf.Tensor2D, positiveFirst(targets.shape[0], S + 1));
      }
      const dataLoss = tf.div(tf.sum(tf.mul(ce, sw)), tf.maximum(tf.sum(sw), 1e-12));
      if (settings.l2 <= 0) return dataLoss as tf.Scalar;
      return tf.add(dataLoss, tf.mul(settings.l2, tf.add(tf.sum(tf.square(embeddings)), tf.sum(tf.square(kernel))))) as tf.Scalar;
    };
  }

  return {
    sampled,
    batchSize,
    runEpoch(rng, shouldStop) {
      // Seeded Fisher-Yates shuffle of the examples.
      for (let i = examples.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const t = examples[i] ?? 0;
        examples[i] = examples[j] ?? 0;
        examples[j] = t;
      }
      let lossSum = 0;
      let batches = 0;
      for (let start = 0; start < examples.length; start += batchSize) {
        if (batches % 10 === 0 && shouldStop()) break;
        const pairs = examples.subarray(start, start + batchSize);
        const batch = makeBatch(data, pairs, { target, historyLength: settings.historyLength, dropout: settings.historyDropout }, rng);
        let negIdx: Int32Array | null = null;
        let hitMask: Float32Array | null = null;
        if (sampled) {
          negIdx = new Int32Array(S);
          // The batch is a uniform draw of examples: its first K targets are K in-batch negatives.
          for (let s = 0; s < S; s++) negIdx[s] = s < inBatch && s < pairs.length ? (batch.targets[s] ?? 0) : Math.floor(rng.next() * numItems);
          hitMask = new Float32Array(pairs.length * S);
          const position = new Map<number, number[]>();
          negIdx.forEach((item, s) => position.set(item, [...(position.get(item) ?? []), s]));
          batch.targets.forEach((t, row) => {
            for (const s of position.get(t) ?? []) hitMask![row * S + s] = -1e9;
          });
        }
        const b = pairs.length;
        const pooling = poolingOf(batch.histories);
        const targets = tf.tensor1d(batch.targets, "int32");
        const sw = tf.tensor1d(batch.sampleWeights);
        const negatives = negIdx ? tf.tensor1d(negIdx, "int32") : null;
        const hits = hitMask ? tf.tensor2d(hitMask, [b, S]) : null;
        const cost = optimizer.minimize(lossFor(pooling, batch, targets, sw, negIdx && negatives ? { items: negIdx, tensor: negatives } : null, hits), true, variables);
        tf.dispose([targets, sw, ...(negatives ? [negatives] : []), ...(hits ? [hits] : [])]);
        if (cost) {
          lossSum += cost.dataSync()[0] ?? 0;
          cost.dispose();
        }
        batches++;
      }
      return batches ? lossSum / batches : Number.NaN;
    },
    dispose() {
      optimizer.dispose();
      padMask.dispose();
      logQTensor.dispose();
    },
  };
}

function positiveFirst(rows: number, columns: number): tf.Tensor2D {
  return tf.oneHot(tf.zeros([rows], "int32") as tf.Tensor1D, columns).asType("float32") as tf.Tensor2D;
}

function concatInt32(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
