import * as tf from "@tensorflow/tfjs";
import { throwIfCancelled, type FitContext } from "../task";
import { windowTensors, type FeatureSpec } from "./features";
import { buildForecastNetwork, pinballLoss, type Architecture } from "./model";
import { mulberry32, shuffleInPlace } from "../random";
import type { WindowSet } from "./windows";

/**
 * Trains the global network on standardised windows with the pinball loss (Adam), reshuffling the windows every
 * epoch with a seeded generator, and stops early on the pinball loss of a time-ordered validation slice (windows
 * whose targets are the last periods of the training range), restoring the best epoch's weights. Epochs are also
 * capped by wall time.
 */

export type NetworkOptions = {
  architecture: Architecture;
  hidden: number;
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  /** Stop starting new epochs after this many seconds (the best weights so far are kept). */
  maxSeconds: number;
};

export const defaultNetworkOptions: NetworkOptions = {
  architecture: "mlp",
  hidden: 32,
  maxEpochs: 20,
  batchSize: 512,
  learningRate: 0.003,
  patience: 3,
  maxSeconds: 60,
};

export type TrainedNetwork = {
  network: tf.LayersModel;
  bestEpoch: number;
  bestLoss: number;
  epochsRun: number;
  /** What ended the epoch loop: no improvement for `patience` epochs, the epoch cap, or the time cap. */
  stoppedBy: "patience" | "max-epochs" | "time";
};

/** Targets of training windows are clipped so a series waking from near zero cannot dominate the loss. */
const TARGET_CLIP = 50;

export async function trainNetwork(
  spec: FeatureSpec,
  train: WindowSet,
  validation: WindowSet,
  options: NetworkOptions,
  ctx: FitContext,
  progress: { stage: string; from: number; to: number },
  warmStart?: tf.LayersModel,
): Promise<TrainedNetwork> {
  const network = buildForecastNetwork({
    architecture: options.architecture,
    lags: spec.lags,
    seqWidth: spec.seqWidth,
    vecWidth: spec.vecWidth,
    hidden: options.hidden,
    seed: ctx.seed,
  });
  if (warmStart) network.setWeights(warmStart.getWeights());
  const optimizer = tf.train.adam(options.learningRate);
  network.compile({ optimizer, loss: pinballLoss });
  const [trainSeq, trainVec] = windowTensors(spec, train.seq, train.vec, train.count);
  // tfjs wants targets shaped like the output: the same scaled value under each of the three quantiles.
  const trainTarget = tf.tidy(() => tf.tile(tf.tensor2d(train.target.map((v) => Math.min(TARGET_CLIP, v)), [train.count, 1]), [1, 3]));
  const [valSeq, valVec] = windowTensors(spec, validation.seq, validation.vec, validation.count);
  const valTarget = tf.tidy(() => tf.tile(tf.tensor2d(validation.target, [validation.count, 1]), [1, 3]));
  const order = Array.from({ length: train.count }, (_, i) => i);
  const random = mulberry32(ctx.seed ^ 0x5bd1e995);
  const started = performance.now();
  let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: [] as tf.Tensor[] };
  let epoch = 0;
  let stoppedBy: TrainedNetwork["stoppedBy"] = "max-epochs";
  try {
    for (epoch = 1; epoch <= options.maxEpochs; epoch++) {
      throwIfCancelled(ctx.signal);
      shuffleInPlace(order, random);
      const history = tf.tidy(() => {
        const index = tf.tensor1d(order, "int32");
        return [tf.gather(trainSeq, index), tf.gather(trainVec, index), tf.gather(trainTarget, index)] as const;
      });
      let loss: number;
      try {
        const fitted = await network.fit([history[0], history[1]], history[2], { batchSize: options.batchSize, epochs: 1, shuffle: false, verbose: 0 });
        loss = Number(fitted.history.loss?.[0] ?? Number.NaN);
      } finally {
        history.forEach((t) => t.dispose());
      }
      const valLoss = validation.count > 0 ? validationLoss(network, valSeq, valVec, valTarget) : loss;
      if (valLoss < best.loss - 1e-5) {
        best.weights.forEach((w) => w.dispose());
        best = { loss: valLoss, epoch, weights: network.getWeights().map((w) => w.clone()) };
      }
      const elapsed = (performance.now() - started) / 1000;
      ctx.onProgress({
        stage: progress.stage,
        epoch,
        epochs: options.maxEpochs,
        loss,
        validation: { name: "pinball", value: valLoss },
        fraction: progress.from + ((progress.to - progress.from) * epoch) / options.maxEpochs,
      });
      if (epoch - best.epoch >= options.patience) {
        stoppedBy = "patience";
        break;
      }
      if (epoch < options.maxEpochs && elapsed > options.maxSeconds) {
        stoppedBy = "time";
        break;
      }
    }
    throwIfCancelled(ctx.signal);
    if (best.weights.length > 0) network.setWeights(best.weights);
    return { network, bestEpoch: best.epoch, bestLoss: best.loss, epochsRun: Math.min(epoch, options.maxEpochs), stoppedBy };
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    best.weights.forEach((w) => w.dispose());
    optimizer.dispose();
    [trainSeq, trainVec, trainTarget, valSeq, valVec, valTarget].forEach((t) => t.dispose());
  }
}

function validationLoss(network: tf.LayersModel, seq: tf.Tensor, vec: tf.Tensor, target: tf.Tensor): number {
  return tf.tidy(() => pinballLoss(target, network.predict([seq, vec], { batchSize: 8192 }) as tf.Tensor).dataSync()[0]!);
}
