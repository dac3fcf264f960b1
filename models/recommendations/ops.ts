import * as tf from "@tensorflow/tfjs";
import type { History } from "./features";

/**
 * Tensor ops shaped for the wasm backend, measured here: its gather costs ~0.2 µs per gathered element and its
 * matMul is 5-10x slower with the transpose flags that tfjs' own matMul gradient uses. Embedding lookups of a
 * batch of histories would spend most of a training step in gather, so the lookups below read the table once
 * into JS (one copy of W × d floats), pool or gather there in O(lookups × d), and give tfjs an explicit
 * gradient (a dense scatter-add, what gather's gradient is). Values equal the plain tfjs formulation; any
 * backend runs them.
 */

/** The history slots of a batch as a sparse (B × W) weight matrix in coordinate form. */
export type Pooling = { rows: number; segments: Int32Array; items: Int32Array; weights: Float32Array };

export function poolingOf(histories: readonly History[]): Pooling {
  let nnz = 0;
  for (const h of histories) nnz += h.items.length;
  const segments = new Int32Array(nnz);
  const items = new Int32Array(nnz);
  const weights = new Float32Array(nnz);
  let at = 0;
  histories.forEach((h, row) => {
    for (let k = 0; k < h.items.length; k++, at++) {
      segments[at] = row;
      items[at] = h.items[k] ?? 0;
      weights[at] = h.weights[k] ?? 0;
    }
  });
  return { rows: histories.length, segments, items, weights };
}

/** U[b] = Σ_{slots of row b} w · E[item]: the user vectors (B × d), differentiable in the table E (W × d). */
export function pooledUserVectors(table: tf.Tensor, pooling: Pooling): tf.Tensor2D {
  const op = tf.customGrad((e, save) => {
    const embeddings = e as tf.Tensor2D;
    (save as tf.GradSaveFunc)([embeddings]);
    const [, d = 0] = embeddings.shape;
    const values = embeddings.dataSync() as Float32Array;
    const out = new Float32Array(pooling.rows * d);
    for (let s = 0; s < pooling.items.length; s++) {
      const w = pooling.weights[s] ?? 0;
      if (w === 0) continue;
      const from = (pooling.items[s] ?? 0) * d;
      const to = (pooling.segments[s] ?? 0) * d;
      for (let k = 0; k < d; k++) out[to + k] = (out[to + k] ?? 0) + w * (values[from + k] ?? 0);
    }
    return {
      value: tf.tensor2d(out, [pooling.rows, d]),
      gradFunc: (dy, saved) => {
        const [w0 = 0] = (saved[0] as tf.Tensor2D).shape;
        const upstream = (dy as tf.Tensor).dataSync() as Float32Array;
        const grad = new Float32Array(w0 * d);
        for (let s = 0; s < pooling.items.length; s++) {
          const w = pooling.weights[s] ?? 0;
          if (w === 0) continue;
          const to = (pooling.items[s] ?? 0) * d;
          const from = (pooling.segments[s] ?? 0) * d;
          for (let k = 0; k < d; k++) grad[to + k] = (grad[to + k] ?? 0) + w * (upstream[from + k] ?? 0);
        }
        return tf.tensor2d(grad, [w0, d]);
      },
    };
  });
  return op(table) as tf.Tensor2D;
}

/** Columns `columns` of a (d × W) matrix as (d × C), differentiable in the matrix. */
export function gatherColumns(matrix: tf.Tensor, columns: Int32Array): tf.Tensor2D {
  const op = tf.customGrad((m, save) => {
    const kernel = m as tf.Tensor2D;
    (save as tf.GradSaveFunc)([kernel]);
    const [d = 0, w = 0] = kernel.shape;
    const c = columns.length;
    const values = kernel.dataSync() as Float32Array;
    const out = new Float32Array(d * c);
    for (let k = 0; k < d; k++) for (let j = 0; j < c; j++) out[k * c + j] = values[k * w + (columns[j] ?? 0)] ?? 0;
    return {
      value: tf.tensor2d(out, [d, c]),
      gradFunc: (dy) => {
        const upstream = (dy as tf.Tensor).dataSync() as Float32Array;
        const grad = new Float32Array(d * w);
        for (let k = 0; k < d; k++) {
          for (let j = 0; j < c; j++) {
            const at = k * w + (columns[j] ?? 0);
            grad[at] = (grad[at] ?? 0) + (upstream[k * c + j] ?? 0);
          }
        }
        return tf.tensor2d(grad, [d, w]);
      },
    };
  });
  return op(matrix) as tf.Tensor2D;
}

/** matMul with a gradient that transposes explicitly (same values; the transpose flags are slow on wasm). */
export const matMulFastGrad = tf.customGrad((a, b, save) => {
  const x = a as tf.Tensor2D;
  const y = b as tf.Tensor2D;
  (save as tf.GradSaveFunc)([x, y]);
  return {
    value: tf.matMul(x, y),
    gradFunc: (dy, saved) => {
      const [sx, sy] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sy)), tf.matMul(tf.transpose(sx), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * Per-row softmax cross-entropy, CE = log Σ_j exp(z_j) − Σ_j y_j z_j, with its textbook gradient
 * ∂CE/∂z = softmax(z) − y written out: tfjs differentiates logSumExp through max/exp/log and that path is ~20x
 * slower on wasm than one softmax. `labels` is one-hot (or any distribution) per row and gets no gradient.
 */
export const softmaxCrossEntropy = tf.customGrad((z, y, save) => {
  const logits = z as tf.Tensor2D;
  const labels = y as tf.Tensor2D;
  (save as tf.GradSaveFunc)([logits, labels]);
  return {
    value: tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, labels), 1)),
    gradFunc: (dy, saved) => {
      const [sz, sy] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.mul(tf.sub(tf.softmax(sz), sy), tf.expandDims(dy, 1)), tf.zerosLike(sy)];
    },
  };
}) as (logits: tf.Tensor2D, labels: tf.Tensor2D) => tf.Tensor1D;
