import { solveLinear } from "../linear-solve";
import { averagePrecision, precisionRecallCurve } from "../metrics";
import { seededShuffle } from "./split";

/**
 * Turning network outputs into a calibrated fraud probability on the held-out validation slice:
 *
 * - Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines"): p = sigmoid(a * logit + b),
 *   fitted with Platt's smoothed targets (N+ + 1) / (N+ + 2) and 1 / (N- + 2). It undoes the shift that the class
 *   weights put into the classifier's logits.
 * - Blend: the same logistic regression with a second input, the autoencoder's standardised log reconstruction
 *   error. It is kept only if it ranks better than Platt alone out-of-fold (2-fold cross-fitting on the validation
 *   slice) and gives the anomaly a positive weight; otherwise the anomaly weight is 0.
 */
export type Calibration = {
  /** Weight of the classifier's logit. */
  a: number;
  b: number;
  /** Weight of the standardised log reconstruction error (0 when the blend did not help). */
  anomalyWeight: number;
  /** Mean and standard deviation of log reconstruction error on genuine validation rows. */
  anomalyMean: number;
  anomalySd: number;
};

export type CalibrationChoice = {
  calibration: Calibration;
  /** Out-of-fold average precision on the validation slice of Platt alone and of the blend. */
  plattAveragePrecision: number;
  blendAveragePrecision: number;
  blended: boolean;
};

export function finalLogit(calibration: Calibration, classifierLogit: number, anomalyLogError: number): number {
  const anomalyZ = (anomalyLogError - calibration.anomalyMean) / calibration.anomalySd;
  return calibration.a * classifierLogit + calibration.anomalyWeight * anomalyZ + calibration.b;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function chooseCalibration(
  labels: number[],
  classifierLogits: ArrayLike<number>,
  anomalyLogErrors: ArrayLike<number> | null,
  seed: number,
): CalibrationChoice {
  const genuine = anomalyLogErrors ? labels.flatMap((l, i) => (l === 0 ? [anomalyLogErrors[i]!] : [])) : [];
  const anomalyMean = genuine.length > 0 ? genuine.reduce((s, v) => s + v, 0) / genuine.length : 0;
  const anomalySd = genuine.length > 1 ? Math.sqrt(genuine.reduce((s, v) => s + (v - anomalyMean) ** 2, 0) / (genuine.length - 1)) || 1 : 1;
  const positives = labels.filter((l) => l === 1).length;
  const identity: Calibration = { a: 1, b: 0, anomalyWeight: 0, anomalyMean, anomalySd };
  if (positives < 2 || labels.length - positives < 2) {
    return { calibration: identity, plattAveragePrecision: Number.NaN, blendAveragePrecision: Number.NaN, blended: false };
  }
  const z = (i: number) => (anomalyLogErrors ? (anomalyLogErrors[i]! - anomalyMean) / anomalySd : 0);
  const platt = (rows: number[]) => rows.map((i) => [classifierLogits[i]!]);
  const blend = (rows: number[]) => rows.map((i) => [classifierLogits[i]!, z(i)]);

  const folds = stratifiedFolds(labels, seed);
  const oofPlatt = new Array<number>(labels.length).fill(0);
  const oofBlend = new Array<number>(labels.length).fill(0);
  for (const [train, test] of [[folds[0], folds[1]], [folds[1], folds[0]]] as const) {
    const targets = plattTargets(train.map((i) => labels[i]!));
    const wp = fitSmallLogistic(platt(train), targets);
    platt(test).forEach((x, k) => (oofPlatt[test[k]!] = dot(wp, x)));
    if (anomalyLogErrors) {
      const wb = fitSmallLogistic(blend(train), targets);
      blend(test).forEach((x, k) => (oofBlend[test[k]!] = dot(wb, x)));
    }
  }
  const plattAveragePrecision = averagePrecision(labels, oofPlatt);
  const blendAveragePrecision = anomalyLogErrors ? averagePrecision(labels, oofBlend) : Number.NaN;

  const all = Array.from(labels.keys());
  const targets = plattTargets(labels);
  if (anomalyLogErrors && blendAveragePrecision > plattAveragePrecision + 0.002) {
    const [a, c, b] = fitSmallLogistic(blend(all), targets) as [number, number, number];
    if (c > 0 && a > 0) {
      return { calibration: { a, b, anomalyWeight: c, anomalyMean, anomalySd }, plattAveragePrecision, blendAveragePrecision, blended: true };
    }
  }
  const [a, b] = fitSmallLogistic(platt(all), targets) as [number, number];
  // A non-positive slope would reverse the classifier's ranking: keep the raw logit instead.
  const calibration = a > 0 ? { ...identity, a, b } : identity;
  return { calibration, plattAveragePrecision, blendAveragePrecision, blended: false };
}

/** Platt's smoothed targets, which keep the fitted probabilities off exactly 0 and 1. */
export function plattTargets(labels: number[]): number[] {
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  return labels.map((l) => (l === 1 ? high : low));
}

/**
 * Logistic regression on a few inputs by Newton-Raphson (iteratively reweighted least squares) with a small ridge
 * penalty for stability; targets may be fractional. Returns the weights followed by the intercept.
 */
export function fitSmallLogistic(x: number[][], targets: number[], options: { ridge?: number; iterations?: number } = {}): number[] {
  const ridge = options.ridge ?? 1e-6;
  const k = (x[0]?.length ?? 0) + 1;
  const w = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < (options.iterations ?? 50); iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [...x[i]!, 1];
      const p = sigmoid(dot(w, x[i]!));
      const weight = Math.max(p * (1 - p), 1e-10);
      for (let a = 0; a < k; a++) {
        gradient[a]! += (p - targets[i]!) * row[a]!;
        for (let b = 0; b < k; b++) hessian[a]![b]! += weight * row[a]! * row[b]!;
      }
    }
    for (let a = 0; a < k; a++) {
      gradient[a]! += ridge * w[a]!;
      hessian[a]![a]! += ridge;
    }
    const step = solveLinear(hessian, gradient, 1e-300);
    let change = 0;
    for (let a = 0; a < k; a++) {
      w[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    // Diverged (separable data without enough ridge): fall back to the identity map of the first input.
    if (!w.every(Number.isFinite)) return w.map((_, a) => (a === 0 ? 1 : 0));
    if (change < 1e-8) break;
  }
  return w;
}

/** The threshold (a score of the curve) with the highest F1 on the given labels. */
export function bestF1Threshold(labels: number[], scores: number[]): number {
  let best = { f1: -1, threshold: 0.5 };
  for (const p of precisionRecallCurve(labels, scores)) {
    const f1 = p.precision + p.recall === 0 ? 0 : (2 * p.precision * p.recall) / (p.precision + p.recall);
    if (f1 > best.f1) best = { f1, threshold: p.threshold };
  }
  return best.threshold;
}

function stratifiedFolds(labels: number[], seed: number): [number[], number[]] {
  const folds: [number[], number[]] = [[], []];
  for (const label of [0, 1]) {
    const members = seededShuffle(
      Array.from(labels.keys()).filter((i) => labels[i] === label),
      seed + 17 + label,
    );
    members.forEach((i, k) => folds[k % 2]!.push(i));
  }
  return folds;
}

function dot(w: number[], x: number[]): number {
  let s = w[w.length - 1] ?? 0;
  for (let i = 0; i < x.length; i++) s += (w[i] ?? 0) * x[i]!;
  return s;
}

