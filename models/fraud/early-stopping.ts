import * as tf from "@tensorflow/tfjs";
import { throwIfCancelled } from "../task";
import { seededShuffle } from "./split";

/**
 * Epoch loop shared by the classifier, the autoencoder and the logistic-regression baseline: each epoch sees the
 * rows in a new seeded order (fit itself runs with shuffle: false, so nothing depends on Math.random), then the
 * validation metric decides whether this is the best epoch so far; training stops after `patience` epochs without
 * improvement or when the time budget is spent, and the best epoch's weights are put back.
 */
export type EarlyStoppingOptions = {
  batchSize: number | "auto";
  maxEpochs: number;
  patience: number;
  maxSeconds: number;
  seed: number;
  /** Validation metric, higher is better. */
  evaluate: () => number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number, validation: number) => void;
};

export type EarlyStoppingResult = {
  epochs: number;
  bestEpoch: number;
  bestValue: number;
  seconds: number;
  /** What ended the loop: no improvement for `patience` epochs, the epoch cap, or the time cap. */
  stoppedBy: "patience" | "max-epochs" | "time";
};

export async function trainWithEarlyStopping(
  model: tf.LayersModel,
  inputs: tf.Tensor[],
  target: tf.Tensor,
  options: EarlyStoppingOptions,
): Promise<EarlyStoppingResult> {
  const started = performance.now();
  const n = target.shape[0] ?? 0;
  const rowIndices = Array.from({ length: n }, (_, i) => i);
  const batchSize = options.batchSize === "auto" ? autoBatchSize(n) : options.batchSize;
  let best: tf.Tensor[] | null = null;
  let bestValue = -Infinity;
  let bestEpoch = 0;
  let epoch = 0;
  let stoppedBy: EarlyStoppingResult["stoppedBy"] = "max-epochs";
  try {
    while (epoch < options.maxEpochs) {
      throwIfCancelled(options.signal);
      const order = tf.tensor1d(seededShuffle(rowIndices, options.seed * 7919 + epoch), "int32");
      const xs = inputs.map((x) => tf.gather(x, order));
      const y = tf.gather(target, order);
      let loss = Number.NaN;
      try {
        const history = await model.fit(xs, y, {
          epochs: 1,
          batchSize,
          shuffle: false,
          verbose: 0,
        });
        loss = Number(history.history.loss?.[0] ?? Number.NaN);
      } finally {
        tf.dispose([order, ...xs, y]);
      }
      epoch++;
      const value = options.evaluate();
      if (value > bestValue || best === null) {
        tf.dispose(best ?? []);
        best = model.getWeights().map((w) => w.clone());
        bestValue = value;
        bestEpoch = epoch;
      }
      options.onEpoch?.(epoch, loss, value);
      if (epoch - bestEpoch >= options.patience) {
        stoppedBy = "patience";
        break;
      }
      if (epoch < options.maxEpochs && (performance.now() - started) / 1000 > options.maxSeconds) {
        stoppedBy = "time";
        break;
      }
    }
    throwIfCancelled(options.signal);
    if (best) model.setWeights(best);
  } finally {
    tf.dispose(best ?? []);
  }
  return { epochs: epoch, bestEpoch, bestValue, seconds: (performance.now() - started) / 1000, stoppedBy };
}

/**
 * A power of two near n / 20, between 32 and 512: small tables still get enough optimiser steps per epoch to learn
 * in a few dozen epochs, large ones get big batches (on wasm, per-step overhead dominates small batches).
 */
export function autoBatchSize(n: number): number {
  const target = Math.max(1, n / 20);
  return Math.min(512, Math.max(32, 2 ** Math.round(Math.log2(target))));
}
