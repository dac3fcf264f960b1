import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFraudTask, fraudTask, type FraudModel, type FraudTrainRow } from "@/models/fraud";
import { chooseMix, linearLogits, mixLogits } from "@/models/fraud/linear";
import { oursAndLogisticAp } from "@/test/support/fraud-versus-logistic";
import { mulberry32 } from "@/models/random";

/**
 * Issue 13: on 1,000 payments with ~20 frauds, the model must not lose to logistic regression. The frauds here follow
 * a noisy weighted sum of the features (what a linear model finds best), 2 % of rows, in time order: the first 1,000
 * train, the next 3,000 test.
 */
function linearPayments(n: number, seed: number): FraudTrainRow[] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const drafts = Array.from({ length: n }, (_, i) => {
    const x = Array.from({ length: 8 }, normal);
    const channel = ["web", "app", "phone"][Math.floor(random() * 3)]!;
    const u = random();
    const latent = 1.6 * x[0]! - 1.2 * x[1]! + 0.8 * x[2]! + (channel === "phone" ? 0.8 : 0) + Math.log(u / (1 - u));
    return { i, x, channel, latent };
  });
  const cut = [...drafts].map((d) => d.latent).sort((a, b) => b - a)[Math.round(n * 0.02)]!;
  return drafts.map((d) => ({
    id: `p${d.i}`,
    features: { Time: d.i, channel: d.channel, ...Object.fromEntries(d.x.map((v, j) => [`V${j + 1}`, v])) },
    label: d.latent > cut ? 1 : 0,
  }));
}

const rows = linearPayments(4000, 3);
const train = rows.slice(0, 1000);
const test = rows.slice(1000);
const labels = test.map((r) => r.label);
let model: FraudModel;

beforeAll(async () => {
  model = await fraudTask.fit(train, { seed: 42, onProgress: () => {} });
}, 90_000);

afterAll(() => fraudTask.dispose(model));

describe("fraud model on small data", () => {
  it("has about 20 frauds to learn from", () => {
    const frauds = train.filter((r) => r.label === 1).length;
    expect(frauds).toBeGreaterThanOrEqual(12);
    expect(frauds).toBeLessThanOrEqual(30);
  });

  it("weighs a logistic regression against the network and records the choice", () => {
    const choice = model.report.classifierChoice;
    expect(choice).toBeDefined();
    expect(["network", "linear", "average"]).toContain(choice!.mix);
    expect(model.mix).toBe(choice!.mix);
    expect(model.linear === null).toBe(choice!.mix === "network");
    expect(model.report.notes.some((n) => n.startsWith("Few frauds"))).toBe(true);
  });

  it("ranks held-out frauds about as well as logistic regression, or better", async () => {
    const { ours, theirs } = await oursAndLogisticAp(model, train, test, labels);
    expect(ours).toBeGreaterThan(theirs - 0.05);
  }, 60_000);

  it("gives the same predictions after a save/load round trip", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fraud-small-"));
    await fraudTask.save(model, dir);
    const loaded = await fraudTask.load(dir);
    expect(loaded.mix).toBe(model.mix);
    expect(loaded.report.classifierChoice).toEqual(model.report.classifierChoice);
    expect(await fraudTask.predict(loaded, test)).toEqual(await fraudTask.predict(model, test));
    fraudTask.dispose(loaded);
  });

  it("loads a model saved before the linear candidate as the network alone", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fraud-old-"));
    await fraudTask.save(model, dir);
    const file = path.join(dir, "metadata.json");
    const { linear: _linear, mix: _mix, ...old } = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(old));
    const loaded = await fraudTask.load(dir);
    expect(loaded.mix).toBe("network");
    expect(loaded.linear).toBeNull();
    const scores = (await fraudTask.predict(loaded, test.slice(0, 20))).map((p) => p.score);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    fraudTask.dispose(loaded);
  });

  it("skips the candidate when switched off", async () => {
    const task = createFraudTask({ linearCandidate: false, classifier: { ...model.options.classifier, members: 1, maxEpochs: 5 } });
    const plain = await task.fit(train, { seed: 1, onProgress: () => {} });
    expect(plain.report.classifierChoice).toBeUndefined();
    expect(plain.mix).toBe("network");
    expect(plain.linear).toBeNull();
    task.dispose(plain);
  }, 60_000);
});

describe("chooseMix", () => {
  it("keeps the average unless a part beats it by the margin", () => {
    const labels = [0, 0, 0, 1, 0, 1];
    const perfect = Float32Array.from([0, 0, 0, 1, 0, 1]);
    const reversed = Float32Array.from([1, 1, 1, 0, 1, 0]);
    expect(chooseMix(labels, perfect, reversed).mix).toBe("network");
    expect(chooseMix(labels, reversed, perfect).mix).toBe("linear");
    expect(chooseMix(labels, perfect, perfect).mix).toBe("average");
    expect(Array.from(mixLogits("average", Float32Array.from([1, 3]), Float32Array.from([3, 5])))).toEqual([2, 4]);
  });

  it("scores a linear head as a dot product over both blocks", () => {
    const encoded = {
      n: 2,
      layout: { numericWidth: 2, categoricalWidth: 3, missingSlot: [-1, -1], pieceOffset: [-1, -1], pieceCount: [0, 0], categoryOffset: [0] },
      numeric: Float32Array.from([1, 2, -1, 0]),
      categories: Int32Array.from([1, 2]),
    };
    const head = { numericWeights: [0.5, 1], categoryWeights: [0, 10, 20], bias: 1 };
    expect(Array.from(linearLogits(head, encoded))).toEqual([1 + 0.5 + 2 + 10, 1 - 0.5 + 20]);
  });
});
