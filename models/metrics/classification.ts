import { checkAligned } from "./forecast";

/**
 * Binary classification from scores (higher = more likely positive) and 0/1 labels.
 * Optional sample weights let a subsampled data set report the precision of the full population
 * (e.g. the credit-card sample keeps 1 in 231 normal rows).
 */

/** Area under the ROC curve by the rank-sum (Mann-Whitney U) formula, ties counted as half. */
export function rocAuc(labels: number[], scores: number[], weights?: number[]): number {
  checkAligned(labels, scores);
  const order = sortedByScore(scores);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights?.[i] ?? 1;
    if (labels[i] === 1) pos += w;
    else neg += w;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  // Walk from the lowest score up; for each positive, count the (weighted) negatives below it, ties as half.
  let negBelow = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let tiePos = 0;
    let tieNeg = 0;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      const k = order[j]!;
      const w = weights?.[k] ?? 1;
      if (labels[k] === 1) tiePos += w;
      else tieNeg += w;
      j++;
    }
    area += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    i = j;
  }
  return area / (pos * neg);
}

/**
 * Average precision (area under the precision-recall curve, step-wise as in scikit-learn's
 * average_precision_score): sum over thresholds of (R_n - R_{n-1}) * P_n, thresholds at each distinct score.
 */
export function averagePrecision(labels: number[], scores: number[], weights?: number[]): number {
  checkAligned(labels, scores);
  const curve = precisionRecallCurve(labels, scores, weights);
  let ap = 0;
  let previousRecall = 0;
  for (const p of curve) {
    ap += (p.recall - previousRecall) * p.precision;
    previousRecall = p.recall;
  }
  return ap;
}

export type PrPoint = { threshold: number; precision: number; recall: number; truePositives: number; falsePositives: number };

/** Precision and recall at each distinct score, from the highest threshold down (recall ascending). */
export function precisionRecallCurve(labels: number[], scores: number[], weights?: number[]): PrPoint[] {
  checkAligned(labels, scores);
  const order = sortedByScore(scores).reverse();
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPos += weights?.[i] ?? 1;
  const points: PrPoint[] = [];
  if (totalPos === 0) return points;
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < order.length) {
    const threshold = scores[order[i]!]!;
    while (i < order.length && scores[order[i]!] === threshold) {
      const k = order[i]!;
      const w = weights?.[k] ?? 1;
      if (labels[k] === 1) tp += w;
      else fp += w;
      i++;
    }
    points.push({ threshold, precision: tp / (tp + fp), recall: tp / totalPos, truePositives: tp, falsePositives: fp });
  }
  return points;
}

export type ThresholdMetrics = { precision: number; recall: number; f1: number; truePositives: number; falsePositives: number; falseNegatives: number; trueNegatives: number };

/** Confusion counts and precision/recall when everything with score >= threshold is flagged. */
export function atThreshold(labels: number[], scores: number[], threshold: number, weights?: number[]): ThresholdMetrics {
  checkAligned(labels, scores);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights?.[i] ?? 1;
    const flagged = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (flagged) tp += w;
      else fn += w;
    } else if (flagged) fp += w;
    else tn += w;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn };
}

/** Share of predictions equal to the labels (any number of classes). */
export function accuracy(labels: number[], predicted: number[]): number {
  checkAligned(labels, predicted);
  if (labels.length === 0) return 0;
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) right++;
  return right / labels.length;
}

/** Unweighted mean of per-class F1 over the classes present in labels or predictions (scikit-learn's f1_score average="macro"). */
export function macroF1(labels: number[], predicted: number[]): number {
  checkAligned(labels, predicted);
  const classes = [...new Set([...labels, ...predicted])];
  if (classes.length === 0) return 0;
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < labels.length; i++) {
      if (predicted[i] === c && labels[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (labels[i] === c) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / classes.length;
}

function sortedByScore(scores: number[]): number[] {
  return Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
}
