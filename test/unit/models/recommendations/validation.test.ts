import { describe, expect, it } from "vitest";
import { Rng } from "@/db/seed/random";
import { ndcgAtK, recallAtK } from "@/models/metrics/ranking";
import { buildInteractionData } from "@/models/recommendations/features";
import type { RecommendTrainRow } from "@/models/recommendations/rows";
import { defaultSettings } from "@/models/recommendations/types";
import { chooseTrendHalfLife, scoreLists } from "@/models/recommendations/validation";

const day = 86_400_000;
const row = (userId: string, itemId: string, d: number): RecommendTrainRow => ({ userId, itemId, timestamp: d * day, weight: 1 });

describe("validation scores", () => {
  it("are the mean Recall@10 and NDCG@10 of the metrics module, relevant items the model never saw counted as misses", () => {
    const rng = new Rng(11, "validation-test");
    const lists = Array.from({ length: 30 }, () => Array.from({ length: 10 }, () => rng.int(0, 40)));
    // Ids 100+ stand for relevant items the model does not know (no list can hold them).
    const full = lists.map(() => new Set(Array.from({ length: rng.int(1, 12) }, () => (rng.chance(0.8) ? rng.int(0, 40) : 100 + rng.int(0, 5)))));
    const known = full.map((s) => new Set([...s].filter((i) => i < 100)));
    const scores = scoreLists(lists, known, full.map((s) => s.size), "recall+ndcg");
    const mean = (f: (r: number) => number) => lists.reduce((sum, _, r) => sum + f(r), 0) / lists.length;
    const recall = mean((r) => recallAtK(lists[r]!, full[r]!, 10));
    const ndcg = mean((r) => ndcgAtK(lists[r]!, full[r]!, 10));
    expect(scores.recall).toBeCloseTo(recall, 12);
    expect(scores.ndcg).toBeCloseTo(ndcg, 12);
    expect(scores.score).toBeCloseTo((recall + ndcg) / 2, 12);
    expect(scoreLists(lists, known, full.map((s) => s.size), "recall").score).toBeCloseTo(recall, 12);
  });

  it("tell apart two lists with the same hits in a different order only when NDCG is part of the score", () => {
    const relevant = [new Set([7])];
    const first = scoreLists([[7, 1, 2]], relevant, [1], "recall+ndcg");
    const third = scoreLists([[1, 2, 7]], relevant, [1], "recall+ndcg");
    expect(first.recall).toBe(third.recall);
    expect(first.score).toBeGreaterThan(third.score);
    expect(scoreLists([[7, 1, 2]], relevant, [1], "recall").score).toBe(scoreLists([[1, 2, 7]], relevant, [1], "recall").score);
  });
});

describe("choosing the trend half-life", () => {
  // Tea sold to 5 customers long ago, bread and jam to 4 each (jam the most recently), butter to 3.
  const rows = [
    ...["h", "i", "j", "k", "l"].map((u) => row(u, "tea", 1)),
    row("a", "bread", 10), row("a", "butter", 10), row("b", "bread", 11), row("b", "butter", 11),
    row("c", "bread", 12), row("c", "butter", 12), row("m", "bread", 12),
    ...["d", "e", "f", "g"].map((u, n) => row(u, "jam", 14 + n)),
  ];
  const data = buildInteractionData(rows, Infinity);
  // Span 16 days: 0.125 of it is a 2-day half-life, under which jam ranks first; plain counts put it third.
  const settings = { ...defaultSettings, validationMetric: "recall+ndcg" as const, trendHalfLifeCandidates: [0.125, Infinity] };

  it("keeps plain counts when a decay only ties, and takes the decay when it ranks the new items higher", () => {
    // Bread is second under both rankings.
    const bread = new Map([["new", new Set(["bread"])]]);
    expect(chooseTrendHalfLife(data, ["new"], bread, settings)).toBe(Infinity);
    const jam = new Map([["new", new Set(["jam"])]]);
    expect(chooseTrendHalfLife(data, ["new"], jam, settings)).toBe(0.125);
    // Recall@10 alone cannot see that jam moved from third to first: both lists hold it.
    expect(chooseTrendHalfLife(data, ["new"], jam, { ...settings, validationMetric: "recall" })).toBe(Infinity);
  });

  it("ranks a returning customer's unseen items only", () => {
    // d had jam: with it out of d's list, the decay puts bread first, plain counts still second (after tea).
    const relevant = new Map([["d", new Set(["bread"])]]);
    expect(chooseTrendHalfLife(data, ["d"], relevant, settings)).toBe(0.125);
  });
});
