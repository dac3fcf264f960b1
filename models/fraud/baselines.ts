import * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "../backend";
import { averagePrecision } from "../metrics";
import { bestF1Threshold, sigmoid } from "./calibration";
import { trainWithEarlyStopping } from "./early-stopping";
import { encodeRows, selectRows, toInputs } from "./features";
import { buildLogisticRegression, weightedLogitCrossEntropy } from "./model";
import { classifierLogits } from "./predict";
import type { FraudTestRow, FraudTrainRow } from "./rows";
import { featureColumns, inferSchema, type FraudSchema } from "./schema";
import { detectTimeColumn, validationSplit } from "./split";

/**
 * The baseline every fraud model must beat: logistic regression with an L2 penalty on exactly the features the
 * network sees (robust-scaled numbers with missing indicators, one-hot categories), trained with Adam on the same
 * fit slice and early-stopped on the same validation slice. No class weights (the textbook baseline); ranking
 * metrics such as average precision barely depend on them for a linear model.
 */
export type LogisticBaseline = {
  schema: FraudSchema;
  model: tf.LayersModel;
  epochs: number;
  /** The F1-best probability threshold on the validation slice, chosen as for our model. */
  threshold: number;
};

export type LogisticBaselineOptions = {
  seed: number;
  validationFraction?: number;
  l2?: number;
  learningRate?: number;
  batchSize?: number | "auto";
  maxEpochs?: number;
  patience?: number;
  maxSeconds?: number;
};

export async function fitLogisticBaseline(rows: readonly FraudTrainRow[], options: LogisticBaselineOptions): Promise<LogisticBaseline> {
  await ensureBackend();
  const columns = featureColumns(rows);
  const timeColumn = detectTimeColumn(
    rows.map((r) => r.features),
    columns,
  );
  const split = validationSplit(rows, timeColumn, { fraction: options.validationFraction ?? 0.2, seed: options.seed });
  const schema = inferSchema(
    split.fit.map((i) => rows[i]!.features),
    columns,
    timeColumn,
    // Plain scaled numbers and one-hot categories: no piecewise-linear bins for the textbook baseline.
    { maxCategories: 50, clip: 10, piecewiseBins: 0 },
  );
  const all = encodeRows(
    schema,
    rows.map((r) => r.features),
  );
  const fit = selectRows(all, split.fit);
  const validation = selectRows(all, split.validation);
  const validationLabels = split.validation.map((i) => rows[i]!.label);
  const fitLabels = split.fit.map((i) => rows[i]!.label);
  const model = buildLogisticRegression(all.layout, { l2: options.l2 ?? 1e-4 });
  // Created here and disposed below: a LayersModel does not free an optimiser it was given.
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  const loss = weightedLogitCrossEntropy(1);
  model.compile({ optimizer, loss });
  const inputs = toInputs(fit);
  const target = tf.tensor2d(fitLabels, [fitLabels.length, 1]);
  try {
    const run = await trainWithEarlyStopping(model, inputs, target, {
      loss,
      batchSize: options.batchSize ?? "auto",
      maxEpochs: options.maxEpochs ?? 100,
      patience: options.patience ?? 5,
      maxSeconds: options.maxSeconds ?? 120,
      seed: options.seed,
      evaluate: () => averagePrecision(validationLabels, Array.from(classifierLogits(model, validation))),
    });
    const validationScores = Array.from(classifierLogits(model, validation), sigmoid);
    return { schema, model, epochs: run.epochs, threshold: bestF1Threshold(validationLabels, validationScores) };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
    tf.dispose([...inputs, target]);
  }
}

/** Fraud probabilities of the baseline. */
export function predictLogisticBaseline(baseline: LogisticBaseline, rows: readonly FraudTestRow[]): number[] {
  const encoded = encodeRows(
    baseline.schema,
    rows.map((r) => r.features),
  );
  return Array.from(classifierLogits(baseline.model, encoded), sigmoid);
}
