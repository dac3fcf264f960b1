import { throwIfCancelled, type FitContext } from "../task";
import { selectRows, type EncodedFraud } from "./features";
import { chooseMix, fitLinearHead, linearLogits, type ClassifierMix } from "./linear";
import { classifierLogits } from "./predict";
import { seededShuffle } from "./split";
import { fitClassifier } from "./train-networks";
import type { FraudOptions } from "./types";

/**
 * The small-data choice between the network, the logistic regression and their average, by stratified k-fold
 * cross-validation over every training row (issue 13): the validation slice of 1,000 payments holds about 4 frauds,
 * too few to rank three candidates, while the pooled out-of-fold predictions of 5 folds rank all ~22. Each fold
 * trains both candidates for the epochs early stopping found on the validation slice (no early stopping inside a
 * fold: its held-out rows are what it is judged on).
 */
export const CROSS_VALIDATION_FOLDS = 5;

export type CrossValidatedMix = { mix: ClassifierMix; averagePrecision: Record<ClassifierMix, number>; folds: number; positives: number };

export async function crossValidateMix(
  all: { encoded: EncodedFraud; labels: number[] },
  ctx: FitContext,
  settings: {
    classifier: FraudOptions["classifier"];
    members: number;
    positiveWeight: number;
    networkEpochs: number;
    linearEpochs: number;
    progress: { from: number; to: number };
  },
): Promise<CrossValidatedMix> {
  const folds = stratifiedFolds(all.labels, CROSS_VALIDATION_FOLDS, ctx.seed + 31);
  const network = new Float32Array(all.labels.length);
  const linear = new Float32Array(all.labels.length);
  for (let k = 0; k < folds.length; k++) {
    throwIfCancelled(ctx.signal);
    const heldOut = folds[k]!;
    const trainIndex = folds.flatMap((f, j) => (j === k ? [] : f));
    const train = { encoded: selectRows(all.encoded, trainIndex), labels: trainIndex.map((i) => all.labels[i]!) };
    const test = selectRows(all.encoded, heldOut);
    const step = (settings.progress.to - settings.progress.from) / folds.length;
    const fitted = await fitClassifier(train, null, { ...ctx, seed: ctx.seed + 101 * (k + 1) }, settings.classifier, {
      members: settings.members,
      positiveWeight: settings.positiveWeight,
      fixedEpochs: Math.max(1, settings.networkEpochs),
      progress: { from: settings.progress.from + k * step, to: settings.progress.from + (k + 1) * step, stage: `cross-validating (fold ${k + 1} of ${folds.length})` },
    });
    try {
      classifierLogits(fitted.model, test).forEach((v, r) => (network[heldOut[r]!] = v));
    } finally {
      fitted.model.dispose();
    }
    const head = await fitLinearHead(train, null, {
      positiveWeight: settings.positiveWeight,
      seed: ctx.seed + k,
      fixedEpochs: Math.max(1, settings.linearEpochs),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    linearLogits(head.head, test).forEach((v, r) => (linear[heldOut[r]!] = v));
  }
  const choice = chooseMix(all.labels, network, linear);
  return { ...choice, folds: folds.length, positives: all.labels.reduce((s, l) => s + l, 0) };
}

/** `k` folds with the frauds and the genuine rows each dealt out evenly, in a seeded order. */
export function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [1, 0]) {
    const members = seededShuffle(
      labels.flatMap((l, i) => (l === label ? [i] : [])),
      seed + label,
    );
    for (const i of members) folds[next++ % k]!.push(i);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}
