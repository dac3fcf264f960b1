import { describe, expect, it } from "vitest";
import { bestF1Threshold, chooseCalibration, fitSmallLogistic, plattTargets, sigmoid } from "@/models/fraud/calibration";
import { anomalyPercentile } from "@/models/fraud/predict";
import { mulberry32 } from "@/models/random";

describe("fraud calibration", () => {
  it("recovers the coefficients of a logistic model by Newton's method", () => {
    const random = mulberry32(3);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = random() * 4 - 2;
      const b = random() * 4 - 2;
      x.push([a, b]);
      y.push(random() < sigmoid(1.5 * a - 0.5 * b + 0.3) ? 1 : 0);
    }
    const [wa, wb, bias] = fitSmallLogistic(x, y);
    expect(wa).toBeCloseTo(1.5, 0);
    expect(wb).toBeCloseTo(-0.5, 0);
    expect(bias).toBeCloseTo(0.3, 0);
  });

  it("uses Platt's smoothed targets", () => {
    expect(plattTargets([1, 0, 0])).toEqual([2 / 3, 1 / 4, 1 / 4]);
  });

  it("maps over-weighted logits back to honest probabilities", () => {
    // Logits that claim 50 % where the true rate is ~ 9 % (as class weights do): Platt shifts them down.
    const random = mulberry32(9);
    const labels: number[] = [];
    const logits: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = random() * 4 - 2;
      logits.push(z);
      labels.push(random() < sigmoid(z - 2.3) ? 1 : 0);
    }
    const { calibration, blended } = chooseCalibration(labels, logits, null, 1);
    expect(blended).toBe(false);
    expect(calibration.a).toBeCloseTo(1, 0);
    expect(calibration.b).toBeCloseTo(-2.3, 0);
  });

  it("blends in an anomaly score only when it adds ranking power", () => {
    const random = mulberry32(5);
    const labels: number[] = [];
    const logits: number[] = [];
    const anomaly: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const label = random() < 0.1 ? 1 : 0;
      labels.push(label);
      logits.push(random() * 2 - 1 + label * 1.0);
      // An anomaly score that separates a part of the frauds the classifier misses.
      anomaly.push(random() + (label && random() < 0.6 ? 3 : 0));
    }
    expect(chooseCalibration(labels, logits, anomaly, 1).blended).toBe(true);
    const noise = anomaly.map(() => random());
    expect(chooseCalibration(labels, logits, noise, 1).blended).toBe(false);
  });

  it("picks the F1-best threshold", () => {
    expect(bestF1Threshold([0, 0, 1, 1, 0, 1], [0.1, 0.2, 0.8, 0.7, 0.75, 0.9])).toBe(0.7);
  });

  it("reads anomaly percentiles against the genuine reference", () => {
    const reference = [0, 1, 2, 3, 4];
    expect(anomalyPercentile(reference, -1)).toBe(0);
    expect(anomalyPercentile(reference, 2)).toBe(0.5);
    expect(anomalyPercentile(reference, 2.5)).toBeCloseTo(0.625);
    expect(anomalyPercentile(reference, 9)).toBe(1);
  });
});
