import { describe, expect, it } from "vitest";
import { buildItemNeighbours, popularityScores, rankByScore, recommendBoughtTogether, recommendCooccurrence, recommendPopular } from "@/models/recommendations/baselines";
import { scoreRecommendations, timeSplit } from "@/models/recommendations/evaluate";
import { buildInteractionData } from "@/models/recommendations/features";
import type { RecommendTrainRow } from "@/models/recommendations/rows";

const day = 86_400_000;
const row = (userId: string, itemId: string, d: number, weight = 1): RecommendTrainRow => ({ userId, itemId, timestamp: d * day, weight });

// Bread and butter go together; jam is popular but bought alone; tea was popular long ago.
const rows = [
  row("a", "bread", 10), row("a", "butter", 10),
  row("b", "bread", 11), row("b", "butter", 11),
  row("c", "bread", 12), row("c", "butter", 12),
  row("d", "jam", 13), row("e", "jam", 14), row("f", "jam", 15), row("g", "jam", 16),
  row("h", "tea", 1), row("i", "tea", 1), row("j", "tea", 1), row("k", "tea", 1), row("l", "tea", 1),
  row("m", "bread", 17),
];

describe("recommendation baselines", () => {
  const data = buildInteractionData(rows, Infinity);
  const id = (name: string) => data.itemIndex.get(name)!;

  it("popularity counts users per item; a half-life favours what is popular now", () => {
    const plain = rankByScore(popularityScores(data));
    expect(data.items[plain[0]!]).toBe("tea");
    const recent = rankByScore(popularityScores(data, 2 * day));
    expect(data.items[recent[0]!]).toBe("jam");
  });

  it("never recommends what a user already had", () => {
    const lists = recommendPopular(data, ["a", "new"], 10);
    expect(lists.get("a")!.map((i) => data.items[i])).not.toContain("bread");
    expect(lists.get("new")).toHaveLength(data.items.length);
  });

  it("co-occurrence: who bought bread also bought butter (cosine 1), not jam", () => {
    const neighbours = buildItemNeighbours(data, { neighbours: 3 });
    expect(neighbours.indices[id("bread") * 3]).toBe(id("butter"));
    expect(neighbours.sims[id("bread") * 3]).toBeCloseTo(3 / Math.sqrt(4 * 3), 6);
    const lists = recommendCooccurrence(data, neighbours, ["m"], 2);
    expect(lists.get("m")!.map((i) => data.items[i])).toEqual(["butter", "tea"]);
  });

  it("bought together: raw co-occurrence counts summed over the history, where cosine ranks otherwise", () => {
    // Cereal with milk for 2 users, with water for 3; water is a best seller (10 users), milk is not (4).
    // From cereal alone: counts water 3 > milk 2 > bowl 1, cosine milk 2/√28 > water 3/√70 > bowl 1/√21.
    // With bowl (bought with milk by 2 more) as well: milk 2 + 2 = 4 > water 3.
    const many = (prefix: string, n: number, items: string[]) => Array.from({ length: n }, (_, u) => items.map((item) => row(`${prefix}${u}`, item, 1))).flat();
    const shop = buildInteractionData(
      [
        ...many("m", 2, ["milk", "cereal"]),
        ...many("w", 3, ["water", "cereal"]),
        ...many("x", 7, ["water"]),
        ...many("b", 2, ["bowl", "milk"]),
        row("t1", "cereal", 2),
        row("t2", "cereal", 2),
        row("t2", "bowl", 2),
      ],
      Infinity,
    );
    const names = (lists: Map<string, number[]>, user: string) => lists.get(user)!.map((i) => shop.items[i]);
    const together = recommendBoughtTogether(shop, ["t1", "t2", "new"], 3);
    expect(names(together, "t1")).toEqual(["water", "milk", "bowl"]);
    expect(names(together, "t2")).toEqual(["milk", "water"]);
    // Unknown user: the popularity ranking (water 10, cereal 7, milk 4).
    expect(names(together, "new")).toEqual(["water", "cereal", "milk"]);
    const knn = recommendCooccurrence(shop, buildItemNeighbours(shop), ["t1"], 3);
    expect(names(knn, "t1")).toEqual(["milk", "water", "bowl"]);
  });

  it("splits by time: relevant items are the new ones after the cut", () => {
    const split = timeSplit([...rows, row("a", "jam", 30), row("a", "bread", 31), row("z", "tea", 32)], { cutMs: 20 * day });
    expect(split.train).toHaveLength(rows.length);
    expect(split.relevant).toEqual(new Map([["a", new Set(["jam"])], ["z", new Set(["tea"])]]));
    const scores = scoreRecommendations(new Map([["a", ["jam", "tea"]], ["z", ["jam"]]]), split.relevant, 5);
    expect(scores.recallAt10).toBe(0.5);
    expect(scores.catalogCoverage).toBeCloseTo(2 / 5, 6);
  });
});
