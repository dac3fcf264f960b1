import type * as tf from "@tensorflow/tfjs";
import type { PlattScaling } from "./calibration";
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
  /** Whether the shipped network was retrained on training + validation rows for bestEpoch epochs. */
  refitOnAllRows: boolean;
  /** Metrics of the restored (best) weights on the validation slice, after calibration. */
  validation: { logLoss: number; rocAuc: number; accuracy: number };
  featureCount: number;
  vocabularyWords: number;
  vocabularyBigrams: number;
  seconds: number;
};

/** A fitted sentiment model: the network, how texts become its inputs, and the calibration of its logit. */
export type SentimentModel = {
  architecture: SentimentArchitecture;
  network: tf.LayersModel;
  config: SentimentModelConfig;
  space: FeatureSpace;
  /** The CNN needs at least this many tokens per input (1 for the bag model). */
  cnnKernelSize: number;
  scaling: PlattScaling;
  encoder: FeatureEncoder;
  summary: SentimentTrainingSummary;
};
