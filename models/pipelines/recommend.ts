import { loadRecommendationTrainRows } from "../../lib/recommendations/training-data";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { recommendTask } from "../recommend/index";
import { scoreRecommendations, timeSplit } from "../recommend/evaluate";
import { driftReferenceOf, isoDay } from "./common";

function perUserCounts(rows: { userId: string }[]): number[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.userId, (counts.get(r.userId) ?? 0) + 1);
  return [...counts.values()];
}

/** Recommendations: purchases before the last 20 % of the time span train; what users bought after it is the test. */
export const recommendPipeline: TrainingPipeline = {
  task: "recommend",
  async train(db, ctx) {
    const rows = loadRecommendationTrainRows(db);
    const split = timeSplit(rows);
    const model = await recommendTask.fit(split.train, ctx);
    const predictions = await recommendTask.predict(model, [...split.relevant.keys()].map((userId) => ({ userId })));
    const lists = new Map<string, string[]>();
    for (const p of predictions) {
      const list = lists.get(p.userId);
      if (list) list.push(p.itemId);
      else lists.set(p.userId, [p.itemId]);
    }
    const catalog = new Set(split.train.map((r) => r.itemId)).size;
    const scores = scoreRecommendations(lists, split.relevant, catalog);
    return {
      module: recommendTask,
      model,
      metrics: { recallAt10: scores.recallAt10, ndcgAt10: scores.ndcgAt10, catalogCoverage: scores.catalogCoverage, users: scores.users },
      params: { signal: "purchases", trainRows: split.train.length },
      trainFrom: split.train.length ? isoDay(split.train.reduce((m, r) => Math.min(m, r.timestamp), Number.POSITIVE_INFINITY)) : null,
      trainTo: isoDay(split.cutMs),
      dataHash: hashRows(split.train.map((r) => [r.userId, r.itemId, r.timestamp])),
      drift: driftReferenceOf({ purchasesPerUser: perUserCounts(split.train) }),
    };
  },
  async recentForDrift(db, _artifactDir, days) {
    const rows = loadRecommendationTrainRows(db);
    const last = rows.reduce((m, r) => Math.max(m, r.timestamp), 0);
    return { purchasesPerUser: perUserCounts(rows.filter((r) => r.timestamp > last - days * 86_400_000)) };
  },
};
