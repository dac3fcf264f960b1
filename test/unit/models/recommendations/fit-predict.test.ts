import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { buildInteractionData } from "@/models/recommendations/features";
import { buildItemNeighbours, recommendCooccurrence, recommendPopular } from "@/models/recommendations/baselines";
import { scoreRecommendations, timeSplit } from "@/models/recommendations/evaluate";
import { recommendTask, similarProducts, type RecommendModel } from "@/models/recommendations/index";
import { fitRecommender } from "@/models/recommendations/train";
import { readOnlineRetail } from "@/models/recommendations/online-retail";
import { FitCancelledError, noProgress } from "@/models/task";
import { clusteredInteractions } from "./synthetic";

// 400 real invoice lines (CC BY 4.0, see test/fixtures/datasets/README.md). Too few for a ranking comparison: the bench
// compares with popularity on the 20,000-line sample; here the real file's shape must read and fit.
const RETAIL = path.resolve(process.cwd(), "test/fixtures/datasets/online_retail_slice.csv");
const ctx = { seed: 42, onProgress: noProgress };

function indexLists(data: ReturnType<typeof buildInteractionData>, lists: Map<string, number[]>): Map<string, string[]> {
  return new Map([...lists].map(([u, l]) => [u, l.map((i) => data.items[i] ?? "")]));
}

describe("recommender on the Online Retail slice", () => {
  it("reads purchases without guests and returns, in time order, and recommends only what a customer has not had", async () => {
    const rows = readOnlineRetail(RETAIL);
    const lines = parseCsvText(readFileSync(RETAIL, "utf8")).records.map((r) => r.values);
    const purchases = lines.filter((v) => v.CustomerID !== "NA" && Number(v.Quantity) > 0);
    expect(purchases.length).toBeLessThan(lines.length);
    expect(rows).toHaveLength(purchases.length);
    expect(rows.every((r, i) => i === 0 || rows[i - 1]!.timestamp <= r.timestamp)).toBe(true);

    const model = await recommendTask.fit(rows, ctx);
    const customers = [...new Set(rows.map((r) => r.userId))];
    const predictions = await recommendTask.predict(model, customers.map((userId) => ({ userId })));
    for (const customer of customers) {
      const had = new Set(rows.filter((r) => r.userId === customer).map((r) => r.itemId));
      const list = predictions.filter((p) => p.userId === customer);
      expect(list.map((p) => p.rank)).toEqual(Array.from({ length: 10 }, (_, k) => k + 1));
      expect(list.some((p) => had.has(p.itemId))).toBe(false);
    }
    recommendTask.dispose(model);
  });
});

describe("recommender on clustered synthetic data", () => {
  const rows = clusteredInteractions({ users: 1500, items: 300, clusters: 15, eventsPerUser: 8, seed: 5 });
  const split = timeSplit(rows, { holdoutFraction: 0.2 });
  const users = [...split.relevant.keys()];
  let model: RecommendModel;
  const dir = mkdtempSync(path.join(os.tmpdir(), "recommend-model-"));

  beforeAll(async () => {
    model = await fitRecommender(split.train, ctx, { maxEpochs: 8 });
  });
  afterAll(() => {
    model.network.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("learns the users' tastes: far above popularity and at least as good as item co-occurrence", async () => {
    const data = buildInteractionData(split.train, Infinity);
    const predictions = await recommendTask.predict(model, users.map((userId) => ({ userId })));
    const ours = new Map<string, string[]>();
    for (const p of predictions) ours.set(p.userId, [...(ours.get(p.userId) ?? []), p.itemId]);
    const score = (m: Map<string, string[]>) => scoreRecommendations(m, split.relevant, data.items.length).recallAt10;
    const popularity = score(indexLists(data, recommendPopular(data, users, 10)));
    const cooccurrence = score(indexLists(data, recommendCooccurrence(data, buildItemNeighbours(data), users, 10)));
    expect(score(ours)).toBeGreaterThan(2 * popularity);
    expect(score(ours)).toBeGreaterThanOrEqual(0.95 * cooccurrence);
  });

  it("ranks 1..10 unseen items per known user and the popularity list for an unknown one", async () => {
    const known = users.find((u) => model.seen.has(u))!;
    const predictions = await recommendTask.predict(model, [{ userId: known }, { userId: "nobody" }]);
    const forKnown = predictions.filter((p) => p.userId === known);
    expect(forKnown.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const seen = new Set([...(model.seen.get(known) ?? [])].map((i) => model.items[i]));
    expect(forKnown.some((p) => seen.has(p.itemId))).toBe(false);
    const cold = predictions.filter((p) => p.userId === "nobody").map((p) => p.itemId);
    expect(cold).toEqual([...model.popularity.slice(0, 10)].map((i) => model.items[i]));
    expect(recommendTask.toOutputRow(forKnown[0]!)).toEqual([known, forKnown[0]!.itemId, 1]);
  });

  it("finds similar products mostly in the same taste cluster", () => {
    // Items i0..i19 are cluster 0, i20..i39 cluster 1, ...: 20 items per cluster.
    const probes = ["i0", "i1", "i20", "i21", "i40"].filter((id) => model.itemIndex.has(id));
    const similar = similarProducts(model, [...probes, "unknown"], 5);
    expect(similar.get("unknown")).toEqual([]);
    let same = 0;
    let total = 0;
    for (const id of probes) {
      const cluster = Math.floor(Number(id.slice(1)) / 20);
      for (const s of similar.get(id) ?? []) {
        expect(s.itemId).not.toBe(id);
        total++;
        if (Math.floor(Number(s.itemId.slice(1)) / 20) === cluster) same++;
      }
    }
    expect(total).toBe(probes.length * 5);
    expect(same / total).toBeGreaterThan(0.6);
  });

  it("predicts the same after a save/load round trip, without leaking tensors", async () => {
    const test = users.slice(0, 200).map((userId) => ({ userId }));
    const before = await recommendTask.predict(model, test);
    const tensors = tf.memory().numTensors;
    await recommendTask.predict(model, test);
    expect(tf.memory().numTensors).toBe(tensors);
    await recommendTask.save(model, dir);
    const loaded = await recommendTask.load(dir);
    expect(await recommendTask.predict(loaded, test)).toEqual(before);
    expect(loaded.report).toEqual(model.report);
    expect(similarProducts(loaded, ["i0"], 5)).toEqual(similarProducts(model, ["i0"], 5));
    expect(loaded.settings).toEqual(model.settings);
    recommendTask.dispose(loaded);

    // A file written before the validation metric was a setting: its choices were made on Recall@10.
    const file = path.join(dir, "metadata.json");
    const metadata = JSON.parse(readFileSync(file, "utf8")) as { settings: Record<string, unknown> };
    delete metadata.settings.validationMetric;
    writeFileSync(file, JSON.stringify(metadata));
    const old = await recommendTask.load(dir);
    expect(old.settings.validationMetric).toBe("recall");
    expect(await recommendTask.predict(old, test)).toEqual(before);
    recommendTask.dispose(old);
  });

  it("stops with FitCancelledError when the signal is aborted, freeing its tensors", async () => {
    const tensors = tf.memory().numTensors;
    const controller = new AbortController();
    const fit = fitRecommender(split.train, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 1) controller.abort();
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitCancelledError);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
