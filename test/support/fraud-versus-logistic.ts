import { fitLogisticBaseline, fraudTask, predictLogisticBaseline, type FraudModel, type FraudTrainRow } from "@/models/fraud";
import { averagePrecision } from "@/models/metrics";

/** Average precision of our fitted model and of logistic regression (fitted here, seed 42) on the same held-out rows. */
export async function oursAndLogisticAp(model: FraudModel, train: FraudTrainRow[], test: FraudTrainRow[], labels: number[]): Promise<{ ours: number; theirs: number }> {
  const ours = averagePrecision(
    labels,
    (await fraudTask.predict(model, test)).map((p) => p.score),
  );
  const baseline = await fitLogisticBaseline(train, { seed: 42 });
  const theirs = averagePrecision(labels, predictLogisticBaseline(baseline, test));
  baseline.model.dispose();
  return { ours, theirs };
}
