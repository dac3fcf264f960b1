import { loadCatalogAttributes, loadRecommendationTrainRows } from "./training-data";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { popularityScores, recommendPopular } from "../../models/recommendations/baselines";
import { recommendTask } from "../../models/recommendations/index";
import { scoreRecommendations, timeSplit, type TimeSplit } from "../../models/recommendations/evaluate";
import { buildInteractionData } from "../../models/recommendations/features";
import { catalogShares, listMetrics, type ItemAttributes } from "../../models/recommendations/list-metrics";
import type { RecommendTrainRow } from "../../models/recommendations/rows";
import { driftReferenceOf, isoDay } from "../jobs/pipeline-common";
import { DAY_MS } from "../dates";

function perUserCounts(rows: { userId: string }[]): number[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.userId, (counts.get(r.userId) ?? 0) + 1);
  return [...counts.values()];
}

/** Groups of the exposure shares kept in a version's params: the rest is summed into "other". */
const EXPOSURE_KEYS = 12;

/**
 * The held-out lists measured beside the popularity baseline (the plain users-per-item ranking of the training
 * split, each user's unseen top 10): accuracy, coverage of the items bought in the training split, diversity,
 * popularity bias (./list-metrics.ts), and who gets shown, by category and brand, against the catalogue's shares.
 */
export function heldOutEvaluation(
  split: TimeSplit<RecommendTrainRow>,
  lists: ReadonlyMap<string, readonly string[]>,
  catalog: ReadonlyMap<string, ItemAttributes>,
): { metrics: Record<string, number>; evaluation: Record<string, unknown> } {
  const data = buildInteractionData(split.train, Infinity);
  const counts = popularityScores(data);
  const trainCounts = new Map(data.items.map((id, i) => [id, counts[i] ?? 0]));
  const popular = new Map([...recommendPopular(data, [...split.relevant.keys()], 10)].map(([u, l]) => [u, l.map((i) => data.items[i] ?? "")]));
  const coverage = (l: ReadonlyMap<string, readonly string[]>) => scoreRecommendations(l, split.relevant, data.items.length).catalogCoverage;
  const ours = listMetrics(lists, split.relevant, { catalog, trainCounts });
  const baseline = listMetrics(popular, split.relevant, { catalog, trainCounts });
  return {
    metrics: {
      recallAt10: ours.recallAt10,
      ndcgAt10: ours.ndcgAt10,
      catalogCoverage: coverage(lists),
      users: ours.users,
      diversity: ours.diversity,
      popularityBias: ours.popularityBias,
      popularityRecallAt10: baseline.recallAt10,
      popularityNdcgAt10: baseline.ndcgAt10,
      popularityCoverage: coverage(popular),
      popularityDiversity: baseline.diversity,
      popularityPopularityBias: baseline.popularityBias,
    },
    evaluation: {
      exposureByCategory: topShares({ ours: ours.exposureByCategory, popularity: baseline.exposureByCategory, catalogue: catalogShares(catalog, "category") }),
      exposureByBrand: topShares({ ours: ours.exposureByBrand, popularity: baseline.exposureByBrand, catalogue: catalogShares(catalog, "brand") }),
    },
  };
}

/**
 * The same `keep` keys in every group (those with the largest share in any group, so an over-exposed small group
 * is kept as well as a big one), the rest of each group summed into "other".
 */
export function topShares(groups: Record<string, Record<string, number>>, keep = EXPOSURE_KEYS): Record<string, Record<string, number>> {
  const largest = new Map<string, number>();
  for (const shares of Object.values(groups)) for (const [key, share] of Object.entries(shares)) largest.set(key, Math.max(largest.get(key) ?? 0, share));
  const kept = new Set(
    [...largest]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, keep)
      .map(([key]) => key),
  );
  return Object.fromEntries(
    Object.entries(groups).map(([name, shares]) => {
      const out: Record<string, number> = {};
      let other = 0;
      for (const [key, share] of Object.entries(shares)) {
        if (kept.has(key)) out[key] = share;
        else other += share;
      }
      if (other > 0) out.other = other;
      return [name, out];
    }),
  );
}

/** Recommendations: purchases before the last 20 % of the time span train; what users bought after it is the test. */
export const recommendPipeline: TrainingPipeline = {
  task: "recommend",
  async train(db, ctx) {
    const rows = await loadRecommendationTrainRows(db);
    const split = timeSplit(rows);
    const model = await recommendTask.fit(split.train, ctx);
    const predictions = await recommendTask.predict(model, [...split.relevant.keys()].map((userId) => ({ userId })));
    const lists = new Map<string, string[]>();
    for (const p of predictions) {
      const list = lists.get(p.userId);
      if (list) list.push(p.itemId);
      else lists.set(p.userId, [p.itemId]);
    }
    const { metrics, evaluation } = heldOutEvaluation(split, lists, await loadCatalogAttributes(db));
    return {
      module: recommendTask,
      model,
      metrics,
      params: {
        signal: "purchases",
        trainRows: split.train.length,
        evaluation,
        ...(model.report.stop ? { training: model.report.stop } : {}),
        // What fit chose and why (served candidate with its validation Recall@10 against the others, epochs, loss).
        ...(model.report.choices ? { choices: model.report.choices } : {}),
      },
      trainFrom: split.train.length ? isoDay(split.train.reduce((m, r) => Math.min(m, r.timestamp), Number.POSITIVE_INFINITY)) : null,
      trainTo: isoDay(split.cutMs),
      dataHash: hashRows(split.train.map((r) => [r.userId, r.itemId, r.timestamp])),
      drift: driftReferenceOf({ purchasesPerUser: perUserCounts(split.train) }),
    };
  },
  async recentForDrift(db, _artifactDir, days) {
    const rows = await loadRecommendationTrainRows(db);
    const last = rows.reduce((m, r) => Math.max(m, r.timestamp), 0);
    return { purchasesPerUser: perUserCounts(rows.filter((r) => r.timestamp > last - days * DAY_MS)) };
  },
};
