import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { trainWithEarlyStopping } from "@/models/fraud/early-stopping";
import { encodeRows, toInputs, type EncodedFraud } from "@/models/fraud/features";
import { fitLinearHead, linearLogits } from "@/models/fraud/linear";
import { buildLogisticRegression, weightedLogitCrossEntropy } from "@/models/fraud/model";
import { featureColumns, inferSchema } from "@/models/fraud/schema";
import { syntheticPayments } from "@/models/fraud/synthetic";

/**
 * The logistic-regression head trains in typed-array loops (linear.ts) instead of tfjs steps. Same algorithm: with
 * piecewise bins off, a fixed number of epochs from zero weights must land on the weights the tfjs LayersModel
 * (buildLogisticRegression through trainWithEarlyStopping, Adam 0.01, same seeded order) reaches.
 */
beforeAll(async () => {
  await ensureBackend();
});

function encoded(n: number): { encoded: EncodedFraud; labels: number[] } {
  const rows = syntheticPayments(n, 3, { fraudShare: 0.05 });
  const columns = featureColumns(rows);
  const schema = inferSchema(
    rows.map((r) => r.features),
    columns,
    null,
    { maxCategories: 50, clip: 10, piecewiseBins: 0 },
  );
  return { encoded: encodeRows(schema, rows.map((r) => r.features)), labels: rows.map((r) => r.label) };
}

async function tfjsHead(train: { encoded: EncodedFraud; labels: number[] }, epochs: number, positiveWeight: number): Promise<Float32Array> {
  const model = buildLogisticRegression(train.encoded.layout, { l2: 1e-4 });
  const optimizer = tf.train.adam(0.01);
  const loss = weightedLogitCrossEntropy(positiveWeight);
  model.compile({ optimizer, loss });
  const inputs = toInputs(train.encoded);
  const target = tf.tensor2d(train.labels, [train.labels.length, 1]);
  await trainWithEarlyStopping(model, inputs, target, { loss, batchSize: "auto", maxEpochs: epochs, patience: Infinity, maxSeconds: Infinity, seed: 5, evaluate: () => performance.now() });
  const [kernel, bias] = model.getWeights();
  const out = Float32Array.from([...kernel!.dataSync(), bias!.dataSync()[0]!]);
  model.dispose();
  optimizer.dispose();
  tf.dispose([...inputs, target]);
  return out;
}

describe("fraud logistic-regression head", () => {
  it("reaches the weights the tfjs model reaches, and ranks frauds above chance", async () => {
    const train = encoded(1500);
    expect(train.encoded.layout.pieceCount.every((c) => c === 0)).toBe(true);
    const { head, bestEpoch } = await fitLinearHead(train, null, { positiveWeight: 4, seed: 5, fixedEpochs: 12 });
    expect(bestEpoch).toBe(12);
    const ours = Float32Array.from([...head.numericWeights, ...head.categoryWeights, head.bias]);
    const reference = await tfjsHead(train, 12, 4);
    expect(ours.length).toBe(reference.length);
    const scale = Math.max(...reference.map(Math.abs));
    expect(scale).toBeGreaterThan(0.05);
    ours.forEach((w, i) => expect(Math.abs(w - reference[i]!), `weight ${i}`).toBeLessThan(0.02 * scale + 1e-4));
    // Frauds score higher than genuine rows on average.
    const logits = linearLogits(head, train.encoded);
    const mean = (label: number) => {
      const picked = Array.from(logits).filter((_, i) => train.labels[i] === label);
      return picked.reduce((s, v) => s + v, 0) / picked.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(0));
  });

  it("early-stops on validation average precision and keeps its best epoch", async () => {
    const all = encoded(1500);
    const cut = 1200;
    const part = (from: number, to: number) => ({
      encoded: {
        ...all.encoded,
        n: to - from,
        numeric: all.encoded.numeric.slice(from * all.encoded.layout.numericWidth, to * all.encoded.layout.numericWidth),
        categories: all.encoded.categories.slice((from * all.encoded.categories.length) / all.encoded.n, (to * all.encoded.categories.length) / all.encoded.n),
      },
      labels: all.labels.slice(from, to),
    });
    const { bestEpoch } = await fitLinearHead(part(0, cut), part(cut, 1500), { positiveWeight: 4, seed: 5 });
    expect(bestEpoch).toBeGreaterThanOrEqual(1);
    expect(bestEpoch).toBeLessThan(200);
  });
});
