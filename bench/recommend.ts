import { ensureBackend } from "../models/backend";
import { buildItemNeighbours, popularityScores, rankByScore, recommendCooccurrence, recommendPopular } from "../models/recommend/baselines";
import { scoreRecommendations, timeSplit, type RankingScores } from "../models/recommend/evaluate";
import { buildInteractionData } from "../models/recommend/features";
import { recommendTask } from "../models/recommend/index";
import { readOnlineRetail } from "../models/recommend/online-retail";
import type { RecommendTrainRow } from "../models/recommend/rows";
import type { FitReport } from "../models/recommend/types";
import { loadInteractionEvents, toTrainingRows } from "../lib/recommendations/training-data";
import { DATASETS, datasetFiles } from "./datasets";
import { benchDemoDb } from "./demo-store";
import { timed, type BenchRow, type BenchSection } from "./types";

/**
 * Recommendations: our item-based two-tower model (what `npm run ml -- fit-predict recommend` ships) against
 * popularity and item-item co-occurrence (cosine), all asked for the top 10 items each user had not had yet.
 * Split by time: the last 20% of the time span is held out; evaluated users are those active after the cut
 * (including new ones, who get each model's cold-start answer), relevant items what they took after the cut
 * that they had not had before. Metrics: Recall@10, NDCG@10 (binary relevance), catalogue coverage of the lists.
 * - UCI Online Retail sample (Chen et al. 2012, CC BY 4.0): customers x stock codes, guests and returns dropped;
 * - the demo store's interactions: relevant = purchases after the cut of products not purchased before; ours
 *   trained on purchases (what the app ships) and on every interaction weighted purchase 1 > cart 0.5 > view 0.25.
 */
const HOLDOUT = 0.2;
const SEED = 42;

export async function benchRecommend(): Promise<BenchSection[]> {
  await ensureBackend();
  const sections: BenchSection[] = [];

  const [retailFile] = datasetFiles("recommend · online_retail_sample.csv", [DATASETS.onlineRetail]) ?? [];
  if (retailFile) {
    const retail = readOnlineRetail(retailFile);
    const retailSplit = timeSplit(retail, { holdoutFraction: HOLDOUT });
    sections.push({
      task: "recommend",
      dataset: `UCI Online Retail sample (${retail.length} purchase lines of signed-in customers)`,
      split: `last ${HOLDOUT * 100}% of the time span held out (cut ${new Date(retailSplit.cutMs).toISOString().slice(0, 10)})`,
      ...(await compare(retailSplit.train, retailSplit.relevant, [{ model: "ours: two-tower + recency, co-occurrence blend", rows: retailSplit.train, ours: true }])),
    });
  }

  const db = await benchDemoDb();
  const events = loadInteractionEvents(db);
  db.$client.close();
  const purchases = toTrainingRows(events, "purchases");
  const demoSplit = timeSplit(purchases, { holdoutFraction: HOLDOUT });
  const weighted = toTrainingRows(events.filter((e) => e.timestamp < demoSplit.cutMs), "weighted");
  sections.push({
    task: "recommend",
    dataset: `demo store interactions (${events.length}: ${purchases.length} purchases, the rest views and carts)`,
    split: `last ${HOLDOUT * 100}% of the purchases' time span held out (cut ${new Date(demoSplit.cutMs).toISOString().slice(0, 10)}); relevant = products purchased after the cut and not before`,
    ...(await compare(demoSplit.train, demoSplit.relevant, [
      { model: "ours, trained on purchases (app default)", rows: demoSplit.train, ours: true },
      { model: "ours, trained on views + carts + purchases (weighted)", rows: weighted },
    ])),
  });
  return sections;
}

type Candidate = { model: string; rows: RecommendTrainRow[]; ours?: boolean };

async function compare(train: RecommendTrainRow[], relevant: Map<string, Set<string>>, candidates: Candidate[]): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const users = [...relevant.keys()];
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const itemsInTrain = new Set(train.map((r) => r.itemId)).size;
  const row = (model: string, scores: RankingScores, fitSeconds: number, predictSeconds: number, ours = false): BenchRow => ({
    model,
    ...(ours ? { ours } : {}),
    metrics: { "recall@10": scores.recallAt10, "ndcg@10": scores.ndcgAt10, coverage: scores.catalogCoverage },
    fitSeconds,
    predictSeconds,
  });

  for (const candidate of candidates) {
    const fit = await timed(() => recommendTask.fit(candidate.rows, { seed: SEED, onProgress: () => {} }));
    const predicted = await timed(() => recommendTask.predict(fit.value, users.map((userId) => ({ userId }))));
    const lists = new Map<string, string[]>();
    for (const p of predicted.value) lists.set(p.userId, [...(lists.get(p.userId) ?? []), p.itemId]);
    rows.push(row(candidate.model, scoreRecommendations(lists, relevant, itemsInTrain), fit.seconds, predicted.seconds, candidate.ours));
    notes.push(`${candidate.model}: ${describeFit(fit.value.report)}`);
    recommendTask.dispose(fit.value);
  }

  const popularity = await timed(() => {
    const data = buildInteractionData(train, Infinity);
    return { data, order: rankByScore(popularityScores(data)) };
  });
  const popLists = await timed(() => recommendPopular(popularity.value.data, users, 10));
  rows.push(row("popularity (users per item)", scoreRecommendations(ids(popularity.value.data.items, popLists.value), relevant, itemsInTrain), popularity.seconds, popLists.seconds));

  const cooccurrence = await timed(() => {
    const data = buildInteractionData(train, Infinity);
    return { data, neighbours: buildItemNeighbours(data) };
  });
  const coLists = await timed(() => recommendCooccurrence(cooccurrence.value.data, cooccurrence.value.neighbours, users, 10));
  rows.push(row("item co-occurrence (cosine, top-50 neighbours)", scoreRecommendations(ids(cooccurrence.value.data.items, coLists.value), relevant, itemsInTrain), cooccurrence.seconds, coLists.seconds));

  const known = new Set(train.map((r) => r.userId));
  const warm = users.filter((u) => known.has(u)).length;
  notes.unshift(`${users.length} users evaluated (${warm} with history, ${users.length - warm} new: popularity for them), ${itemsInTrain} items in train`);
  return { rows, notes };
}

function ids(items: string[], lists: Map<string, number[]>): Map<string, string[]> {
  return new Map([...lists].map(([u, l]) => [u, l.map((i) => items[i] ?? "")]));
}

function describeFit(r: FitReport): string {
  const blends = Object.entries(r.validationRecallByBlend)
    .map(([b, v]) => `λ=${b}: ${v.toFixed(4)}`)
    .join(", ");
  const halfLife = (x: number) => (Number.isFinite(x) ? `${x} of the span` : "none");
  return [
    `${r.softmax} softmax, best epoch ${r.bestEpoch} of ${r.epochsRun} (${r.stoppedBy}), refit ${r.refitEpochs} epochs`,
    `validation Recall@10 on ${r.validationUsers} users by co-occurrence blend: ${blends || "n/a"} -> λ=${r.blend}`,
    `trend half-life ${halfLife(r.trendHalfLifeSpan)}, cold-start popularity half-life ${halfLife(r.coldStartHalfLifeSpan)}`,
  ].join("; ");
}
