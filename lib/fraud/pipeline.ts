import type { Db } from "@/lib/db";
import { loadFraudScoringRows, loadFraudTrainingRows } from "./training-data";
import { createFraudTask } from "../../models/fraud/index";
import type { FraudModel, FraudOptions } from "../../models/fraud/types";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { atThreshold, averagePrecision, rocAuc } from "../../models/metrics/classification";
import { driftReferenceOf, isoDay, numericColumn, timeCut } from "../jobs/pipeline-common";
import { batchScore } from "./batch-score";
import { DAY_MS } from "../dates";

const DRIFT_FEATURES = ["amount", "hour_of_day", "account_age_days", "card_txn_count_24h", "amount_to_customer_avg"] as const;

/**
 * What the app reads to draw the champion's precision-recall curve and to choose thresholds with costs, without
 * tfjs: its scores on the held-out payments with their labels and amounts (currency units), in payment order.
 */
export type FraudEvaluation = { scores: number[]; labels: (0 | 1)[]; amounts: number[] };

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Fraud: train on the earlier 80 % of labelled payments by time, evaluate on the latest 20 % (written as
 * `evaluation.json` beside the model). A score job batch-scores recent unscored payments (batch-score.ts).
 */
export function createFraudPipeline(overrides: Partial<FraudOptions> = {}): TrainingPipeline {
  const fraudTask = createFraudTask(overrides);
  return {
    task: "fraud",
    async train(db, ctx) {
      const all = await loadFraudTrainingRows(db);
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
        params: {
          ...model.options,
          blended: model.report.blended,
          trainRows: train.length,
          testRows: test.length,
          // Why the classifier's (and the autoencoder's) epochs ended: a time cap hit is shown on the Models page.
          ...(model.report.classifierStop ? { training: model.report.classifierStop } : {}),
          ...(model.report.autoencoderStop ? { autoencoderTraining: model.report.autoencoderStop } : {}),
          // What the fit chose and why (classifier candidate by out-of-fold AUPRC on small data, the anomaly blend).
          choices: model.report.choices ?? [],
        },
        trainFrom: train[0] ? isoDay(time(train[0])) : null,
        trainTo: train.length ? isoDay(time(train[train.length - 1]!)) : null,
        dataHash: hashRows(train.map((r) => [r.id, r.label])),
        drift: driftReferenceOf({
          ...Object.fromEntries(DRIFT_FEATURES.map((f) => [f, numericColumn(train, (r) => r.features[f])])),
          score: trainScores,
        }),
        files: {
          "evaluation.json": {
            scores: scores.map(round5),
            labels,
            amounts: test.map((r) => round5(Number(r.features.amount))),
          } satisfies FraudEvaluation,
        },
      };
    },
    async score(db, artifactDir, version, ctx) {
      const windowDays = typeof ctx.params?.windowDays === "number" && ctx.params.windowDays > 0 ? ctx.params.windowDays : 30;
      const result = await batchScore(db, artifactDir, version, { windowDays, createdBy: ctx.createdBy, onProgress: ctx.onProgress });
      return { ...result };
    },
    async recentForDrift(db: Db, artifactDir: string, days: number) {
      const latest = (await loadFraudScoringRows(db, {})).at(-1);
      if (!latest) return {} as Record<string, number[]>;
      const until = Date.parse(String(latest.features.created_at)) + 1;
      const rows = await loadFraudScoringRows(db, { since: new Date(until - days * DAY_MS), until: new Date(until) });
      const model: FraudModel = await fraudTask.load(artifactDir);
      try {
        const scores = (await fraudTask.predict(model, rows)).map((p) => p.score);
        return { ...Object.fromEntries(DRIFT_FEATURES.map((f) => [f, numericColumn(rows, (r) => r.features[f])])), score: scores };
      } finally {
        fraudTask.dispose(model);
      }
    },
  };
}

export const fraudPipeline: TrainingPipeline = createFraudPipeline();
