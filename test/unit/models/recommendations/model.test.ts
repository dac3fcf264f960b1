import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { buildRecommenderModel, inputEmbeddings, modelShape, userEncoder } from "@/models/recommendations/model";
import { gatherColumns, matMulFastGrad, pooledUserVectors, poolingOf, softmaxCrossEntropy } from "@/models/recommendations/ops";

beforeAll(async () => {
  // On wasm this also registers the UnsortedSegmentSum kernel the embedding gradients need.
  await ensureBackend();
});

function close(a: tf.Tensor, b: tf.Tensor, tolerance = 1e-5) {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] ?? 0) - (y[i] ?? 0)));
  expect(worst).toBeLessThan(tolerance);
}

describe("recommender network", () => {
  it("maps (history items, weights) of length L to one score per item plus padding", () => {
    const model = buildRecommenderModel({ numItems: 7, embeddingDim: 4, historyLength: 3, seed: 1 });
    const scores = model.predict([tf.tensor2d([[0, 1, 7]], [1, 3], "int32"), tf.tensor2d([[0.5, 0.5, 0]])]) as tf.Tensor;
    expect(scores.shape).toEqual([1, 8]);
    expect(modelShape(model)).toEqual({ numItems: 7, embeddingDim: 4, historyLength: 3 });
    tf.dispose([scores]);
    model.dispose();
  });

  it("refuses an empty catalogue or a zero dimension", () => {
    expect(() => buildRecommenderModel({ numItems: 0, embeddingDim: 4, historyLength: 3, seed: 1 })).toThrow(/numItems/);
    expect(() => buildRecommenderModel({ numItems: 3, embeddingDim: 0, historyLength: 3, seed: 1 })).toThrow(/embeddingDim/);
  });

  it("is seeded: the same seed gives the same initial weights", () => {
    const a = buildRecommenderModel({ numItems: 5, embeddingDim: 3, historyLength: 2, seed: 9 });
    const b = buildRecommenderModel({ numItems: 5, embeddingDim: 3, historyLength: 2, seed: 9 });
    a.getWeights().forEach((w, i) => close(w, b.getWeights()[i]!, 1e-12));
    a.dispose();
    b.dispose();
  });

  it("pools user vectors exactly as the layers graph (embedding + weighted batch dot) does", () => {
    const model = buildRecommenderModel({ numItems: 6, embeddingDim: 4, historyLength: 3, seed: 2 });
    const histories = [
      { items: Int32Array.from([0, 2, 5]), weights: Float32Array.from([0.5, 0.3, 0.2]) },
      { items: Int32Array.from([4]), weights: Float32Array.from([1]) },
    ];
    const fast = pooledUserVectors(inputEmbeddings(model), poolingOf(histories));
    const graph = userEncoder(model).predict([
      tf.tensor2d([[0, 2, 5], [4, 6, 6]], [2, 3], "int32"),
      tf.tensor2d([[0.5, 0.3, 0.2], [1, 0, 0]]),
    ]) as tf.Tensor;
    close(fast, graph);
    tf.dispose([fast, graph]);
    model.dispose();
  });
});

describe("ops with hand-written gradients", () => {
  it("give the same gradients as tfjs' own gather, matMul and logSumExp", () => {
    const table = tf.variable(tf.randomNormal([6, 3], 0, 1, "float32", 3));
    const kernel = tf.variable(tf.randomNormal([3, 6], 0, 1, "float32", 4));
    const histories = [
      { items: Int32Array.from([1, 3]), weights: Float32Array.from([0.75, 0.25]) },
      { items: Int32Array.from([3, 5, 0]), weights: Float32Array.from([0.2, 0.2, 0.6]) },
    ];
    const targets = [2, 3];
    const labels = tf.oneHot(tf.tensor1d(targets, "int32"), 4).asType("float32") as tf.Tensor2D;
    const columns = Int32Array.from([0, 2, 4, 4]);
    const fast = tf.variableGrads(() => {
      const u = pooledUserVectors(table, poolingOf(histories));
      return tf.sum(softmaxCrossEntropy(matMulFastGrad(u, gatherColumns(kernel, columns)), labels)) as tf.Scalar;
    }, [table, kernel]);
    const reference = tf.variableGrads(() => {
      const rows = tf.gather(table, tf.tensor1d([1, 3, 3, 5, 0], "int32"));
      const weighted = tf.mul(rows, tf.tensor2d([0.75, 0.25, 0.2, 0.2, 0.6], [5, 1]));
      const u = tf.unsortedSegmentSum(weighted, tf.tensor1d([0, 0, 1, 1, 1], "int32"), 2);
      const logits = tf.matMul(u, tf.gather(kernel, tf.tensor1d(columns, "int32"), 1));
      return tf.sum(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), labels), 1))) as tf.Scalar;
    }, [table, kernel]);
    close(fast.value, reference.value);
    close(fast.grads[table.name]!, reference.grads[table.name]!);
    close(fast.grads[kernel.name]!, reference.grads[kernel.name]!);
    tf.dispose([fast.value, reference.value, ...Object.values(fast.grads), ...Object.values(reference.grads), table, kernel, labels]);
  });
});
