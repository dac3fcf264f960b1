/**
 * Top-K recommendation metrics. `recommended` is the ranked list for one user; `relevant` the items the user
 * actually interacted with in the held-out period.
 */

/** Share of the relevant items found in the top K. */
export function recallAtK(recommended: readonly (string | number)[], relevant: ReadonlySet<string | number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const item of recommended.slice(0, k)) if (relevant.has(item)) hits++;
  return hits / relevant.size;
}

/**
 * Normalised discounted cumulative gain with binary relevance (Järvelin & Kekäläinen 2002):
 * DCG = sum over hits at rank r (1-based) of 1 / log2(r + 1), divided by the DCG of a perfect ranking.
 */
export function ndcgAtK(recommended: readonly (string | number)[], relevant: ReadonlySet<string | number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  recommended.slice(0, k).forEach((item, index) => {
    if (relevant.has(item)) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

/** Catalogue coverage: share of all items that appear in at least one user's top K. */
export function catalogCoverage(recommendations: readonly (readonly (string | number)[])[], catalogSize: number, k: number): number {
  if (catalogSize === 0) return 0;
  const seen = new Set<string | number>();
  for (const list of recommendations) for (const item of list.slice(0, k)) seen.add(item);
  return seen.size / catalogSize;
}

/** Mean of a per-user metric over users that have at least one relevant item. */
export function meanOverUsers<T>(users: T[], metric: (user: T) => number | null): number {
  let sum = 0;
  let n = 0;
  for (const u of users) {
    const v = metric(u);
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}
