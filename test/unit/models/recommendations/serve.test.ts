import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendForUsers } from "@/models/recommendations/predict";
import type { RecommendTrainRow } from "@/models/recommendations/rows";
import { boughtTogether, customerFromEvents, rankCandidates, servingTables, similarItems, type Candidate, type HistoryEvent } from "@/models/recommendations/serve";
import { fitRecommender } from "@/models/recommendations/train";
import type { RecommendModel } from "@/models/recommendations/types";
import { noProgress } from "@/models/task";
import { clusteredInteractions } from "./synthetic";

// Small enough to fit in a few seconds; enough users after the validation cut for phase 1 to choose a blend.
const rows = clusteredInteractions({ users: 400, items: 80, clusters: 8, eventsPerUser: 6, seed: 3 });
const eventsOf = (userId: string): HistoryEvent[] => rows.filter((r) => r.userId === userId).map((r: RecommendTrainRow) => ({ itemId: r.itemId, timestamp: r.timestamp, weight: r.weight }));
const users = [...new Set(rows.map((r) => r.userId))].slice(0, 40);

let blended: RecommendModel;
// The same network with the co-occurrence blend off: the model-only path of both scorers.
let modelOnly: RecommendModel;

beforeAll(async () => {
  blended = await fitRecommender(rows, { seed: 7, onProgress: noProgress }, { embeddingDim: 16, maxEpochs: 3, patience: 1, blendCandidates: [0.5] });
  modelOnly = { ...blended, blend: 0 };
});
afterAll(() => blended.network.dispose());

/**
 * The two scorers compute the same scores in different arithmetic (tfjs float32 matMul vs JS doubles), so items
 * whose scores are equal to ~1e-6 may come in either order; every other difference is a real disagreement. Each
 * rank must hold an item of the same score, by the serving scorer's own full ranking.
 */
function expectSameRanking(batch: string[], served: Candidate[], all: Candidate[]) {
  const score = new Map(all.map((c) => [c.itemId, c.score]));
  expect(served).toHaveLength(batch.length);
  batch.forEach((itemId, r) => {
    if (served[r]!.itemId === itemId) return;
    expect(score.has(itemId)).toBe(true);
    expect(Math.abs(score.get(itemId)! - served[r]!.score)).toBeLessThan(1e-6 * Math.max(1e-3, served[r]!.score));
  });
}

describe("serving one customer at a time", () => {
  it("chose a blend of the two parts, so both paths are exercised", () => {
    expect(blended.blend).toBe(0.5);
  });

  for (const [name, pick] of [
    ["blended", () => blended],
    ["model only", () => modelOnly],
  ] as const) {
    it(`ranks as the batch predictor does for known customers (${name})`, () => {
      const model = pick();
      const batch = recommendForUsers(model, users, 10);
      let identical = 0;
      for (const user of users) {
        const customer = customerFromEvents(model, eventsOf(user));
        expect(customer.unknownItems).toBe(0);
        // The customer as the model saw them in training: the same items had, the same history.
        expect([...customer.seen].sort((a, b) => a - b)).toEqual([...model.seen.get(user)!].sort((a, b) => a - b));
        const served = rankCandidates(model, customer, 10);
        const expected = batch.get(user)!;
        expectSameRanking(expected, served, rankCandidates(model, customer, model.items.length));
        if (served.every((c, r) => c.itemId === expected[r])) identical++;
        // Scores are the blended probabilities, best first.
        for (let r = 1; r < served.length; r++) expect(served[r]!.score).toBeLessThanOrEqual(served[r - 1]!.score);
      }
      // Near-ties are rare: almost every list is the very same, in the same order.
      expect(identical).toBeGreaterThanOrEqual(users.length - 2);
    });
  }

  it("leaves out what the customer had unless asked to rank it too", () => {
    const customer = customerFromEvents(blended, eventsOf(users[0]!));
    const had = new Set([...customer.seen].map((i) => blended.items[i]));
    expect(had.size).toBeGreaterThan(0);
    const unseen = rankCandidates(blended, customer, blended.items.length);
    expect(unseen).toHaveLength(blended.items.length - had.size);
    expect(unseen.some((c) => had.has(c.itemId))).toBe(false);
    expect(rankCandidates(blended, customer, 10, { excludeSeen: true })).toEqual(unseen.slice(0, 10));
    // With the customer's items in, the other items keep their scores and order.
    const everything = rankCandidates(blended, customer, blended.items.length, { excludeSeen: false });
    expect(everything).toHaveLength(blended.items.length);
    expect(everything.filter((c) => !had.has(c.itemId))).toEqual(unseen);
  });

  it("counts events of items the model does not know, and ignores them", () => {
    const events = eventsOf(users[1]!);
    const known = customerFromEvents(blended, events);
    const withUnknown = customerFromEvents(blended, [...events, { itemId: "new-sku", timestamp: 0 }, { itemId: "new-sku", timestamp: 1 }, { itemId: "other-new", timestamp: 2 }]);
    expect(withUnknown.unknownItems).toBe(3);
    expect(withUnknown.history).toEqual(known.history);
    expect(rankCandidates(blended, withUnknown, 10)).toEqual(rankCandidates(blended, known, 10));
  });

  it("gives a customer with no known history the cold-start popularity ranking", () => {
    const expected = [...blended.popularity.slice(0, 10)].map((i) => blended.items[i]);
    for (const events of [[], [{ itemId: "never-seen", timestamp: 5 }]]) {
      const customer = customerFromEvents(blended, events);
      expect(customer.unknownItems).toBe(events.length);
      const ranked = rankCandidates(blended, customer, 10);
      expect(ranked.map((c) => c.itemId)).toEqual(expected);
      expect(ranked.map((c) => c.explanation)).toEqual(expected.map((_, r) => ({ kind: "popular", rank: r + 1 })));
      expect(ranked[0]!.score).toBe(1);
      // Scores fall with the rank over the whole catalogue, whatever the number asked for.
      expect(ranked[9]!.score).toBeCloseTo(1 - 9 / blended.items.length, 12);
      expect(rankCandidates(blended, customer, 20)[9]!.score).toBe(ranked[9]!.score);
    }
  });

  it("explains a model-led item by the history items that pull it up most", () => {
    const t = servingTables(modelOnly);
    let explained = 0;
    for (const user of users.slice(0, 10)) {
      const customer = customerFromEvents(modelOnly, eventsOf(user));
      const history = new Set([...customer.history.items].map((i) => modelOnly.items[i]));
      for (const candidate of rankCandidates(modelOnly, customer, 10)) {
        const e = candidate.explanation;
        expect(e.kind).not.toBe("bought-together");
        if (e.kind !== "history") continue;
        explained++;
        expect(e.items.length).toBeGreaterThan(0);
        expect(e.items.length).toBeLessThanOrEqual(2);
        for (const { itemId, share } of e.items) {
          expect(history.has(itemId)).toBe(true);
          expect(share).toBeGreaterThan(0);
          expect(share).toBeLessThanOrEqual(1);
        }
        expect(e.items.reduce((s, p) => s + p.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
        // Recomputed here: w_j · (input_j · output_i), the largest one must be named first.
        const i = modelOnly.itemIndex.get(candidate.itemId)!;
        const contributions = [...customer.history.items].map((j, h) => {
          let dot = 0;
          for (let c = 0; c < t.d; c++) dot += t.input[j * t.d + c]! * t.output[i * t.d + c]!;
          return { itemId: modelOnly.items[j], c: customer.history.weights[h]! * dot };
        });
        const top = contributions.reduce((a, b) => (b.c > a.c ? b : a));
        expect(e.items[0]!.itemId).toBe(top.itemId);
        if (e.items.length === 1) expect(contributions.filter((p) => p.c > 0)).toHaveLength(1);
      }
    }
    expect(explained).toBeGreaterThan(50);
  });

  it("names a bought-together source item from the history with its cosine", () => {
    let explained = 0;
    for (const user of users) {
      const customer = customerFromEvents(blended, eventsOf(user));
      const history = new Set([...customer.history.items].map((i) => blended.items[i]));
      for (const candidate of rankCandidates(blended, customer, 10)) {
        const e = candidate.explanation;
        if (e.kind !== "bought-together") continue;
        explained++;
        expect(history.has(e.itemId)).toBe(true);
        const cosine = (from: string) => boughtTogether(blended, from, blended.neighbours.k).find((n) => n.itemId === candidate.itemId)?.score ?? 0;
        expect(cosine(e.itemId)).toBeCloseTo(e.similarity, 6);
        // The source is the history item whose weighted cosine to the candidate is the largest.
        const pulls = [...customer.history.items].map((j, h) => customer.history.weights[h]! * cosine(blended.items[j]!));
        expect(customer.history.weights[[...customer.history.items].indexOf(blended.itemIndex.get(e.itemId)!)]! * e.similarity).toBeCloseTo(Math.max(...pulls), 6);
      }
    }
    expect(explained).toBeGreaterThan(20);
  });

  it("lists a product's bought-together neighbours best first, from the co-occurrence of customers", () => {
    const itemId = blended.items[blended.popularity[0]!]!;
    const related = boughtTogether(blended, itemId, 5);
    expect(related).toHaveLength(5);
    expect(related.map((r) => r.itemId)).not.toContain(itemId);
    for (let r = 1; r < related.length; r++) expect(related[r]!.score).toBeLessThanOrEqual(related[r - 1]!.score);
    // The top neighbour's score is the cosine of the two items' customer sets, counted from the rows.
    const buyers = (id: string) => new Set(rows.filter((row) => row.itemId === id).map((row) => row.userId));
    const a = buyers(itemId);
    const b = buyers(related[0]!.itemId);
    const both = [...a].filter((u) => b.has(u)).length;
    expect(related[0]!.score).toBeCloseTo(both / Math.sqrt(a.size * b.size), 5);
    expect(boughtTogether(blended, "unknown", 5)).toEqual([]);
  });

  it("finds similar items by embedding cosine, without the item itself", () => {
    const similar = similarItems(blended, "i0", 5);
    expect(similar).toHaveLength(5);
    expect(similar.map((s) => s.itemId)).not.toContain("i0");
    for (let r = 1; r < similar.length; r++) expect(similar[r]!.score).toBeLessThanOrEqual(similar[r - 1]!.score);
    expect(similarItems(blended, "unknown", 5)).toEqual([]);
  });
});
