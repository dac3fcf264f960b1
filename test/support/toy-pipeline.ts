import * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "@/models/backend";
import { loadLayersModel, saveLayersModel } from "@/models/io/artifacts";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { FitCancelledError, type TaskModule } from "@/models/task";

/**
 * A small real tfjs regression (y = 2x + 1 plus noise) standing in for a task's pipeline, so the job runner and
 * the worker are tested for progress, cancellation, crashes and promotion without the cost of a full model.
 */
export function toyPipeline(options: { epochs?: number; failAtEpoch?: number; msPerEpoch?: number } = {}): TrainingPipeline {
  const epochs = options.epochs ?? 5;
  const toyModule: TaskModule<never, never, never, tf.LayersModel> = {
    name: "recommend",
    parseTrain: () => [],
    parseTest: () => [],
    async fit(_rows, ctx) {
      await ensureBackend();
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed }) })] });
      model.compile({ optimizer: tf.train.sgd(0.05), loss: "meanSquaredError" });
      const x = tf.linspace(-1, 1, 64).reshape([64, 1]);
      const y = x.mul(2).add(1);
      let cancelled = false;
      await model.fit(x, y, {
        epochs,
        batchSize: 64,
        shuffle: false,
        verbose: 0,
        callbacks: {
          onEpochEnd: async (epoch, logs) => {
            if (options.failAtEpoch === epoch + 1) throw new Error("toy model diverged");
            if (options.msPerEpoch) await new Promise((r) => setTimeout(r, options.msPerEpoch));
            ctx.onProgress({ stage: "fit", epoch: epoch + 1, epochs, loss: logs?.loss ?? 0, validation: { name: "mse", value: logs?.loss ?? 0 }, fraction: (epoch + 1) / epochs });
            if (ctx.signal?.aborted) {
              cancelled = true;
              model.stopTraining = true;
            }
          },
        },
      });
      tf.dispose([x, y]);
      if (cancelled) throw new FitCancelledError();
      return model;
    },
    predict: async () => [],
    outputColumns: [],
    toOutputRow: () => [],
    save: (model, dir) => saveLayersModel(model, dir),
    load: (dir) => loadLayersModel(dir),
    dispose: (model) => model.dispose(),
  };
  return {
    task: "recommend",
    async train(_db, ctx) {
      const model = await toyModule.fit([], ctx);
      return { module: toyModule, model, metrics: { mse: 0.01 }, params: { epochs }, trainFrom: "2026-01-01", trainTo: "2026-06-30", dataHash: "toy", drift: {} };
    },
    recentForDrift: async () => ({}),
  };
}
