import type { TaskModule } from "../task";
import { parseFraudTest, parseFraudTrain } from "./parse";
import { loadFraudModel, saveFraudModel } from "./persist";
import { predictFraud } from "./predict";
import type { FraudTestRow, FraudTrainRow } from "./rows";
import { fitFraudModel } from "./train";
import { defaultFraudOptions, type FraudModel, type FraudOptions, type FraudPrediction } from "./types";

/**
 * The fraud task: a calibrated wide & deep classifier with an autoencoder anomaly score (see train.ts), scored as
 * `id,score` (calibrated fraud probability). Reasons per payment come from explainFraud (explain.ts).
 */
export type FraudTask = TaskModule<FraudTrainRow, FraudTestRow, FraudPrediction, FraudModel>;

export function createFraudTask(overrides: Partial<FraudOptions> = {}): FraudTask {
  const options: FraudOptions = { ...defaultFraudOptions, ...overrides };
  return {
    name: "fraud",
    parseTrain: parseFraudTrain,
    parseTest: parseFraudTest,
    fit: (rows, ctx) => fitFraudModel(rows, ctx, options),
    predict: (model, rows) => predictFraud(model, rows),
    outputColumns: ["id", "score"] as const,
    toOutputRow: (p) => [p.id, p.score],
    save: saveFraudModel,
    load: loadFraudModel,
    dispose: (model) => {
      model.classifier.dispose();
      model.autoencoder?.dispose();
    },
  };
}

export const fraudTask: FraudTask = createFraudTask();

export { explainFraud, type ExplainOptions, type FraudReason } from "./explain";
export { fitLogisticBaseline, predictLogisticBaseline, type LogisticBaseline } from "./baselines";
export { predictFraud, scoreEncoded } from "./predict";
export type { FraudCell, FraudFeatures, FraudTestRow, FraudTrainRow } from "./rows";
export { defaultFraudOptions, type FraudModel, type FraudOptions, type FraudPrediction, type FraudFitReport } from "./types";
