import { describe, expect, it } from "vitest";
import {
  accuracy,
  atThreshold,
  averagePrecision,
  bias,
  catalogCoverage,
  intervalCoverage,
  macroF1,
  mase,
  ndcgAtK,
  psi,
  quantileLoss,
  recallAtK,
  referenceBins,
  rocAuc,
  wape,
} from "@/models/metrics";

describe("forecast metrics (hand-computed)", () => {
  it("MASE scales the forecast MAE by the in-sample seasonal naive MAE", () => {
    // History 1,3,2,4 with m = 1: naive errors |3-1|,|2-3|,|4-2| = 2,1,2 -> 5/3. Forecast MAE (|5-4| + |5-7|)/2 = 1.5.
    expect(mase([5, 5], [4, 7], [1, 3, 2, 4], 1)).toBeCloseTo(1.5 / (5 / 3), 12);
    // m = 2: errors |2-1|,|4-3| = 1,1 -> 1.
    expect(mase([5, 5], [4, 7], [1, 3, 2, 4], 2)).toBeCloseTo(1.5, 12);
  });

  it("WAPE and bias divide by total actuals", () => {
    expect(wape([10, 0, 30], [12, 1, 27])).toBeCloseTo((2 + 1 + 3) / 40, 12);
    expect(bias([10, 0, 30], [12, 1, 27])).toBeCloseTo((2 + 1 - 3) / 40, 12);
    expect(bias([10, 10], [15, 15])).toBeCloseTo(0.5, 12);
  });

  it("quantile loss weighs under- and over-forecasts by q and 1 - q", () => {
    // a=10,f=8 under by 2 -> 0.9*2 = 1.8; a=10,f=13 over by 3 -> 0.1*3 = 0.3. Mean 1.05.
    expect(quantileLoss([10, 10], [8, 13], 0.9)).toBeCloseTo(1.05, 12);
    expect(quantileLoss([10, 10], [8, 13], 0.5)).toBeCloseTo(1.25, 12);
    expect(() => quantileLoss([1], [1], 1)).toThrow(RangeError);
  });

  it("interval coverage counts actuals inside the band, bounds included", () => {
    expect(intervalCoverage([1, 5, 10, 11], [0, 5, 0, 0], [2, 6, 10, 10])).toBe(0.75);
  });
});

describe("classification metrics (hand-computed)", () => {
  const labels = [1, 0, 1, 0, 0];
  const scores = [0.9, 0.8, 0.7, 0.3, 0.1];

  it("ROC-AUC is the share of positive-negative pairs ranked right", () => {
    // Pairs: 0.9 beats all 3 negatives; 0.7 beats 0.3 and 0.1 but not 0.8 -> 5/6.
    expect(rocAuc(labels, scores)).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
  });

  it("average precision is the step-wise area under the PR curve", () => {
    // Ranks: 1 (P=1, R=.5), 0, 1 (P=2/3, R=1) -> 0.5*1 + 0.5*2/3.
    expect(averagePrecision(labels, scores)).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it("weights let a subsample report the full population's precision", () => {
    // Each negative stands for 10: at threshold 0.7, TP = 2, FP = 10 -> precision 2/12.
    const w = labels.map((l) => (l === 1 ? 1 : 10));
    expect(atThreshold(labels, scores, 0.7, w).precision).toBeCloseTo(2 / 12, 12);
  });

  it("precision and recall at a threshold", () => {
    expect(atThreshold(labels, scores, 0.75)).toMatchObject({ precision: 0.5, recall: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 2 });
  });

  it("accuracy and macro-F1", () => {
    expect(accuracy([1, 0, 1, 1], [1, 0, 0, 1])).toBe(0.75);
    // Class 1: tp 2, fp 0, fn 1 -> F1 0.8; class 0: tp 1, fp 1, fn 0 -> 2/3. Mean 11/15.
    expect(macroF1([1, 0, 1, 1], [1, 0, 0, 1])).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
  });
});

describe("ranking metrics (hand-computed)", () => {
  it("Recall@K and NDCG@K with binary relevance", () => {
    const relevant = new Set(["a", "c"]);
    expect(recallAtK(["a", "b", "c", "d"], relevant, 2)).toBe(0.5);
    // Hits at ranks 1 and 3: DCG 1 + 1/log2(4) = 1.5; ideal 1 + 1/log2(3).
    expect(ndcgAtK(["a", "b", "c"], relevant, 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
    expect(ndcgAtK(["b", "d"], relevant, 2)).toBe(0);
  });

  it("catalogue coverage counts distinct recommended items", () => {
    expect(catalogCoverage([["a", "b"], ["b", "c"]], 10, 2)).toBe(0.3);
  });
});

describe("population stability index", () => {
  it("is zero for the same distribution and large for a shifted one", () => {
    const reference = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const bins = referenceBins(reference, 10);
    expect(psi(bins, reference)).toBeCloseTo(0, 10);
    expect(psi(bins, reference.map((v) => v + 0.5))).toBeGreaterThan(0.25);
  });

  it("matches the formula on two bins", () => {
    // Reference 50/50 split at 0.5; recent 80/20: (0.8-0.5) ln(0.8/0.5) + (0.2-0.5) ln(0.2/0.5).
    const bins = referenceBins([0, 0.25, 0.75, 1], 2);
    const recent = [0.1, 0.1, 0.1, 0.1, 0.9];
    expect(psi(bins, recent)).toBeCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), 10);
  });
});
