import { describe, expect, it } from "vitest";
import { fraudTask } from "@/models/fraud";
import { stratifiedFolds } from "@/models/fraud/cross-validate";
import { syntheticPayments } from "@/models/fraud/synthetic";
import { fitChoices } from "@/models/fraud/train";
import { trainingStop } from "@/models/training-stop";

/** Issue 13: on small data the classifier candidate is chosen on pooled out-of-fold AUPRC, and the choice is recorded. */
describe("stratifiedFolds", () => {
  it("deals every row to exactly one fold and spreads the frauds evenly", () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, 7);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    const frauds = folds.map((f) => f.filter((i) => labels[i] === 1).length);
    expect(Math.max(...frauds) - Math.min(...frauds)).toBeLessThanOrEqual(1);
  });

  it("is the same for the same seed and differs for another", () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? 1 : 0));
    expect(stratifiedFolds(labels, 5, 1)).toEqual(stratifiedFolds(labels, 5, 1));
    expect(stratifiedFolds(labels, 5, 1)).not.toEqual(stratifiedFolds(labels, 5, 2));
  });
});

describe("fitChoices", () => {
  const stop = trainingStop({ stoppedBy: "patience", capSeconds: 150, maxEpochs: 100, epochsRun: 12, bestEpoch: 7 });
  it("says which candidate won, on how many frauds and folds, and how training ended", () => {
    const [classifier, anomaly] = fitChoices({
      classifierChoice: { mix: "linear", averagePrecision: { network: 0.3, linear: 0.45, average: 0.4 }, crossValidation: { folds: 5, positives: 22 } },
      fitPositives: 18,
      stop,
      blended: false,
      plattAp: 0.4,
      blendAp: 0.38,
    });
    expect(classifier!.chosen).toBe("the logistic regression alone");
    expect(classifier!.why).toContain("5 stratified folds (22 frauds)");
    expect(classifier!.why).toContain("logistic regression 0.450");
    expect(classifier!.why).toContain("12 epochs (best 7, stopped by patience");
    expect(classifier!.counts).toEqual({ frauds: 22, folds: 5 });
    expect(anomaly!.chosen).toContain("not blended");
  });

  it("records the network alone when there were enough frauds for it", () => {
    const [classifier] = fitChoices({ classifierChoice: undefined, fitPositives: 640, stop, blended: true, plattAp: 0.2, blendAp: 0.25 });
    expect(classifier!.chosen).toBe("the network alone");
    expect(classifier!.why).toContain("640 frauds");
  });
});

describe("fraud fit on ~1,000 synthetic payments", () => {
  it("chooses by cross-validation over all frauds and records it on the report", async () => {
    const rows = syntheticPayments(1000, 11, { fraudShare: 0.022 });
    const model = await fraudTask.fit(rows, { seed: 42, onProgress: () => {} });
    try {
      const choice = model.report.classifierChoice!;
      expect(choice.crossValidation).toEqual({ folds: 5, positives: 22 });
      expect(model.mix).toBe(choice.mix);
      expect(model.report.choices?.[0]?.subject).toBe("fraud classifier");
      expect(model.report.choices?.[0]?.why).toContain("out-of-fold");
    } finally {
      fraudTask.dispose(model);
    }
  }, 120_000);
});
