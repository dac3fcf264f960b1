import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { BagTrainer, type BagRows } from "@/models/reviews/bag-trainer";
import { buildBagModel } from "@/models/reviews/model";
import { sentimentChoices } from "@/models/reviews/choices";

// Three documents over 6 features, as CSR bag rows (ids and weights per document).
const rows: BagRows = { offsets: Int32Array.from([0, 2, 5, 6]), ids: Int32Array.from([1, 2, 2, 3, 4, 5]), weights: Float32Array.from([0.5, 0.5, 0.2, 0.3, 0.5, 1]) };
const docs = [0, 1, 2];
const labels = [1, 0, 1];
const classWeights = [1, 2, 1];

beforeAll(async () => {
  await ensureBackend();
});

describe("BagTrainer (the bag network's typed-array training step)", () => {
  it("takes the same Adam steps as tfjs on the same network, loss and weights", () => {
    const a = buildBagModel({ featureCount: 6, embeddingDim: 4, dropout: 0, seed: 3 });
    const b = buildBagModel({ featureCount: 6, embeddingDim: 4, dropout: 0, seed: 3 });
    const trainer = new BagTrainer(a, rows, 0.05);
    const optimizer = tf.train.adam(0.05);
    const variables = b.trainableWeights.map((w) => w.read() as tf.Variable);
    const width = 3;
    const ids = tf.tensor2d([1, 2, 0, 2, 3, 4, 5, 0, 0], [3, width], "int32");
    const weights = tf.tensor2d([0.5, 0.5, 0, 0.2, 0.3, 0.5, 1, 0, 0], [3, width]);
    const y = tf.tensor2d(labels, [3, 1]);
    const w = tf.tensor2d(classWeights, [3, 1]);
    for (let step = 0; step < 5; step++) {
      const ours = trainer.step(docs, labels, classWeights);
      const theirs = optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, b.apply([ids, weights]) as tf.Tensor, w) as tf.Scalar, true, variables)!;
      expect(ours).toBeCloseTo(theirs.dataSync()[0]!, 5);
      theirs.dispose();
    }
    trainer.writeTo(a, tf);
    const expected = b.getWeights().map((t) => Array.from(t.dataSync()));
    a.getWeights().forEach((t, i) => Array.from(t.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5)));
    // Its logits are the network's forward pass.
    const logits = trainer.logits(docs);
    const fromNetwork = (a.apply([ids, weights]) as tf.Tensor).dataSync();
    logits.forEach((z, i) => expect(z).toBeCloseTo(fromNetwork[i]!, 5));
    tf.dispose([ids, weights, y, w]);
    optimizer.dispose();
    a.dispose();
    b.dispose();
  });

  it("restores a snapshot exactly (the best epoch's weights)", () => {
    const network = buildBagModel({ featureCount: 6, embeddingDim: 4, dropout: 0, seed: 1 });
    const trainer = new BagTrainer(network, rows, 0.1);
    const before = trainer.logits(docs);
    const snapshot = trainer.snapshot();
    trainer.step(docs, labels, classWeights);
    expect(Array.from(trainer.logits(docs))).not.toEqual(Array.from(before));
    trainer.restore(snapshot);
    expect(Array.from(trainer.logits(docs))).toEqual(Array.from(before));
    network.dispose();
  });
});

describe("sentimentChoices", () => {
  it("names the chosen members with their weights and every candidate's CV log loss", () => {
    const choices = sentimentChoices(
      {
        ensemble: { members: ["bag", "vader"], weights: [1.5, 0.25], bias: -0.1 },
        threshold: 0.42,
        candidates: [
          { members: "bag+vader", logLoss: 0.31 },
          { members: "bag", logLoss: 0.35 },
        ],
        probabilities: new Float64Array(0),
      },
      5,
      800,
    );
    expect(choices[0]!.subject).toBe("ensemble members");
    expect(choices[0]!.chosen).toContain("bag + vader");
    expect(choices[0]!.chosen).toContain("bag 1.500");
    expect(choices[0]!.why).toContain("5-fold");
    expect(choices[0]!.why).toContain("bag+vader 0.3100, bag 0.3500");
    expect(choices[1]!.chosen).toContain("0.420");
  });
});

describe("BagTrainer with lazy Adam", () => {
  it("moves only the table rows of the batch's documents", () => {
    const network = buildBagModel({ featureCount: 6, embeddingDim: 4, dropout: 0, seed: 2 });
    const trainer = new BagTrainer(network, rows, 0.1, true);
    const before = trainer.snapshot()[0]!;
    trainer.step([0], [1], [1]);
    const after = trainer.snapshot()[0]!;
    const moved = (row: number) => Array.from(after.subarray(row * 4, row * 4 + 4)).some((v, k) => v !== before[row * 4 + k]);
    // Document 0 reads features 1 and 2 only.
    expect([0, 1, 2, 3, 4, 5].map(moved)).toEqual([false, true, true, false, false, false]);
    network.dispose();
  });
});
