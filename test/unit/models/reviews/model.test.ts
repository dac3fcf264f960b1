import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { embeddingBag } from "@/models/reviews/embedding-bag";
import { buildBagModel, buildCnnModel, buildSentimentModel, type SentimentModelConfig } from "@/models/reviews/model";

beforeAll(async () => {
  await ensureBackend();
});

describe("sentiment model builders", () => {
  it("bag model maps [batch, L] ids and weights to one logit per row", () => {
    const model = buildBagModel({ featureCount: 50, embeddingDim: 4, dropout: 0.2, seed: 1 });
    const out = tf.tidy(() => model.apply([tf.tensor2d([[1, 2, 0], [3, 0, 0]], [2, 3], "int32"), tf.tensor2d([[0.5, 0.5, 0], [1, 0, 0]])]) as tf.Tensor);
    expect(out.shape).toEqual([2, 1]);
    out.dispose();
    model.dispose();
  });

  it("cnn model maps [batch, T', k] word windows to one logit per row", () => {
    const model = buildCnnModel({ vocabularySize: 20, embeddingDim: 4, filters: 6, kernelSize: 3, dropout: 0.2, seed: 1 });
    const windows = tf.zeros([2, 5, 3], "int32");
    const out = tf.tidy(() => model.apply(windows) as tf.Tensor);
    expect(out.shape).toEqual([2, 1]);
    tf.dispose([out, windows]);
    model.dispose();
  });

  it("throws on an unknown architecture", () => {
    expect(() => buildSentimentModel({ kind: "lstm" } as unknown as SentimentModelConfig)).toThrow(/unknown sentiment architecture 'lstm'/);
  });

  it("builds the same weights from the same seed", () => {
    const a = buildBagModel({ featureCount: 30, embeddingDim: 3, dropout: 0, seed: 7 });
    const b = buildBagModel({ featureCount: 30, embeddingDim: 3, dropout: 0, seed: 7 });
    expect(a.getWeights()[0]!.arraySync()).toEqual(b.getWeights()[0]!.arraySync());
    a.dispose();
    b.dispose();
  });
});

describe("embedding bag", () => {
  it("equals a gather + weighted sum, and so does its gradient", () => {
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const ids = tf.tensor2d([[1, 3, 0], [2, 2, 0]], [2, 3], "int32");
    const weights = tf.tensor2d([[0.5, 0.25, 0], [1, 2, 0]]);
    const dy = tf.tensor2d([[1, -1], [0.5, 2]]);
    const reference = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), tf.expandDims(weights, 2)), 1);
    const ours = embeddingBag(ids, weights, table);
    expect(ours.arraySync()).toEqual(reference(table).arraySync());
    const gradOurs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingBag(ids, weights, t), dy)))(table);
    const gradReference = tf.tidy(() => {
      // dL/dtable[r] = sum over (b, j) with ids[b, j] = r of weights[b, j] * dy[b]
      const g = tf.buffer([4, 2]);
      const idv = ids.arraySync() as number[][];
      const wv = weights.arraySync() as number[][];
      const dv = dy.arraySync() as number[][];
      idv.forEach((row, b) => row.forEach((r, j) => [0, 1].forEach((k) => g.set(g.get(r, k) + wv[b]![j]! * dv[b]![k]!, r, k))));
      return g.toTensor();
    });
    expect(gradOurs.arraySync()).toEqual(gradReference.arraySync());
    tf.dispose([table, ids, weights, dy, ours, gradOurs, gradReference]);
  });
});
