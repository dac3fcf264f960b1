import * as tf from "@tensorflow/tfjs";
import { throwIfCancelled } from "../task";
import { seededShuffle } from "./split";

/**
 * Epoch loop shared by the classifier, the autoencoder and the logistic-regression baseline: each epoch sees the
 * rows in a new seeded order (nothing depends on Math.random), then the validation metric decides whether this is
 * the best epoch so far; training stops after `patience` epochs without improvement or when the time budget is
 * spent, and the best epoch's weights are put back.
 *
 * The steps are our own (optimizer.minimize on the model's compiled optimiser), not model.fit: on wasm, fit slices
 * every batch with a gather and a shuffle per epoch costs another gather of the whole table; both were about half
 * of an epoch's time at 41,000 rows (issue 13). Here the rows are copied once into plain arrays and each batch is
 * built from them in the epoch's order.
 */
/** When the epoch loop stops and what it reports (runEpochs). */
export type EpochPlan = {
  maxEpochs: number;
  patience: number;
  maxSeconds: number;
  seed: number;
  /** Validation metric, higher is better. */
  evaluate: () => number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number, validation: number) => void;
};

export type EarlyStoppingOptions = EpochPlan & {
  /** The training loss (per batch, a scalar); the model's regularisation penalties are added to it. */
  loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
  batchSize: number | "auto";
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
  const n = target.shape[0] ?? 0;
  const optimizer = model.optimizer;
  if (!optimizer) throw new Error("trainWithEarlyStopping needs a compiled model (its optimiser takes the steps)");
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const blocks = [...inputs, target].map((t) => ({ data: t.dataSync() as Float32Array, width: t.shape[1] ?? 1 }));
  return runEpochs<tf.Tensor[]>({
    ...options,
    n,
    batchSize: options.batchSize === "auto" ? autoBatchSize(n) : options.batchSize,
    step: (rows, readLoss) => {
      const [y, ...xs] = [blocks[blocks.length - 1]!, ...blocks.slice(0, -1)].map((b) => batchOf(b.data, b.width, rows));
      try {
        const cost = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const prediction = model.apply(xs, { training: true }) as tf.Tensor;
              return model.calculateLosses().reduce((total, penalty) => total.add(penalty), options.loss(y!, prediction)).asScalar();
            }),
          true,
          variables,
        );
        // Reading the cost syncs; only the epoch's last step's is read (the loss is for progress only).
        const loss = readLoss && cost ? cost.dataSync()[0]! : Number.NaN;
        cost?.dispose();
        return loss;
      } finally {
        tf.dispose([y!, ...xs]);
      }
    },
    snapshot: () => model.getWeights().map((w) => w.clone()),
    restore: (weights) => model.setWeights(weights),
    discard: (weights) => tf.dispose(weights),
  });
}

/**
 * The epoch loop itself, for any trainer: `step` takes one minibatch (row indices in the epoch's seeded order; with
 * readLoss on the epoch's last one, whose loss it returns), `snapshot`/`restore` keep and put back the best epoch's
 * weights. The logistic-regression head (linear.ts) steps in typed arrays through the same loop.
 */
export async function runEpochs<S>(
  options: EpochPlan & {
    n: number;
    batchSize: number;
    step: (rows: number[], readLoss: boolean) => number;
    snapshot: () => S;
    restore: (saved: S) => void;
    discard?: (saved: S) => void;
  },
): Promise<EarlyStoppingResult> {
  const started = performance.now();
  const { n, batchSize } = options;
  const rowIndices = Array.from({ length: n }, (_, i) => i);
  let best: S | null = null;
  let bestValue = -Infinity;
  let bestEpoch = 0;
  let epoch = 0;
  let stoppedBy: EarlyStoppingResult["stoppedBy"] = "max-epochs";
  const replaceBest = (next: S | null) => {
    if (best !== null) options.discard?.(best);
    best = next;
  };
  try {
    while (epoch < options.maxEpochs) {
      throwIfCancelled(options.signal);
      const order = seededShuffle(rowIndices, options.seed * 7919 + epoch);
      let loss = Number.NaN;
      for (let start = 0; start < n; start += batchSize) {
        const last = start + batchSize >= n;
        const value = options.step(order.slice(start, Math.min(n, start + batchSize)), last);
        if (last) loss = value;
      }
      epoch++;
      const value = options.evaluate();
      if (value > bestValue || best === null) {
        replaceBest(options.snapshot());
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
      // Let the event loop breathe (cancellation, progress writes) between epochs, as model.fit did.
      await new Promise((resolve) => setImmediate(resolve));
    }
    throwIfCancelled(options.signal);
    if (best !== null) options.restore(best);
  } finally {
    replaceBest(null);
  }
  return { epochs: epoch, bestEpoch, bestValue, seconds: (performance.now() - started) / 1000, stoppedBy };
}

/**
 * A power of two near n / 20, between 32 and 512: small tables still get enough optimiser steps per epoch to learn
 * in a few dozen epochs, large ones get big batches (on wasm, per-step overhead dominates small batches).
 */
export function autoBatchSize(n: number, max = 512): number {
  const target = Math.max(1, n / 20);
  return Math.min(max, Math.max(32, 2 ** Math.round(Math.log2(target))));
}

/** The rows `rows` of a row-major block as a [rows, width] tensor. */
function batchOf(data: Float32Array, width: number, rows: readonly number[]): tf.Tensor2D {
  const out = new Float32Array(rows.length * width);
  for (let k = 0; k < rows.length; k++) out.set(data.subarray(rows[k]! * width, (rows[k]! + 1) * width), k * width);
  return tf.tensor2d(out, [rows.length, width]);
}
