import { popularityScores, rankByScore, seenSet, topUnseen } from "./baselines";
import type { InteractionData } from "./features";
import type { RecommendSettings } from "./types";

/**
 * How fit scores a candidate (an epoch, a blend λ, a trend half-life) on the validation slice: the mean over
 * users of a per-user list score at 10. "recall+ndcg" is the mean of Recall@10 and NDCG@10 (binary relevance),
 * the two things the recommender is judged on; NDCG also rewards putting the hits first, which Recall@10 alone
 * cannot see (two rankings with the same hits anywhere in the top 10 tie on recall). "recall" is Recall@10 alone.
 */
export type ValidationMetric = RecommendSettings["validationMetric"];

export type ListScores = { recall: number; ndcg: number; score: number };

const K = 10;
const idealDcg = Array.from({ length: K + 1 }, (_, n) => {
  let s = 0;
  for (let r = 0; r < n; r++) s += 1 / Math.log2(r + 2);
  return s;
});

/**
 * Mean Recall@10, NDCG@10 and the selection score of ranked lists of item indices. `relevant[r]` is user r's
 * relevant items that the model knows, `sizes[r]` how many relevant items they have in all (items the model has
 * never seen count in the denominator: no list can reach them).
 */
export function scoreLists(lists: readonly (readonly number[])[], relevant: readonly (ReadonlySet<number> | undefined)[], sizes: readonly number[], metric: ValidationMetric): ListScores {
  let recall = 0;
  let ndcg = 0;
  lists.forEach((list, r) => {
    const size = sizes[r] ?? 0;
    const items = relevant[r];
    if (!items || size === 0) return;
    let hits = 0;
    let dcg = 0;
    list.slice(0, K).forEach((i, rank) => {
      if (!items.has(i)) return;
      hits++;
      dcg += 1 / Math.log2(rank + 2);
    });
    recall += hits / size;
    ndcg += dcg / (idealDcg[Math.min(K, size)] ?? 1);
  });
  const n = Math.max(1, lists.length);
  return { recall: recall / n, ndcg: ndcg / n, score: selectionScore({ recall: recall / n, ndcg: ndcg / n }, metric) };
}

export function selectionScore(s: { recall: number; ndcg: number }, metric: ValidationMetric): number {
  return metric === "recall" ? s.recall : (s.recall + s.ndcg) / 2;
}

/**
 * The trend half-life: the one (share of the span) whose recency-weighted popularity ranks the given users' new
 * items best by the validation metric. Plain counts are tried first, then ever shorter half-lives, and each must
 * beat the best so far strictly: a decay has to earn its place.
 */
export function chooseTrendHalfLife(data: InteractionData, users: readonly string[], relevant: ReadonlyMap<string, ReadonlySet<string>>, settings: RecommendSettings): number {
  const span = data.referenceMs - data.firstMs;
  const known = users.map((u) => new Set([...(relevant.get(u) ?? [])].map((item) => data.itemIndex.get(item) ?? -1)));
  const sizes = users.map((u) => relevant.get(u)?.size ?? 0);
  const seen = users.map((u) => seenSet(data, data.userIndex.get(u)));
  let best = { fraction: Infinity, score: -1 };
  const candidates = [...settings.trendHalfLifeCandidates].sort((a, b) => b - a);
  for (const fraction of candidates) {
    const order = rankByScore(popularityScores(data, span > 0 && Number.isFinite(fraction) ? fraction * span : Infinity));
    const lists = seen.map((s) => topUnseen(order, s, K));
    const { score } = scoreLists(lists, known, sizes, settings.validationMetric);
    if (score > best.score) best = { fraction, score };
  }
  return best.fraction;
}
