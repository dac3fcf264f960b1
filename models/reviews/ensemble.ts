import { Rng } from "../random";
import { sigmoid } from "./calibration";
import { stratifiedFolds } from "./split";

/**
 * The second level of the sentiment model: stacked generalisation (Wolpert 1992; scikit-learn's StackingClassifier)
 * of up to three members, then a decision threshold chosen for macro-F1.
 * - members: "bag" (the fastText-style network's logit), "tfidf-lr" (class-weighted logistic regression on TF-IDF
 *   1-2-grams, its logit), "vader" (VADER's compound score, lexicon.ts; no training);
 * - the stacker is a logistic regression on the members' out-of-fold scores, fitted like Platt scaling (smoothed
 *   targets, calibration.ts) with a small ridge, so its output is a calibrated probability; with one member it IS
 *   Platt scaling;
 * - which members: every non-empty subset is a candidate, scored by the log loss of its stacker under 5-fold
 *   cross-validation over the held-out rows (a proper score, far less noisy than macro-F1 on a few hundred rows);
 *   the lowest wins, so TF-IDF + LR alone is chosen where it predicts best;
 * - threshold: the bagged macro-F1 argmax over the winner's cross-validated probabilities (macroF1Threshold).
 */
export type EnsembleMember = "bag" | "tfidf-lr" | "vader";

export const ensembleMembers: readonly EnsembleMember[] = ["bag", "tfidf-lr", "vader"];

/** p = sigmoid(bias + sum_m weights[m] * score_m). */
export type SentimentEnsemble = { members: EnsembleMember[]; weights: number[]; bias: number };

export type MemberScores = Partial<Record<EnsembleMember, ArrayLike<number>>>;

export type EnsembleChoice = {
  ensemble: SentimentEnsemble;
  /** Decision threshold on the calibrated probability (macro-F1 optimal on the cross-validated probabilities). */
  threshold: number;
  /** Cross-validated log loss of every candidate (members joined by "+"), lowest first. */
  candidates: { members: string; logLoss: number }[];
  /** The winner's cross-validated probabilities of the held-out rows. */
  probabilities: Float64Array;
};

const STACK_FOLDS = 5;
/** Ridge on the stacker's weights (not the bias): a prior that keeps near-separable members finite. */
const STACK_RIDGE = 1;
const THRESHOLD_BOOTSTRAPS = 50;

export function chooseEnsemble(scores: MemberScores, labels: readonly number[], seed: number): EnsembleChoice {
  const available = ensembleMembers.filter((m) => scores[m] !== undefined);
  const candidates = subsets(available);
  const folds = stratifiedFolds(labels, Math.min(STACK_FOLDS, Math.max(2, Math.min(count(labels, 1), count(labels, 0)))), seed, "stack");
  const scored = candidates.map((members) => {
    const probabilities = crossValidatedProbabilities(members.map((m) => scores[m]!), labels, folds);
    return { members, probabilities, logLoss: meanLogLoss(probabilities, labels) };
  });
  const best = scored.reduce((a, b) => (b.logLoss < a.logLoss - 1e-9 ? b : a));
  const fitted = fitStacker(best.members.map((m) => scores[m]!), labels);
  return {
    ensemble: { members: best.members, weights: fitted.weights, bias: fitted.bias },
    threshold: macroF1Threshold(best.probabilities, labels, seed),
    candidates: scored.map((s) => ({ members: s.members.join("+"), logLoss: s.logLoss })).sort((a, b) => a.logLoss - b.logLoss),
    probabilities: best.probabilities,
  };
}

/** The ensemble's calibrated probability for each row, from its members' scores. */
export function ensembleProbabilities(ensemble: SentimentEnsemble, scores: MemberScores, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = ensemble.bias;
    ensemble.members.forEach((m, k) => (z += ensemble.weights[k]! * scores[m]![i]!));
    out[i] = sigmoid(z);
  }
  return out;
}

/**
 * The score the CLI writes: a monotone transform of the probability with the threshold moved to 0.5,
 * sigmoid(logit(p) - logit(threshold)), so "score >= 0.5" is exactly the model's decision.
 */
export function decisionScore(probability: number, threshold: number): number {
  return sigmoid(logit(probability) - logit(threshold));
}

/**
 * Threshold maximising macro-F1 (mean of the positive and negative class F1) of probabilities against labels.
 * The empirical argmax is unstable (a few rows of the minority class move it), so it is bagged (Breiman 1996):
 * the argmax over thresholds 0.02..0.98 (a 0.02 grid in logit space; ties: the one nearest 0.5) on each of 50
 * seeded bootstrap resamples of the rows, and the median of those, in logit space.
 */
export function macroF1Threshold(probabilities: ArrayLike<number>, labels: ArrayLike<number>, seed = 0): number {
  const n = probabilities.length;
  if (n === 0 || count(labels, 1) === 0 || count(labels, 0) === 0) return 0.5;
  const logits = Array.from(probabilities, (p) => logit(p));
  const order = Array.from(logits.keys()).sort((i, j) => logits[i]! - logits[j]!);
  const grid = Array.from({ length: 391 }, (_, k) => -3.9 + 0.02 * k);
  const rng = new Rng(seed, "sentiment/threshold");
  const draws = new Float64Array(n);
  const picks: number[] = [];
  for (let b = 0; b < THRESHOLD_BOOTSTRAPS; b++) {
    draws.fill(0);
    for (let k = 0; k < n; k++) draws[Math.floor(rng.next() * n)]! += 1;
    let positives = 0;
    let negatives = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] === 1) positives += draws[i]!;
      else negatives += draws[i]!;
    }
    // Sweep the thresholds upwards; rows below the threshold are called negative.
    let next = 0;
    let fn = 0;
    let tn = 0;
    let best = { u: 0, f1: -1 };
    for (const u of grid) {
      while (next < n && logits[order[next]!]! < u) {
        const i = order[next++]!;
        if (labels[i] === 1) fn += draws[i]!;
        else tn += draws[i]!;
      }
      const tp = positives - fn;
      const fp = negatives - tn;
      const f1 = ((2 * tp) / Math.max(1e-12, 2 * tp + fp + fn) + (2 * tn) / Math.max(1e-12, 2 * tn + fn + fp)) / 2;
      if (f1 > best.f1 + 1e-12 || (Math.abs(f1 - best.f1) <= 1e-12 && Math.abs(u) < Math.abs(best.u))) best = { u, f1 };
    }
    picks.push(best.u);
  }
  picks.sort((x, y) => x - y);
  return sigmoid(picks[Math.floor(picks.length / 2)]!);
}

/** Out-of-fold probabilities of a stacker on these member scores (each fold scored by a stacker fitted on the others). */
function crossValidatedProbabilities(features: ArrayLike<number>[], labels: readonly number[], folds: Int32Array): Float64Array {
  const out = new Float64Array(labels.length);
  const k = Math.max(...folds) + 1;
  for (let f = 0; f < k; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    for (let i = 0; i < labels.length; i++) (folds[i] === f ? testRows : trainRows).push(i);
    if (testRows.length === 0) continue;
    const pick = (rows: number[]) => features.map((x) => rows.map((i) => x[i]!));
    const fitted = fitStacker(pick(trainRows), trainRows.map((i) => labels[i]!));
    testRows.forEach((i) => {
      let z = fitted.bias;
      features.forEach((x, m) => (z += fitted.weights[m]! * x[i]!));
      out[i] = sigmoid(z);
    });
  }
  return out;
}

/**
 * Logistic regression of labels on d feature columns by Newton's method, on Platt's smoothed targets
 * (N+ + 1)/(N+ + 2) and 1/(N- + 2), with ridge STACK_RIDGE on the weights. d <= 3, so the (d+1)^2 system is solved
 * directly.
 */
export function fitStacker(features: ArrayLike<number>[], labels: ArrayLike<number>): { weights: number[]; bias: number } {
  const d = features.length;
  const n = labels.length;
  const positives = count(labels, 1);
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  // Row-major copy of the design matrix with the bias column last, and the targets: read many times per Newton
  // step, so built once (the same arithmetic in the same order as reading the columns each time).
  const width = d + 1;
  const x = new Float64Array(n * width);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * width + j] = features[j]![i]!;
    x[i * width + d] = 1;
    target[i] = labels[i] === 1 ? hi : lo;
  }
  const dot = (t: ArrayLike<number>, i: number) => {
    let z = 0;
    for (let j = 0; j < width; j++) z += t[j]! * x[i * width + j]!;
    return z;
  };
  const theta = new Array<number>(d + 1).fill(0); // weights, then bias
  const objective = (t: number[]) => {
    let loss = 0;
    for (let i = 0; i < n; i++) loss += softLogLoss(dot(t, i), target[i]!);
    for (let j = 0; j < d; j++) loss += 0.5 * STACK_RIDGE * t[j]! * t[j]!;
    return loss;
  };
  let current = objective(theta);
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const p = sigmoid(dot(theta, i));
      const r = p - target[i]!;
      const s = Math.max(p * (1 - p), 1e-12);
      const base = i * width;
      for (let a = 0; a <= d; a++) {
        const xa = x[base + a]!;
        grad[a]! += r * xa;
        for (let b = 0; b <= d; b++) hess[a]![b]! += s * xa * x[base + b]!;
      }
    }
    for (let j = 0; j < d; j++) {
      grad[j]! += STACK_RIDGE * theta[j]!;
      hess[j]![j]! += STACK_RIDGE;
    }
    hess[d]![d]! += 1e-9;
    const step = solve(hess, grad);
    if (!step) break;
    let scale = 1;
    let next = theta.map((t, j) => t - step[j]!);
    let value = objective(next);
    while (value > current && scale > 1e-4) {
      scale /= 2;
      next = theta.map((t, j) => t - scale * step[j]!);
      value = objective(next);
    }
    if (!(value <= current)) break;
    const done = current - value < 1e-10 * Math.max(1, current);
    theta.splice(0, d + 1, ...next);
    current = value;
    if (done) break;
  }
  return { weights: theta.slice(0, d), bias: theta[d]! };
}

/** Every non-empty subset of the members, in a fixed order (singletons first). */
function subsets(members: readonly EnsembleMember[]): EnsembleMember[][] {
  const out: EnsembleMember[][] = [];
  for (let mask = 1; mask < 1 << members.length; mask++) out.push(members.filter((_, j) => mask & (1 << j)));
  return out.sort((a, b) => a.length - b.length);
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(matrix: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = matrix.map((r, i) => [...r, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-14) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= n; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

function softLogLoss(z: number, t: number): number {
  return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
}

export function meanLogLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, labels.length);
}

function count(labels: ArrayLike<number>, value: number): number {
  let c = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === value) c++;
  return c;
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
  return Math.log(q / (1 - q));
}

