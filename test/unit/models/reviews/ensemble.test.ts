import { describe, expect, it } from "vitest";
import { macroF1 } from "@/models/metrics";
import { chooseEnsemble, decisionScore, macroF1Threshold } from "@/models/reviews/ensemble";

/** A skewed toy set: 90 positives, 10 negatives; calibrated-looking scores where negatives sit between 0.5 and 0.8. */
function skewedToySet(): { probabilities: number[]; labels: number[] } {
  const probabilities: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 90; i++) {
    probabilities.push(0.7 + (0.29 * i) / 89);
    labels.push(1);
  }
  for (let i = 0; i < 10; i++) {
    probabilities.push(0.45 + (0.3 * i) / 9);
    labels.push(0);
  }
  return { probabilities, labels };
}

const decide = (probabilities: number[], t: number) => probabilities.map((p) => (p >= t ? 1 : 0));

describe("sentiment decision threshold", () => {
  it("picks a threshold with a better macro-F1 than 0.5 on a skewed set", () => {
    const { probabilities, labels } = skewedToySet();
    const threshold = macroF1Threshold(probabilities, labels);
    expect(threshold).toBeGreaterThan(0.6);
    expect(threshold).toBeLessThan(0.8);
    expect(macroF1(labels, decide(probabilities, threshold))).toBeGreaterThan(macroF1(labels, decide(probabilities, 0.5)) + 0.2);
  });

  it("stays near 0.5 on balanced, symmetric scores", () => {
    const probabilities = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0.2 + (0.5 * i) / 99 : 0.3 + (0.5 * (i - 100)) / 99));
    const labels = probabilities.map((_, i) => (i < 100 ? 0 : 1));
    expect(Math.abs(macroF1Threshold(probabilities, labels) - 0.5)).toBeLessThan(0.03);
  });

  it("moves the threshold to 0.5 in the decision score, keeping the order", () => {
    expect(decisionScore(0.73, 0.73)).toBeCloseTo(0.5, 9);
    expect(decisionScore(0.74, 0.73)).toBeGreaterThan(0.5);
    expect(decisionScore(0.72, 0.73)).toBeLessThan(0.5);
    expect(decisionScore(0.3, 0.5)).toBeCloseTo(0.3, 9);
  });
});

describe("sentiment ensemble choice", () => {
  it("chooses the member that predicts and leaves out pure noise", () => {
    const n = 300;
    const labels = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0 : 1));
    // A deterministic "noise" member and an informative one (overlapping classes, so not separable).
    const noise = labels.map((_, i) => Math.sin(i * 12.9898) * 3);
    const informative = labels.map((y, i) => (y === 1 ? 1.5 : -1.5) + Math.sin(i * 78.233) * 2);
    const choice = chooseEnsemble({ bag: noise, "tfidf-lr": informative }, labels, 7);
    expect(choice.ensemble.members).toContain("tfidf-lr");
    expect(choice.candidates[0]!.members).toBe(choice.ensemble.members.join("+"));
    const noiseOnly = choice.candidates.find((c) => c.members === "bag")!;
    expect(noiseOnly.logLoss).toBeGreaterThan(choice.candidates[0]!.logLoss);
    expect(choice.threshold).toBeGreaterThan(0);
    expect(choice.threshold).toBeLessThan(1);
  });
});
