import type { Db } from "../../db/client";
import { loadFraudScoringRows, loadFraudTrainingRows } from "../../lib/fraud/training-data";
import { fraudTask } from "../fraud/index";
import type { FraudModel } from "../fraud/types";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { atThreshold, averagePrecision, rocAuc } from "../metrics/classification";
import { driftReferenceOf, isoDay, numericColumn, timeCut } from "./common";

const DRIFT_FEATURES = ["amount", "hour_of_day", "account_age_days", "card_txn_count_24h", "amount_to_customer_avg"] as const;

/** Fraud: train on the earlier 80 % of labelled payments by time, evaluate on the latest 20 %. */
export const fraudPipeline: TrainingPipeline = {
  task: "fraud",
  async train(db, ctx) {
    const all = loadFraudTrainingRows(db);
    const time = (r: (typeof all)[number]) => Date.parse(String(r.features.created_at));
    const cut = timeCut(all, time);
    const train = all.filter((r) => time(r) < cut);
    const test = all.filter((r) => time(r) >= cut);
    const model = await fraudTask.fit(train, ctx);
    const scores = (await fraudTask.predict(model, test)).map((p) => p.score);
    const labels = test.map((r) => r.label);
    const threshold = model.threshold;
    const at = atThreshold(labels, scores, threshold);
    const trainScores = (await fraudTask.predict(model, train.slice(-20_000))).map((p) => p.score);
    return {
      module: fraudTask,
      model,
      metrics: { auprc: averagePrecision(labels, scores), rocAuc: rocAuc(labels, scores), precision: at.precision, recall: at.recall, threshold },
      params: { ...model.options, blended: model.report.blended, trainRows: train.length, testRows: test.length },
      trainFrom: train[0] ? isoDay(time(train[0])) : null,
      trainTo: train.length ? isoDay(time(train[train.length - 1]!)) : null,
      dataHash: hashRows(train.map((r) => [r.id, r.label])),
      drift: driftReferenceOf({
        ...Object.fromEntries(DRIFT_FEATURES.map((f) => [f, numericColumn(train, (r) => r.features[f])])),
        score: trainScores,
      }),
    };
  },
  async recentForDrift(db: Db, artifactDir: string, days: number) {
    const latest = loadFraudScoringRows(db, {}).at(-1);
    if (!latest) return {} as Record<string, number[]>;
    const until = Date.parse(String(latest.features.created_at)) + 1;
    const rows = loadFraudScoringRows(db, { since: new Date(until - days * 86_400_000), until: new Date(until) });
    const model: FraudModel = await fraudTask.load(artifactDir);
    try {
      const scores = (await fraudTask.predict(model, rows)).map((p) => p.score);
      return { ...Object.fromEntries(DRIFT_FEATURES.map((f) => [f, numericColumn(rows, (r) => r.features[f])])), score: scores };
    } finally {
      fraudTask.dispose(model);
    }
  },
};
