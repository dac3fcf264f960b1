import { scoreRecommendations, type RankingScores } from "./evaluate";

/**
 * What a set of recommendation lists does beyond accuracy, for the model card, the placements' previews and the
 * bench (each beside the popularity baseline's):
 * - diversity: intra-list diversity with a 0/1 distance on category, i.e. the share of item pairs in a list that
 *   are in different categories (Ziegler et al. 2005), averaged over lists;
 * - popularity bias: the mean popularity percentile of the recommended items (1 = the best seller, 0 = never
 *   bought in the training period), i.e. how much the lists lean on what everybody already buys;
 * - exposure: the share of all recommended slots per category and per brand (who gets shown), beside each one's
 *   share of the catalogue, so an over- or under-exposed group stands out.
 */
export type ItemAttributes = { category: string; brand: string | null };

export type ListMetrics = RankingScores & {
  diversity: number;
  popularityBias: number;
  exposureByCategory: Record<string, number>;
  exposureByBrand: Record<string, number>;
};

export function listMetrics(
  lists: ReadonlyMap<string, readonly string[]>,
  relevant: ReadonlyMap<string, ReadonlySet<string>>,
  options: { catalog: ReadonlyMap<string, ItemAttributes>; trainCounts: ReadonlyMap<string, number>; k?: number },
): ListMetrics {
  const k = options.k ?? 10;
  const ranking = scoreRecommendations(lists, relevant, options.catalog.size, k);
  const percentile = popularityPercentiles(options.catalog, options.trainCounts);
  let diversity = 0;
  let diverseLists = 0;
  let popularity = 0;
  let slots = 0;
  const byCategory = new Map<string, number>();
  const byBrand = new Map<string, number>();
  for (const full of lists.values()) {
    const list = full.slice(0, k);
    if (list.length >= 2) {
      diversity += intraListDiversity(list.map((id) => options.catalog.get(id)?.category ?? ""));
      diverseLists++;
    }
    for (const id of list) {
      popularity += percentile.get(id) ?? 0;
      slots++;
      const attributes = options.catalog.get(id);
      byCategory.set(attributes?.category ?? "unknown", (byCategory.get(attributes?.category ?? "unknown") ?? 0) + 1);
      const brand = attributes?.brand ?? "no brand";
      byBrand.set(brand, (byBrand.get(brand) ?? 0) + 1);
    }
  }
  const shares = (counts: Map<string, number>) => Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => [key, slots ? n / slots : 0]));
  return {
    ...ranking,
    diversity: diverseLists ? diversity / diverseLists : 0,
    popularityBias: slots ? popularity / slots : 0,
    exposureByCategory: shares(byCategory),
    exposureByBrand: shares(byBrand),
  };
}

/** Share of the catalogue per category (the reference the exposure shares are read against). */
export function catalogShares(catalog: ReadonlyMap<string, ItemAttributes>, by: "category" | "brand"): Record<string, number> {
  const counts = new Map<string, number>();
  for (const a of catalog.values()) {
    const key = by === "category" ? a.category : (a.brand ?? "no brand");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => [key, n / Math.max(1, catalog.size)]));
}

export function intraListDiversity(categories: readonly string[]): number {
  let pairs = 0;
  let different = 0;
  for (let a = 0; a < categories.length; a++) {
    for (let b = a + 1; b < categories.length; b++) {
      pairs++;
      if (categories[a] !== categories[b]) different++;
    }
  }
  return pairs ? different / pairs : 0;
}

/** Each catalogue item's popularity percentile among the catalogue (ties share the mean rank; unsold items 0). */
export function popularityPercentiles(catalog: ReadonlyMap<string, ItemAttributes>, trainCounts: ReadonlyMap<string, number>): Map<string, number> {
  const ids = [...new Set([...catalog.keys(), ...trainCounts.keys()])];
  const sorted = ids.map((id) => ({ id, n: trainCounts.get(id) ?? 0 })).sort((a, b) => a.n - b.n);
  const out = new Map<string, number>();
  const last = Math.max(1, sorted.length - 1);
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]?.n === sorted[start]?.n) end++;
    const value = (sorted[start]?.n ?? 0) === 0 ? 0 : (start + end) / 2 / last;
    for (let r = start; r <= end; r++) out.set(sorted[r]?.id ?? "", value);
    start = end + 1;
  }
  return out;
}
