import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { accuracy, rocAuc } from "@/models/metrics";
import { sentimentTask, type SentimentModel, type SentimentTrainRow } from "@/models/reviews";
import { classPriorBaseline, fitTfidfLogisticRegression, predictTfidfLogisticRegression } from "@/models/reviews/baselines";
import { parseLabelledSentences } from "@/models/reviews/labelled-sentences";
import { stratifiedSplit } from "@/models/reviews/split";
import { FitCancelledError, type TrainingProgress } from "@/models/task";

// The UCI amazon_cells sentences (Kotzias et al. 2015, CC BY 4.0), as shipped with the demo seed.
const rows = parseLabelledSentences(readFileSync(path.join("db", "seed", "data", "amazon_cells_labelled.txt"), "utf8"), "amazon");
const { kept, heldOut } = stratifiedSplit(rows.map((r) => r.label), 0.2, 42, "test");
const train = kept.map((i) => rows[i]!);
const test = heldOut.map((i) => rows[i]!);
const labels = test.map((r) => r.label as number);
const texts = test.map((r) => r.text);

let model: SentimentModel;
const progress: TrainingProgress[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "sentiment-model-"));

beforeAll(async () => {
  await ensureBackend();
  model = await sentimentTask.fit(train, { seed: 1, onProgress: (p) => progress.push(p) });
}, 60_000);

afterAll(() => {
  sentimentTask.dispose(model);
  rmSync(dir, { recursive: true, force: true });
});

async function scores(m: SentimentModel, input: string[]): Promise<number[]> {
  return (await sentimentTask.predict(m, input.map((text, i) => ({ id: String(i), text })))).map((p) => p.score);
}

describe("sentiment fit and predict on real review sentences", () => {
  it("beats the class prior and keeps up with TF-IDF logistic regression on held-out sentences", async () => {
    const ours = await scores(model, texts);
    const lr = predictTfidfLogisticRegression(fitTfidfLogisticRegression(train), texts);
    const prior = classPriorBaseline(train)(texts);
    const acc = accuracy(labels, ours.map((s) => (s >= 0.5 ? 1 : 0)));
    expect(acc).toBeGreaterThan(accuracy(labels, prior.map((s) => (s >= 0.5 ? 1 : 0))) + 0.2);
    expect(acc).toBeGreaterThan(0.75);
    expect(rocAuc(labels, ours)).toBeGreaterThan(0.85);
    expect(rocAuc(labels, ours)).toBeGreaterThan(rocAuc(labels, lr) - 0.02);
  });

  it("gives probabilities whose mean is close to the share of positives", async () => {
    const ours = await scores(model, texts);
    expect(ours.every((s) => s > 0 && s < 1)).toBe(true);
    const mean = ours.reduce((a, b) => a + b, 0) / ours.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.1);
  });

  it("reads sentiment through typos and unseen words, and scores empty text", async () => {
    const [typo, praise, empty] = await scores(model, ["Terible quallity, it brokee", "Excelent, works grate, love it", ""]);
    expect(typo).toBeLessThan(0.5);
    expect(praise).toBeGreaterThan(0.5);
    expect(Number.isFinite(empty)).toBe(true);
  });

  it("reports progress with the validation loss and ends at fraction 1", () => {
    const epochs = progress.filter((p) => p.stage === "train");
    expect(epochs.length).toBeGreaterThan(1);
    expect(epochs[0]!.validation?.name).toBe("log loss");
    expect(progress.at(-1)).toMatchObject({ stage: "done", fraction: 1 });
    expect(model.summary.bestEpoch).toBeGreaterThan(0);
  });

  it("saves and loads to identical predictions", async () => {
    await sentimentTask.save(model, dir);
    const loaded = await sentimentTask.load(dir);
    expect(await scores(loaded, texts)).toEqual(await scores(model, texts));
    expect(loaded.summary).toEqual(model.summary);
    sentimentTask.dispose(loaded);
  });
});

describe("sentiment fit housekeeping", () => {
  const small: SentimentTrainRow[] = train.slice(0, 200);

  it("frees every tensor it created once the model is disposed", async () => {
    const before = tf.memory().numTensors;
    const m = await sentimentTask.fit(small, { seed: 2, onProgress: () => {} });
    await scores(m, texts.slice(0, 20));
    sentimentTask.dispose(m);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops with FitCancelledError when its signal is aborted, leaving no tensors behind", async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const fit = sentimentTask.fit(small, {
      seed: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "train") controller.abort();
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses training data with a single class", async () => {
    await expect(sentimentTask.fit(small.map((r) => ({ ...r, label: 1 as const })), { seed: 1, onProgress: () => {} })).rejects.toThrow(/at least 2 positive and 2 negative/);
  });
});
