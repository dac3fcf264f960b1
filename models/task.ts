/**
 * The contract every model task (forecast, pricing, fraud, sentiment, recommend) implements, so the CLI, the
 * worker, the bench and the app train and predict through the same code.
 */
export type TrainingProgress = {
  stage: string;
  epoch?: number;
  epochs?: number;
  loss?: number;
  /** Metric on the time-ordered (or held-out) validation slice used for early stopping. */
  validation?: { name: string; value: number };
  /** 0..1 of the whole fit, for progress bars and ETA. */
  fraction?: number;
};

export type FitContext = {
  seed: number;
  onProgress: (progress: TrainingProgress) => void;
  /** Checked between epochs; an aborted fit throws FitCancelledError. */
  signal?: AbortSignal;
};

export class FitCancelledError extends Error {
  constructor() {
    super("Training was cancelled.");
    this.name = "FitCancelledError";
  }
}

/** Malformed input for a task, with the 1-based file line when it comes from a CSV (header = line 1). */
export class TaskInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = "TaskInputError";
  }
}

export type CsvRecord = { line: number; values: Record<string, string> };

export interface TaskModule<Train, Test, Prediction, Model> {
  name: "forecast" | "pricing" | "fraud" | "sentiment" | "recommend";
  /** Turn CSV records into typed rows; throw TaskInputError (with the line) on anything malformed. */
  parseTrain(records: CsvRecord[], columns: string[]): Train[];
  parseTest(records: CsvRecord[], columns: string[]): Test[];
  fit(train: Train[], ctx: FitContext): Promise<Model>;
  predict(model: Model, test: Test[]): Promise<Prediction[]>;
  outputColumns: readonly string[];
  toOutputRow(prediction: Prediction): (string | number)[];
  /** Write the fitted model into a directory (weights + metadata.json) and read it back. */
  save(model: Model, dir: string): Promise<void>;
  load(dir: string): Promise<Model>;
  /** Free tensors held by the model. */
  dispose(model: Model): void;
}

export const noProgress: FitContext["onProgress"] = () => {};

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FitCancelledError();
}
