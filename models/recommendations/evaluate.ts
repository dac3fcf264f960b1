import { catalogCoverage, ndcgAtK, recallAtK } from "../metrics/ranking";

/**
 * Time-based hold-out for recommenders: events before the cut train; the users to evaluate are those active
 * after it, and their relevant items are what they took after the cut that they had not had before (a
 * recommender is asked only for new items). The cut sits at `holdoutFraction` of the time span from the end.
 */
export type TimedEvent = { userId: string; itemId: string; timestamp: number };

export type TimeSplit<T extends TimedEvent> = {
  cutMs: number;
  train: T[];
  /** Per evaluated user, the items relevant to them after the cut (never empty). */
  relevant: Map<string, Set<string>>;
};

export function timeCut(timestamps: Iterable<number>, holdoutFraction: number): number {
  let first = Infinity;
  let last = -Infinity;
  for (const t of timestamps) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last - holdoutFraction * (last - first);
}

export function timeSplit<T extends TimedEvent>(
  rows: readonly T[],
  options: { holdoutFraction?: number; cutMs?: number; isRelevant?: (row: T) => boolean } = {},
): TimeSplit<T> {
  const cutMs = options.cutMs ?? timeCut(rows.map((r) => r.timestamp), options.holdoutFraction ?? 0.2);
  const train = rows.filter((r) => r.timestamp < cutMs);
  const had = new Set(train.map((r) => `${r.userId}\u0000${r.itemId}`));
  const relevant = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.timestamp < cutMs || had.has(`${row.userId}\u0000${row.itemId}`)) continue;
    if (options.isRelevant && !options.isRelevant(row)) continue;
    let set = relevant.get(row.userId);
    if (!set) relevant.set(row.userId, (set = new Set()));
    set.add(row.itemId);
  }
  return { cutMs, train, relevant };
}

export type RankingScores = { recallAt10: number; ndcgAt10: number; catalogCoverage: number; users: number };

/** Mean Recall@k and NDCG@k over users with relevant items, and catalogue coverage of all the lists. */
export function scoreRecommendations<Id extends string | number>(
  recommendations: ReadonlyMap<Id, readonly Id[]>,
  relevant: ReadonlyMap<Id, ReadonlySet<Id>>,
  catalogSize: number,
  k = 10,
): RankingScores {
  let recall = 0;
  let ndcg = 0;
  let users = 0;
  for (const [user, items] of relevant) {
    if (items.size === 0) continue;
    const list = recommendations.get(user) ?? [];
    recall += recallAtK(list, items, k);
    ndcg += ndcgAtK(list, items, k);
    users++;
  }
  return {
    recallAt10: users ? recall / users : 0,
    ndcgAt10: users ? ndcg / users : 0,
    catalogCoverage: catalogCoverage([...recommendations.values()], catalogSize, k),
    users,
  };
}
