import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainFraud, fraudTask, type FraudModel, type FraudTrainRow } from "@/models/fraud";
import { seededShuffle } from "@/models/fraud/split";
import { parseCsvText } from "@/models/io/csv";
import { oursAndLogisticAp } from "@/test/support/fraud-versus-logistic";
import { cardPaymentsCsv } from "@/test/support/card-payments";

/**
 * The shipped configuration on 1,600 generated card payments in the ULB credit-card file's layout, 5 % frauds, half
 * of them findable only by a nonlinear model (test/support/card-payments.ts), held out 25 % stratified: the model
 * must rank the held-out frauds better than logistic regression on the same features. The bench makes the same
 * comparison on the real ULB sample.
 */
function paymentRows(): FraudTrainRow[] {
  const { columns, records } = parseCsvText(cardPaymentsCsv({ rows: 1600, fraudShare: 0.05, seed: 1 }));
  const renamed = records.map((r) => {
    const { Class, ...rest } = r.values;
    return { line: r.line, values: { ...rest, id: `line-${r.line}`, label: Class ?? "" } };
  });
  // The unnamed first column (the row number in the full data) is kept: the schema must drop it by itself.
  return fraudTask.parseTrain(renamed, ["id", ...columns.filter((c) => c !== "Class"), "label"]);
}

const rows = paymentRows();
const testIds = new Set<string>();
for (const label of [0, 1]) {
  const members = seededShuffle(
    rows.filter((r) => r.label === label).map((r) => r.id),
    7 + label,
  );
  members.slice(0, Math.round(members.length * 0.25)).forEach((id) => testIds.add(id));
}
const train = rows.filter((r) => !testIds.has(r.id));
const test = rows.filter((r) => testIds.has(r.id));
const labels = test.map((r) => r.label);

let model: FraudModel;
let tensorsBefore = 0;
const progress: string[] = [];

beforeAll(async () => {
  model = await fraudTask.fit(train, { seed: 42, onProgress: (p) => progress.push(p.stage) });
  tensorsBefore = tf.memory().numTensors;
}, 90_000);

afterAll(() => fraudTask.dispose(model));

describe("fraud model on card payments", () => {
  it("ranks held-out frauds better than logistic regression", async () => {
    const { ours, theirs } = await oursAndLogisticAp(model, train, test, labels);
    expect(ours).toBeGreaterThan(0.9);
    // Half the frauds are out of reach of any weighted sum of the features: a model no better than logistic
    // regression falls short of this margin.
    expect(ours).toBeGreaterThan(theirs + 0.1);
  }, 60_000);

  it("reports what it did: time-ordered validation, dropped row number, calibrated threshold", () => {
    expect(model.report.validationKind).toBe("time");
    expect(model.schema.timeColumn).toBe("Time");
    expect(model.schema.dropped.map((d) => d.name)).toContain("(unnamed column)");
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(progress).toContain("training classifier");
    expect(progress.at(-1)).toBe("done");
  });

  it("gives scores in 0..1 with anomaly percentiles, without leaking tensors", async () => {
    const predictions = await fraudTask.predict(model, test.slice(0, 50));
    expect(predictions.every((p) => p.score >= 0 && p.score <= 1)).toBe(true);
    expect(predictions.every((p) => p.anomalyPercentile >= 0 && p.anomalyPercentile <= 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it("gives the same predictions after a save/load round trip", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fraud-model-"));
    await fraudTask.save(model, dir);
    const loaded = await fraudTask.load(dir);
    const before = await fraudTask.predict(model, test);
    const after = await fraudTask.predict(loaded, test);
    expect(after).toEqual(before);
    expect(loaded.report.notes).toEqual(model.report.notes);
    fraudTask.dispose(loaded);
  });

  it("explains a flagged payment with its strongest reasons, in words", async () => {
    const predictions = await fraudTask.predict(model, test);
    const flagged = test.filter((_, i) => predictions[i]!.flagged && labels[i] === 1).slice(0, 5);
    const reasons = explainFraud(model, flagged, { top: 3 });
    expect(reasons).toHaveLength(flagged.length);
    for (const list of reasons) {
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(3);
      const sizes = list.map((r) => Math.abs(r.contribution));
      expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
      expect(list[0]!.direction).toBe("raises");
      expect(list[0]!.text).toMatch(/^V\d+|Amount/);
      expect(list[0]!.text).toMatch(/raises the risk$/);
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
