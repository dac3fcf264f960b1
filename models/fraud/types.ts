import type * as tf from "@tensorflow/tfjs";
import type { Calibration } from "./calibration";
import type { ClassifierMix, LinearHead } from "./linear";
import type { ModelChoice } from "../choices";
import type { TrainingStop } from "../training-stop";
import type { FraudSchema } from "./schema";

/** Hyperparameters of the fraud model. The defaults are chosen to generalise to tables nobody has seen. */
export type FraudOptions = {
  /** Share of the training rows kept for early stopping, calibration and the threshold. */
  validationFraction: number;
  maxCategories: number;
  /** Scaled numeric values are clipped to +-clip. */
  clip: number;
  /** Quantile bins of the piecewise-linear encoding of numbers (schema.ts); 0 turns it off. */
  piecewiseBins: number;
  /**
   * Weight of a fraud row in the loss: "sqrt" = sqrt(genuine / fraud), a middle ground between ignoring the
   * imbalance and fully balancing it (which over-weights a handful of positives); Platt scaling undoes the shift.
   */
  positiveWeight: "sqrt" | "balanced" | number;
  /**
   * Retrain the classifier on all rows (validation slice included) for the early-stopped number of epochs. "auto":
   * on small tables (at most 20,000 fit rows), where a fifth more data matters and retraining is cheap.
   */
  refit: boolean | "auto";
  /**
   * Fit a class-weighted logistic regression beside the network and keep the network, it or their average by
   * validation average precision (linear.ts). "auto": when the fit slice has fewer than 200 frauds or at most 5,000 rows.
   */
  linearCandidate: boolean | "auto";
  classifier: {
    embeddingDim: number;
    /**
     * Seed-ensemble members (see model.ts). "auto": 3 on small tables (at most 20,000 fit rows), where averaging
     * independently initialised networks removes most of their seed-to-seed variance, 1 on larger tables, where
     * that variance is small and scoring time matters.
     */
    members: number | "auto";
    hidden: number[];
    dropout: number;
    l2: number;
    learningRate: number;
    /** "auto": about 20 steps per epoch on small tables, up to 2,048 rows per step on large ones (classifierSteps). */
    batchSize: number | "auto";
    maxEpochs: number;
    /** Epochs without improvement before stopping; large tables (over 20,000 fit rows) use at most 5 (train.ts). */
    patience: number;
    /** Epochs stop once this much time has gone into the classifier. */
    maxSeconds: number;
  };
  autoencoder: {
    enabled: boolean;
    hidden: number;
    bottleneck: number;
    learningRate: number;
    batchSize: number | "auto";
    maxEpochs: number;
    patience: number;
    maxSeconds: number;
    /** At most this many genuine rows (a seeded sample) train it. */
    maxRows: number;
  };
};

export const defaultFraudOptions: FraudOptions = {
  validationFraction: 0.2,
  maxCategories: 50,
  clip: 10,
  piecewiseBins: 8,
  positiveWeight: "sqrt",
  refit: "auto",
  linearCandidate: "auto",
  classifier: {
    embeddingDim: 8,
    members: "auto",
    hidden: [64, 32],
    dropout: 0.1,
    l2: 1e-4,
    learningRate: 3e-3,
    batchSize: "auto",
    maxEpochs: 100,
    patience: 10,
    maxSeconds: 150,
  },
  autoencoder: {
    enabled: true,
    hidden: 24,
    bottleneck: 6,
    learningRate: 3e-3,
    batchSize: "auto",
    // A sample of 16,000 genuine rows and a short patience (issue 13): its reconstruction error levels off within
    // ~7 epochs, and on 41,000 rows it took 21 of our 80 s fit with 100,000 rows, 30 epochs and patience 3.
    maxEpochs: 10,
    patience: 2,
    maxSeconds: 60,
    maxRows: 16_000,
  },
};

export type FraudFitReport = {
  rows: number;
  fitRows: number;
  validationRows: number;
  validationKind: "time" | "stratified";
  positives: number;
  positiveWeight: number;
  classifierEpochs: number;
  classifierBestEpoch: number;
  /** Why the classifier's early-stopped fit ended and its caps (absent in models saved before it was recorded). */
  classifierStop?: TrainingStop;
  autoencoderEpochs: number;
  autoencoderStop?: TrainingStop;
  /** Validation-slice metrics: average precision of the classifier, the anomaly score and the final score. */
  validation: {
    classifierAveragePrecision: number;
    anomalyAveragePrecision: number;
    averagePrecision: number;
    precisionAtThreshold: number;
    recallAtThreshold: number;
    plattAveragePrecision: number;
    blendAveragePrecision: number;
  };
  blended: boolean;
  /**
   * The classifier choice on small tables: validation average precision of the network, the linear model and their
   * average, and the one kept. Absent when the linear candidate was not fitted (many frauds) and in older models.
   */
  classifierChoice?: {
    mix: ClassifierMix;
    averagePrecision: Record<ClassifierMix, number>;
    /** Present when chosen by cross-validation (cross-validate.ts): folds and frauds behind the pooled AP. */
    crossValidation?: { folds: number; positives: number };
  };
  /** What was chosen and why, in words (absent in models saved before issue 13). */
  choices?: ModelChoice[];
  refit: boolean;
  seconds: { prepare: number; classifier: number; autoencoder: number; calibration: number };
  /** Plain-language notes: dropped columns, the validation split, the blend decision. */
  notes: string[];
};

export type FraudModel = {
  schema: FraudSchema;
  classifier: tf.LayersModel;
  autoencoder: tf.LayersModel | null;
  /**
   * Small tables only (few frauds in the fit slice): a class-weighted logistic regression fitted beside the network,
   * and which logit calibration reads (see linear.ts). Absent or null in models saved before it existed: "network".
   */
  linear?: LinearHead | null;
  mix?: ClassifierMix;
  calibration: Calibration;
  /** Scores at or above it are flagged: the F1-best threshold on the validation slice. */
  threshold: number;
  /** Sorted quantiles (0, 1, ..., 100 %) of log reconstruction error on genuine validation rows. */
  anomalyReference: number[];
  options: FraudOptions;
  report: FraudFitReport;
};

export type FraudPrediction = {
  id: string;
  /** Calibrated probability of fraud (0..1), higher = more likely fraud. */
  score: number;
  /** Share of genuine validation payments that were less unusual (0..1); NaN without an autoencoder. */
  anomalyPercentile: number;
  flagged: boolean;
};
