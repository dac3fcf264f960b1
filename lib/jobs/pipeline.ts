import type { Db } from "../db";
import type { ModelTask, ModelVersion } from "../schema";
import type { Bins } from "../../models/metrics/drift";
import type { FitContext, TaskModule, TrainingProgress } from "../../models/task";

/** Per feature (and for the score), the training-period distribution that drift is measured against. */
export type DriftReference = Record<string, Bins>;

export type TrainingOutcome = {
  // The concrete row and model types differ per task; the worker only hands them back to the same module.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: TaskModule<any, any, any, any>;
  model: unknown;
  /** Metrics on data the model did not see (a later period for anything with time). */
  metrics: Record<string, number>;
  params: Record<string, unknown>;
  trainFrom: string | null;
  trainTo: string | null;
  /** Hash of the training rows, so two versions can be told to have seen the same data. */
  dataHash: string;
  drift: DriftReference;
  /**
   * Extra files for the app, written as JSON beside the model (name -> content), e.g. fraud's `evaluation.json`
   * (held-out scores and labels, so the app can draw curves without tfjs). Names are plain file names.
   */
  files?: Record<string, unknown>;
};

/**
 * How one task trains from the database: load rows with the app's loaders, split by time, fit with the same
 * TaskModule the CLI uses, evaluate on the held-out period, and describe the training distribution for drift.
 */
export type TrainingPipeline = {
  task: ModelTask;
  train(db: Db, ctx: FitContext): Promise<TrainingOutcome>;
  /**
   * Recent values of the features (and the score) that the drift reference describes, over the last `days` days
   * of data; `artifactDir` holds the champion's files, for scoring.
   */
  recentForDrift(db: Db, artifactDir: string, days: number): Promise<Record<string, number[]>>;
  /**
   * A "score" job: uses `version` (the champion, its files in `artifactDir`) to write its outputs for the app (for
   * forecast: publish the coming weeks' forecasts; for pricing: price recommendations). Returns a summary for the
   * job's progress. Optional: a task without it has nothing to publish.
   */
  score?(db: Db, artifactDir: string, version: ModelVersion, ctx: ScoreContext): Promise<Record<string, unknown>>;
};

export type ScoreContext = {
  createdBy: number | null;
  onProgress: (progress: TrainingProgress) => void;
  /** The score job's params (e.g. fraud's windowDays); optional so callers outside the queue may leave them out. */
  params?: Record<string, unknown>;
};
