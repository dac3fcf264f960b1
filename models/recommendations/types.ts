import type * as tf from "@tensorflow/tfjs";
import type { ModelChoice } from "../choices";
import type { TrainingStop } from "../training-stop";
import type { ItemNeighbours } from "./baselines";
import type { History } from "./features";

/** Hyperparameters. Defaults were chosen to generalise (see README-style notes in train.ts), not tuned per dataset. */
export type RecommendSettings = {
  embeddingDim: number;
  /** Most recent distinct items that describe a user. */
  historyLength: number;
  /** Examples per step; null = about 100 steps per epoch (256..2048). */
  batchSize: number | null;
  /** Adam's learning rate at 256 examples per step (scaled by √(batch / 256) for other batch sizes). */
  learningRate: number;
  /** L2 penalty on both embedding tables, per example. */
  l2: number;
  /** Share of history items dropped at random from each training example. */
  historyDropout: number;
  maxEpochs: number;
  /**
   * What every choice on the validation slice (epoch, blend λ, trend and cold-start half-lives) maximises: per user
   * the mean of Recall@10 and NDCG@10 ("recall+ndcg"), or Recall@10 alone ("recall"). See ./validation.ts.
   */
  validationMetric: "recall+ndcg" | "recall";
  /** Epochs without a better validation score before stopping. */
  patience: number;
  /** Epochs when there is too little data for a validation slice. */
  fallbackEpochs: number;
  /** Share of the time span at the end of the training data used as the validation slice. */
  validationFraction: number;
  minValidationUsers: number;
  /** Validation users scored per epoch, a seeded sample when there are more (keeps an epoch's check cheap). */
  maxValidationUsers: number;
  /**
   * Catalogues up to max(this, sampledNegatives) items use the exact softmax; larger ones the sampled softmax with
   * mixed negatives (./train-loop.ts). 0 by default: sampling is used wherever it scores fewer items than the
   * catalogue, its logQ correction keeping it consistent with the exact softmax (no quality step at any size).
   */
  fullSoftmaxMaxItems: number;
  /** Negatives per sampled step, shared by the batch: half in-batch targets, half uniform over the catalogue. */
  sampledNegatives: number;
  /** Half-life of the recency weighting of a user's history, as a share of the data's time span. */
  historyHalfLifeSpan: number;
  /**
   * Half-life of the recency weighting of training targets (share of the span); null = the trend half-life
   * chosen on the validation slice (the one that makes recency-weighted popularity rank best).
   */
  targetHalfLifeSpan: number | null;
  /** Candidate co-occurrence blend weights λ, chosen on the validation slice. */
  blendCandidates: number[];
  /** Candidate trend half-lives (share of the time span; Infinity = plain counts) for popularity and targets. */
  trendHalfLifeCandidates: number[];
  neighbours: number;
  /** Wall-clock budget for all training epochs (both phases). */
  maxFitSeconds: number;
};

export const defaultSettings: RecommendSettings = {
  embeddingDim: 64,
  historyLength: 50,
  batchSize: null,
  learningRate: 0.005,
  l2: 0,
  historyDropout: 0.25,
  maxEpochs: 40,
  validationMetric: "recall+ndcg",
  // 1: on every bench set (demo store at scale 1 and 4, Online Retail) the validation score falls every epoch
  // after its best, so each further epoch of patience only cost a full epoch (issue 13).
  patience: 1,
  fallbackEpochs: 10,
  validationFraction: 0.15,
  minValidationUsers: 20,
  maxValidationUsers: 3000,
  fullSoftmaxMaxItems: 0,
  // 128 scored as well as the exact softmax on the bench sets (and as 256 or 512) at a third of the step's cost.
  sampledNegatives: 128,
  historyHalfLifeSpan: 1,
  targetHalfLifeSpan: null,
  blendCandidates: [0, 0.25, 0.5, 0.75, 1],
  trendHalfLifeCandidates: [0.0625, 0.125, 0.25, 0.5, Infinity],
  neighbours: 50,
  maxFitSeconds: 240,
};

/** What fit chose on the validation slice, kept in metadata.json for the model card. */
export type FitReport = {
  validationUsers: number;
  bestEpoch: number;
  epochsRun: number;
  refitEpochs: number;
  /** Validation Recall@10 and NDCG@10 of the chosen blend at the best epoch. */
  validationRecallAt10: number;
  validationNdcgAt10?: number;
  validationRecallByBlend: Record<string, number>;
  validationNdcgByBlend?: Record<string, number>;
  /** What the choices maximised (absent in files written before it was a setting: "recall"). */
  validationMetric?: RecommendSettings["validationMetric"];
  blend: number;
  /** Trend half-life (share of the span) chosen on returning users; the training targets' by default. */
  trendHalfLifeSpan: number;
  /** Half-life of the popularity ranking that cold-start users get, chosen on new users after the cut. */
  coldStartHalfLifeSpan: number;
  targetHalfLifeSpan: number;
  softmax: "full" | "sampled";
  /** Catalogue size of the shipped model and negatives per sampled step (0 = exact softmax); absent in older files. */
  items?: number;
  sampledNegatives?: number;
  /** Validation Recall@10 / NDCG@10 of the network alone after each epoch (0 = the popularity prior). */
  validationByEpoch?: { recall: number; ndcg: number }[];
  /** What fit chose and why, in words (./choices.ts), for the version's params; absent in older files. */
  choices?: ModelChoice[];
  stoppedBy: "patience" | "max-epochs" | "time" | "no-validation";
  fitSeconds: number;
  /** stoppedBy with its caps, for the version's params (absent in models saved before it was recorded). */
  stop?: TrainingStop;
};

export type RecommendModel = {
  network: tf.LayersModel;
  items: string[];
  itemIndex: Map<string, number>;
  /** Train-period history (model input) and every item had (masked) per known user. */
  histories: Map<string, History>;
  seen: Map<string, Int32Array>;
  /** Item indices by recency-weighted popularity, best first: the ranking for cold-start users. */
  popularity: Int32Array;
  neighbours: ItemNeighbours;
  blend: number;
  /** Half-life of the history's recency weighting in ms (Infinity = none), to build a customer's history at serve time. */
  historyHalfLifeMs?: number;
  settings: RecommendSettings;
  report: FitReport;
};
