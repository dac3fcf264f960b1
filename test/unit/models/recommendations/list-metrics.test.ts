import { describe, expect, it } from "vitest";
import { catalogShares, intraListDiversity, listMetrics, popularityPercentiles, type ItemAttributes } from "@/models/recommendations/list-metrics";
import { heldOutEvaluation, topShares } from "@/lib/recommendations/pipeline";
import { timeSplit } from "@/models/recommendations/evaluate";
import type { RecommendTrainRow } from "@/models/recommendations/rows";

const attrs = (category: string, brand: string | null = null): ItemAttributes => ({ category, brand });
// a, b in category X; c in Y; d in Z. Brands: a and c by P, d by Q, b none.
const catalog = new Map([
  ["a", attrs("X", "P")],
  ["b", attrs("X")],
  ["c", attrs("Y", "P")],
  ["d", attrs("Z", "Q")],
]);
const sum = (shares: Record<string, number>) => Object.values(shares).reduce((s, v) => s + v, 0);

describe("intra-list diversity", () => {
  it("is the share of pairs from different categories", () => {
    expect(intraListDiversity(["A", "A", "B"])).toBeCloseTo(2 / 3, 12);
    expect(intraListDiversity(["A", "B", "C", "D"])).toBe(1);
    expect(intraListDiversity(["A", "A", "A"])).toBe(0);
    // 4 items, 2 + 2: of 6 pairs, the 4 across groups differ.
    expect(intraListDiversity(["A", "B", "A", "B"])).toBeCloseTo(4 / 6, 12);
    expect(intraListDiversity(["A"])).toBe(0);
  });
});

describe("popularity percentiles", () => {
  it("ranks by training count, ties share their mean rank, unsold items are 0", () => {
    // Ascending: e 0, f 0, d 1, b 3, c 3, a 5 -> positions 0..5 of 5.
    const counts = new Map([["a", 5], ["b", 3], ["c", 3], ["d", 1]]);
    const withUnsold = new Map([...catalog, ["e", attrs("Z")], ["f", attrs("Z")]]);
    const p = popularityPercentiles(withUnsold, counts);
    expect(p.get("e")).toBe(0);
    expect(p.get("f")).toBe(0);
    expect(p.get("d")).toBeCloseTo(2 / 5, 12);
    expect(p.get("b")).toBeCloseTo(3.5 / 5, 12);
    expect(p.get("c")).toBeCloseTo(3.5 / 5, 12);
    expect(p.get("a")).toBe(1);
  });

  it("also ranks items sold in training but missing from the catalogue", () => {
    const p = popularityPercentiles(new Map([["a", attrs("X")]]), new Map([["a", 1], ["z", 4]]));
    expect(p.get("z")).toBe(1);
    expect(p.get("a")).toBe(0);
  });
});

describe("list metrics", () => {
  const lists = new Map([
    ["u1", ["a", "b", "c"]],
    ["u2", ["a", "d"]],
    ["u3", ["x"]], // not in the catalogue
  ]);
  const relevant = new Map([
    ["u1", new Set(["c"])],
    ["u2", new Set(["e"])],
  ]);
  // Ascending counts: d 1, b 2, c 3, a 4 -> percentiles 0, 1/3, 2/3, 1 (x is neither in the catalogue nor sold: 0).
  const trainCounts = new Map([["a", 4], ["b", 2], ["c", 3], ["d", 1]]);

  it("measures accuracy, diversity, popularity bias and exposure of the top k", () => {
    const m = listMetrics(lists, relevant, { catalog, trainCounts });
    expect(m.users).toBe(2);
    expect(m.recallAt10).toBeCloseTo(0.5, 12);
    // c at rank 3 for u1: (1 / log2 4) / 1 = 0.5; u2 misses.
    expect(m.ndcgAt10).toBeCloseTo(0.25, 12);
    // u1: X X Y -> 2/3; u2: X Z -> 1; u3 has one item and no pairs, so it is left out.
    expect(m.diversity).toBeCloseTo((2 / 3 + 1) / 2, 12);
    // Slots: a, b, c, a, d, x -> 1 + 1/3 + 2/3 + 1 + 0 + 0 over 6.
    expect(m.popularityBias).toBeCloseTo(3 / 6, 12);
    expect(m.exposureByCategory).toEqual({ X: 3 / 6, Y: 1 / 6, Z: 1 / 6, unknown: 1 / 6 });
    expect(m.exposureByBrand).toEqual({ P: 3 / 6, "no brand": 2 / 6, Q: 1 / 6 });
    expect(sum(m.exposureByCategory)).toBeCloseTo(1, 12);
    expect(sum(m.exposureByBrand)).toBeCloseTo(1, 12);
  });

  it("reads only the first k items of each list", () => {
    const m = listMetrics(lists, relevant, { catalog, trainCounts, k: 2 });
    expect(m.recallAt10).toBe(0);
    // u1: X X -> 0; u2: X Z -> 1.
    expect(m.diversity).toBeCloseTo(0.5, 12);
    expect(sum(m.exposureByCategory)).toBeCloseTo(1, 12);
    expect(m.exposureByCategory.Y).toBeUndefined();
  });

  it("gives the catalogue's own shares to read exposure against", () => {
    expect(catalogShares(catalog, "category")).toEqual({ X: 0.5, Y: 0.25, Z: 0.25 });
    expect(catalogShares(catalog, "brand")).toEqual({ P: 0.5, "no brand": 0.25, Q: 0.25 });
  });
});

describe("a recommender version's held-out evaluation", () => {
  it("keeps the same top keys in every group and sums the rest into other", () => {
    const kept = topShares({ ours: { a: 0.5, b: 0.3, c: 0.2 }, catalogue: { c: 0.6, d: 0.4 } }, 2);
    // Largest shares anywhere: c 0.6, a 0.5, d 0.4, b 0.3 -> keep c and a.
    expect(kept).toEqual({ ours: { a: 0.5, c: 0.2, other: 0.3 }, catalogue: { c: 0.6, other: 0.4 } });
  });

  it("measures ours and the popularity baseline on the same users", () => {
    const day = 86_400_000;
    const row = (userId: string, itemId: string, d: number): RecommendTrainRow => ({ userId, itemId, timestamp: d * day, weight: 1 });
    // Before the cut a is bought by three, b by two, c by one; after it u1 buys c and u2 buys d.
    const rows = [row("u1", "a", 0), row("u2", "a", 1), row("u3", "a", 2), row("u2", "b", 3), row("u3", "b", 4), row("u3", "c", 5), row("u1", "c", 20), row("u2", "d", 20)];
    const split = timeSplit(rows, { cutMs: 10 * day });
    // "Ours" puts each user's relevant item first (d was not sold before the cut: it is not part of coverage's 3 items).
    const { metrics, evaluation } = heldOutEvaluation(split, new Map([["u1", ["c"]], ["u2", ["d", "c"]]]), catalog);
    expect(metrics.recallAt10).toBe(1);
    expect(metrics.ndcgAt10).toBe(1);
    expect(metrics.users).toBe(2);
    // Popularity (a, b, c): u1 (had a) gets b, c -> hit at rank 2; u2 (had a, b) gets c and misses d.
    expect(metrics.popularityRecallAt10).toBeCloseTo(0.5, 12);
    expect(metrics.popularityNdcgAt10).toBeCloseTo(1 / Math.log2(3) / 2, 12);
    // Share of the 3 items sold before the cut that are shown: ours c (and d), popularity b and c.
    expect(metrics.catalogCoverage).toBeCloseTo(1 / 3 + 1 / 3, 12);
    expect(metrics.popularityCoverage).toBeCloseTo(2 / 3, 12);
    // Lists of two: ours Z Y, popularity X Y (one-item lists have no pairs).
    expect(metrics.diversity).toBe(1);
    expect(metrics.popularityDiversity).toBe(1);
    // Percentiles d 0, c 1/3, b 2/3, a 1: ours shows c, d, c; popularity b, c, c.
    expect(metrics.popularityBias).toBeCloseTo(2 / 9, 12);
    expect(metrics.popularityPopularityBias).toBeCloseTo(4 / 9, 12);
    const byCategory = evaluation.exposureByCategory as Record<string, Record<string, number>>;
    expect(Object.keys(byCategory)).toEqual(["ours", "popularity", "catalogue"]);
    expect(byCategory.catalogue).toEqual({ X: 0.5, Y: 0.25, Z: 0.25 });
    expect(byCategory.popularity).toEqual({ X: 1 / 3, Y: 2 / 3 });
    expect(byCategory.ours).toEqual({ Y: 2 / 3, Z: 1 / 3 });
    const byBrand = evaluation.exposureByBrand as Record<string, Record<string, number>>;
    expect(byBrand.ours).toEqual({ P: 2 / 3, Q: 1 / 3 });
  });
});
