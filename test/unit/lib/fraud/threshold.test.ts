import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { confusionAt, costMinimisingThreshold, costPer1000, curveThresholds, readEvaluation, thresholdCurve, thresholdsInput, type Evaluation } from "@/lib/fraud/threshold";
import { mulberry32 } from "@/models/random";

/**
 * Ten payments, four of them fraud (F) at 0.9, 0.8, 0.6 and 0.3:
 *   score  0.9 0.8 0.7 0.6 0.5 0.4 0.3 0.2 0.1 0.05
 *   label   F   F   .   F   .   .   F   .   .   .
 *   amount 100 200  10 300  10  10 400  10  10  10
 */
const ten: Evaluation = {
  scores: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05],
  labels: [1, 1, 0, 1, 0, 0, 1, 0, 0, 0],
  amounts: [100, 200, 10, 300, 10, 10, 400, 10, 10, 10],
};
const costs = { missedFraudCost: 100, reviewCost: 10 };

describe("confusion matrix at a threshold", () => {
  it("flags scores at or above the threshold", () => {
    // Flagged: 0.9 F, 0.8 F, 0.7, 0.6 F. Missed: 0.3 F.
    expect(confusionAt(ten, 0.6)).toEqual({ threshold: 0.6, tp: 3, fp: 1, fn: 1, tn: 5, precision: 0.75, recall: 0.75, flaggedShare: 0.4, caughtFraudAmount: 600, missedFraudAmount: 400 });
  });

  it("gives precision 1 and recall 0 when nothing is flagged, and recall 0 without any fraud", () => {
    expect(confusionAt(ten, 0.95)).toMatchObject({ tp: 0, fp: 0, fn: 4, tn: 6, precision: 1, recall: 0, flaggedShare: 0 });
    expect(confusionAt({ scores: [0.2, 0.7], labels: [0, 0], amounts: [1, 1] }, 0.5)).toMatchObject({ tp: 0, fp: 1, precision: 0, recall: 0, flaggedShare: 0.5 });
  });
});

describe("expected cost", () => {
  it("is (missed cost x FN + review cost x flagged) per 1,000 payments", () => {
    // At 0.6: 100 x 1 + 10 x 4 = 140 over 10 payments = 14,000 per 1,000.
    expect(costPer1000(confusionAt(ten, 0.6), costs)).toBeCloseTo(14_000, 9);
    expect(costPer1000({ tp: 0, fp: 0, fn: 0, tn: 0 }, costs)).toBe(0);
  });
});

describe("precision-recall curve", () => {
  it("has one point per distinct score, lowest threshold first, with the cost at each", () => {
    const curve = thresholdCurve(ten, costs);
    expect(curve.map((p) => p.threshold)).toEqual([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    // By hand, threshold: (100 FN + 10 (TP + FP)) x 100.
    expect(curve.map((p) => Math.round(p.costPer1000))).toEqual([10_000, 9_000, 8_000, 7_000, 16_000, 15_000, 14_000, 23_000, 22_000, 31_000]);
    expect(curve.map((p) => [p.precision, p.recall])).toEqual([
      [0.4, 1],
      [4 / 9, 1],
      [0.5, 1],
      [4 / 7, 1],
      [0.5, 0.75],
      [0.6, 0.75],
      [0.75, 0.75],
      [2 / 3, 0.5],
      [1, 0.5],
      [1, 0.25],
    ]);
    expect(curve[3]!.flaggedShare).toBe(0.7);
  });

  it("agrees with the confusion matrix at every point on random data, ties included", () => {
    const random = mulberry32(7);
    const n = 500;
    const evaluation: Evaluation = { scores: [], labels: [], amounts: [] };
    for (let i = 0; i < n; i++) {
      evaluation.scores.push(Math.round(random() * 50) / 50);
      evaluation.labels.push(random() < 0.2 ? 1 : 0);
      evaluation.amounts.push(Math.round(random() * 1000));
    }
    for (const point of thresholdCurve(evaluation, costs)) {
      const { costPer1000: cost, ...confusion } = point;
      expect(confusion).toEqual(confusionAt(evaluation, point.threshold));
      expect(cost).toBeCloseTo(costPer1000(confusion, costs), 9);
    }
  });

  it("keeps at most 200 thresholds, the lowest and highest score among them", () => {
    const scores = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const thresholds = curveThresholds(scores);
    expect(thresholds).toHaveLength(200);
    expect(thresholds[0]).toBe(0);
    expect(thresholds.at(-1)).toBe(0.999);
    expect([...thresholds].sort((a, b) => a - b)).toEqual(thresholds);
    expect(thresholdCurve({ scores, labels: scores.map((s) => (s > 0.9 ? 1 : 0)), amounts: scores.map(() => 1) }, costs)).toHaveLength(200);
    expect(curveThresholds([0.5, 0.5, 0.2, 0.5])).toEqual([0.2, 0.5]);
  });
});

describe("cost-minimising threshold", () => {
  it("picks the cheapest point", () => {
    expect(costMinimisingThreshold(thresholdCurve(ten, costs))).toMatchObject({ threshold: 0.3, tp: 4, fp: 3, costPer1000: 7_000 });
  });

  it("prefers the higher threshold (fewer reviews) between equal costs", () => {
    // Missed fraud 20, review 10: 0.8 costs 20 x 2 + 10 x 2 = 60 and 0.6 costs 20 x 1 + 10 x 4 = 60, the least.
    expect(costMinimisingThreshold(thresholdCurve(ten, { missedFraudCost: 20, reviewCost: 10 }))).toMatchObject({ threshold: 0.8, costPer1000: 6_000 });
  });

  it("is null on an empty evaluation", () => {
    expect(thresholdCurve({ scores: [], labels: [], amounts: [] }, costs)).toEqual([]);
    expect(costMinimisingThreshold([])).toBeNull();
  });
});

describe("the champion's evaluation file", () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), "fraud-eval-"));

  it("reads scores, labels and amounts", () => {
    const d = dir();
    writeFileSync(path.join(d, "evaluation.json"), JSON.stringify(ten));
    expect(readEvaluation(d)).toEqual(ten);
  });

  it("is null when the file is missing or malformed", () => {
    expect(readEvaluation(dir())).toBeNull();
    const d = dir();
    writeFileSync(path.join(d, "evaluation.json"), JSON.stringify({ scores: [0.1, 0.2], labels: [1], amounts: [1, 2] }));
    expect(readEvaluation(d)).toBeNull();
    writeFileSync(path.join(d, "evaluation.json"), "{not json");
    expect(readEvaluation(d)).toBeNull();
  });
});

describe("threshold settings input", () => {
  const valid = { reviewThreshold: 0.4, blockThreshold: 0.9, missedFraudCost: 150, reviewCost: 5, reviewHours: 24, expectedVersion: 1 };

  it("accepts sensible settings", () => {
    expect(thresholdsInput.parse(valid)).toEqual(valid);
  });

  it.each([
    ["a block threshold at the review threshold", { blockThreshold: 0.4 }, "blockThreshold"],
    ["a review threshold of 0", { reviewThreshold: 0 }, "reviewThreshold"],
    ["a block threshold of 1", { blockThreshold: 1 }, "blockThreshold"],
    ["a negative review cost", { reviewCost: -1 }, "reviewCost"],
    ["zero review hours", { reviewHours: 0 }, "reviewHours"],
  ])("refuses %s", (_label, patch, field) => {
    const result = thresholdsInput.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
