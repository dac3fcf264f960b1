import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { buildAutoencoder, buildFraudClassifier, buildLogisticRegression } from "@/models/fraud/model";

const classifierOptions = { embeddingDim: 4, hidden: [8, 4], dropout: 0.1, l2: 1e-4, members: 1, seed: 1 };

beforeAll(async () => {
  await ensureBackend();
});

describe("fraud network builders", () => {
  it("builds a wide & deep classifier giving one logit per row", () => {
    const model = buildFraudClassifier({ numericWidth: 5, categoricalWidth: 7 }, classifierOptions);
    expect(model.inputs.map((i) => i.shape)).toEqual([
      [null, 5],
      [null, 7],
    ]);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    const out = tf.tidy(() => (model.predict([tf.zeros([3, 5]), tf.zeros([3, 7])]) as tf.Tensor).shape);
    expect(out).toEqual([3, 1]);
    model.dispose();
  });

  it("gives one logit column per ensemble member", () => {
    const model = buildFraudClassifier({ numericWidth: 5, categoricalWidth: 0 }, { ...classifierOptions, members: 3 });
    expect(model.inputs).toHaveLength(1);
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    model.dispose();
  });

  it("builds the same network twice from the same seed", () => {
    const a = buildFraudClassifier({ numericWidth: 4, categoricalWidth: 3 }, classifierOptions);
    const b = buildFraudClassifier({ numericWidth: 4, categoricalWidth: 3 }, classifierOptions);
    const x = [tf.randomNormal([6, 4], 0, 1, "float32", 7), tf.ones([6, 3])];
    const [ya, yb] = [a, b].map((m) => (m.predict(x) as tf.Tensor).arraySync());
    expect(ya).toEqual(yb);
    tf.dispose(x);
    a.dispose();
    b.dispose();
  });

  it("builds logistic regression as one dense unit over both blocks", () => {
    const model = buildLogisticRegression({ numericWidth: 3, categoricalWidth: 4 }, { l2: 1e-4 });
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    expect(model.countParams()).toBe(3 + 4 + 1);
    model.dispose();
  });

  it("builds an autoencoder that reconstructs its input width", () => {
    const model = buildAutoencoder(9, { hidden: 6, bottleneck: 2, seed: 3 });
    expect(model.outputs[0]!.shape).toEqual([null, 9]);
    model.dispose();
  });

  it("refuses impossible shapes", () => {
    expect(() => buildFraudClassifier({ numericWidth: 0, categoricalWidth: 0 }, classifierOptions)).toThrow(/at least one input/);
    expect(() => buildFraudClassifier({ numericWidth: 2, categoricalWidth: 0 }, { ...classifierOptions, hidden: [] })).toThrow(/hidden/);
    expect(() => buildFraudClassifier({ numericWidth: 2, categoricalWidth: 0 }, { ...classifierOptions, members: 0 })).toThrow(/members/);
    expect(() => buildAutoencoder(4, { hidden: 2, bottleneck: 3, seed: 1 })).toThrow(/hidden >= bottleneck/);
  });
});
