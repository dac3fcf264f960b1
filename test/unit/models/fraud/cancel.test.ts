import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { createFraudTask, defaultFraudOptions, type FraudModel, type FraudTrainRow } from "@/models/fraud";
import { mulberry32 } from "@/models/random";
import { FitCancelledError, TaskInputError } from "@/models/task";

/** 800 synthetic payments: fraud is likelier for large amounts from abroad at night. */
function syntheticRows(): FraudTrainRow[] {
  const random = mulberry32(11);
  return Array.from({ length: 800 }, (_, i) => {
    const amount = Math.round(random() * random() * 2000);
    const abroad = random() < 0.2;
    const night = random() < 0.3;
    const fraud = random() < 0.02 + (abroad ? 0.2 : 0) + (night && amount > 500 ? 0.4 : 0);
    return {
      id: `p${i}`,
      features: { amount, country: abroad ? ["GB", "DE", "BR"][i % 3]! : "US", hour: night ? 3 : 14, created_at: 1_700_000_000 + i * 60 },
      label: fraud ? 1 : 0,
    };
  });
}

const quick = createFraudTask({
  classifier: { ...defaultFraudOptions.classifier, maxEpochs: 4 },
  autoencoder: { ...defaultFraudOptions.autoencoder, maxEpochs: 2 },
});

let warm: FraudModel;

// A first fit also creates tfjs's process-wide constants; leak checks count from after it.
beforeAll(async () => {
  await ensureBackend();
  warm = await quick.fit(syntheticRows(), { seed: 2, onProgress: () => {} });
}, 60_000);

afterAll(() => quick.dispose(warm));

describe("fraud fit lifecycle", () => {
  it("stops between epochs when the signal is aborted, freeing every tensor", async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const fit = quick.fit(syntheticRows(), {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "training classifier" && p.epoch === 1) controller.abort();
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("leaves no tensors behind once the fitted model is disposed", async () => {
    const before = tf.memory().numTensors;
    const model = await quick.fit(syntheticRows(), { seed: 1, onProgress: () => {} });
    const predictions = await quick.predict(model, syntheticRows().slice(0, 10));
    expect(predictions).toHaveLength(10);
    quick.dispose(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses training rows with a single class", async () => {
    const rows = syntheticRows().map((r) => ({ ...r, label: 0 as const }));
    await expect(quick.fit(rows, { seed: 1, onProgress: () => {} })).rejects.toBeInstanceOf(TaskInputError);
  });

  it("refuses to score rows that lack a column the model reads", async () => {
    await expect(quick.predict(warm, [{ id: "x", features: { amount: 5, hour: 3 } }])).rejects.toThrow(/lack column\(s\).*country/);
  });
});
