import type { ModelChoice } from "../choices";
import type * as tf from "@tensorflow/tfjs";
import type { TrainingStop } from "../training-stop";
import type { TfidfLogisticRegression } from "./baselines";
import type { PlattScaling } from "./calibration";
import type { SentimentEnsemble } from "./ensemble";
import type { FeatureEncoder, FeatureSpace } from "./features";
import type { SentimentArchitecture, SentimentModelConfig } from "./model";

/** What a fit produced and how it went (saved in metadata.json, shown in the Models page). */
export type SentimentTrainingSummary = {
  architecture: SentimentArchitecture;
  trainRows: number;
  validationRows: number;
  epochsRun: number;
  bestEpoch: number;
  stoppedBy: "patience" | "max-epochs" | "time-budget";
  /** stoppedBy with its caps, for the version's params (absent in models saved before it was recorded). */
  stop?: TrainingStop;
  /** Whether the shipped network was retrained on training + validation rows for bestEpoch epochs. */
  refitOnAllRows: boolean;
  /**
   * Metrics of the shipped ensemble on the held-out rows (out-of-fold where cross-fitted), calibrated; accuracy at
   * the decision threshold. Models saved as "sentiment/1" hold the bag network's alone, accuracy at 0.5.
   */
  validation: { logLoss: number; rocAuc: number; accuracy: number };
  /**
   * How the ensemble was chosen (absent in "sentiment/1" models): folds of the cross-fit (1 = one validation slice),
   * the chosen members, every candidate's cross-validated log loss, the threshold, and macro-F1 of the held-out
   * rows at 0.5 and at the threshold.
   */
  ensemble?: {
    folds: number;
    chosen: string;
    candidates: { members: string; logLoss: number }[];
    threshold: number;
    macroF1AtHalf: number;
    macroF1AtThreshold: number;
  };
  /** What fit chose and why, in words (ensemble members and weights with the CV log loss that chose them); absent in older files. */
  choices?: ModelChoice[];
  featureCount: number;
  vocabularyWords: number;
  vocabularyBigrams: number;
  seconds: number;
};

/** A fitted sentiment model: the network, how texts become its inputs, and how member scores become a probability. */
export type SentimentModel = {
  architecture: SentimentArchitecture;
  network: tf.LayersModel;
  config: SentimentModelConfig;
  space: FeatureSpace;
  /** The CNN needs at least this many tokens per input (1 for the bag model). */
  cnnKernelSize: number;
  /** Platt scaling of the network's logit alone (the whole model in "sentiment/1"; the ensemble supersedes it). */
  scaling: PlattScaling;
  encoder: FeatureEncoder;
  /** The stacker that turns member scores into the calibrated probability predictSentiment returns. */
  ensemble: SentimentEnsemble;
  /** The TF-IDF + LR member, when the ensemble uses it. */
  tfidf: TfidfLogisticRegression | null;
  /** Decision threshold on the calibrated probability: positive when p >= threshold (0.5 if not tuned). */
  threshold: number;
  summary: SentimentTrainingSummary;
};
