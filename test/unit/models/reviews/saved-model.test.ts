import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { predictSentiment, sentimentTask, type SentimentModel, type SentimentTrainRow } from "@/models/reviews";
import { fitTfidfLogisticRegression } from "@/models/reviews/baselines";
import { decisionScore } from "@/models/reviews/ensemble";

// A small inline corpus: 48 reviews, 5 in 6 positive.
const good = ["great", "love", "excellent", "perfect", "happy", "works well"];
const bad = ["broken", "terrible", "awful", "refund"];
const things = ["battery", "screen", "case", "charger"];
const rows: SentimentTrainRow[] = [];
for (let i = 0; i < 48; i++) {
  const negative = i % 6 === 0;
  const word = negative ? bad[i % bad.length]! : good[i % good.length]!;
  rows.push({ id: String(i), text: `the ${things[i % things.length]} is ${word}, ${negative ? "do not buy" : "would buy again"}`, label: negative ? 0 : 1 });
}
const texts = ["love the screen, would buy again", "awful charger, do not buy", "the case is fine"];

let model: SentimentModel;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sentiment-saved-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  await ensureBackend();
  model = await sentimentTask.fit(rows, { seed: 5, onProgress: () => {} });
}, 60_000);

afterAll(() => {
  sentimentTask.dispose(model);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("saved sentiment models", () => {
  it("record the chosen ensemble, its threshold and the candidates' validation numbers", () => {
    const summary = model.summary.ensemble!;
    expect(summary.chosen).toBe(model.ensemble.members.join("+"));
    expect(summary.threshold).toBe(model.threshold);
    expect(summary.candidates.length).toBe(7);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it("keep the threshold and the TF-IDF + LR member through save and load", async () => {
    const withLr: SentimentModel = {
      ...model,
      ensemble: { members: ["bag", "tfidf-lr", "vader"], weights: [0.5, 0.8, 1.2], bias: 0.3 },
      tfidf: fitTfidfLogisticRegression(rows, { classWeight: "balanced" }),
      threshold: 0.71,
    };
    const dir = tempDir();
    await sentimentTask.save(withLr, dir);
    expect(existsSync(path.join(dir, "tfidf-lr.json"))).toBe(true);
    const loaded = await sentimentTask.load(dir);
    expect(loaded.threshold).toBe(0.71);
    expect(loaded.ensemble).toEqual(withLr.ensemble);
    expect(loaded.tfidf?.bias).toBeCloseTo(withLr.tfidf!.bias, 12);
    const expected = predictSentiment(withLr, texts);
    predictSentiment(loaded, texts).forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 6));
    // The task's score puts the threshold at 0.5.
    const scored = await sentimentTask.predict(loaded, texts.map((text, i) => ({ id: String(i), text })));
    scored.forEach((s, i) => expect(s.score).toBeCloseTo(decisionScore(expected[i]!, 0.71), 6));
    sentimentTask.dispose(loaded);
  });

  it("still load from 'sentiment/1' metadata: the network with Platt scaling, threshold 0.5, no LR member", async () => {
    const dir = tempDir();
    await sentimentTask.save(model, dir);
    const saved = JSON.parse(readFileSync(path.join(dir, "metadata.json"), "utf8")) as Record<string, unknown>;
    const { ensemble: _e, threshold: _t, tfidfFile: _f, ...rest } = saved;
    const { ensemble: _summaryEnsemble, ...oldSummary } = rest.summary as Record<string, unknown>;
    writeFileSync(path.join(dir, "metadata.json"), JSON.stringify({ ...rest, format: "sentiment/1", summary: oldSummary }));
    rmSync(path.join(dir, "tfidf-lr.json"), { force: true });
    const loaded = await sentimentTask.load(dir);
    expect(loaded.threshold).toBe(0.5);
    expect(loaded.tfidf).toBeNull();
    expect(loaded.ensemble).toEqual({ members: ["bag"], weights: [model.scaling.a], bias: model.scaling.b });
    const asOld = predictSentiment({ ...model, ensemble: loaded.ensemble }, texts);
    predictSentiment(loaded, texts).forEach((p, i) => expect(p).toBeCloseTo(asOld[i]!, 6));
    sentimentTask.dispose(loaded);
  });
});
