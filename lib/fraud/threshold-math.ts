/**
 * The thresholds' arithmetic on the champion's held-out evaluation: the precision-recall curve, the expected cost at
 * each threshold and the threshold that minimises it, and the confusion matrix at a chosen threshold. A payment is
 * flagged when its score is at or above the threshold (as the scorer sends it to review). Pure, with no Node or
 * database imports, so the threshold screen runs the same formulas in the browser on the curve the page sends;
 * lib/fraud/threshold.ts loads the evaluation and saves the settings.
 */

export type Evaluation = { scores: number[]; labels: (0 | 1)[]; amounts: number[] };
export type Costs = { missedFraudCost: number; reviewCost: number };

export type Confusion = {
  threshold: number;
  /** Fraud flagged, legitimate flagged, fraud missed, legitimate passed. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** tp / (tp + fp); 1 when nothing is flagged (no false alarms), as scikit-learn's curve ends. */
  precision: number;
  /** tp / (tp + fn); 0 when there is no fraud at all. */
  recall: number;
  /** Share of all payments flagged: (tp + fp) / n. */
  flaggedShare: number;
  /** Sums of `amounts` (in the file's unit) of the fraud caught and missed. */
  caughtFraudAmount: number;
  missedFraudAmount: number;
};
export type CurvePoint = Confusion & { costPer1000: number };
/** What the threshold screen needs of a curve point in the browser (no amounts, no cost: the costs are being edited). */
export type CurveCounts = Omit<Confusion, "caughtFraudAmount" | "missedFraudAmount">;

export const MAX_CURVE_POINTS = 200;

/**
 * Expected cost per 1,000 payments: (missedFraudCost × FN + reviewCost × (TP + FP)) / n × 1,000. Every flagged
 * payment costs a review; every missed fraud costs the loss. A correctly passed payment costs nothing.
 */
export function costPer1000(c: Pick<Confusion, "tp" | "fp" | "fn" | "tn">, costs: Costs): number {
  const n = c.tp + c.fp + c.fn + c.tn;
  return n === 0 ? 0 : ((costs.missedFraudCost * c.fn + costs.reviewCost * (c.tp + c.fp)) / n) * 1000;
}

function confusionOf(threshold: number, tp: number, fp: number, positives: number, n: number, caught: number, fraudAmount: number): Confusion {
  const fn = positives - tp;
  return {
    threshold,
    tp,
    fp,
    fn,
    tn: n - positives - fp,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: positives === 0 ? 0 : tp / positives,
    flaggedShare: n === 0 ? 0 : (tp + fp) / n,
    caughtFraudAmount: caught,
    missedFraudAmount: fraudAmount - caught,
  };
}

export function confusionAt(evaluation: Evaluation, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let caught = 0;
  let fraudAmount = 0;
  evaluation.scores.forEach((score, i) => {
    const fraud = evaluation.labels[i] === 1;
    const amount = evaluation.amounts[i] ?? 0;
    if (fraud) {
      positives++;
      fraudAmount += amount;
    }
    if (score >= threshold && fraud) {
      tp++;
      caught += amount;
    } else if (score >= threshold) fp++;
  });
  return confusionOf(threshold, tp, fp, positives, evaluation.scores.length, caught, fraudAmount);
}

/** The thresholds of the curve: every distinct score when there are at most `max`, else `max` of them evenly spaced in rank (lowest and highest included). */
export function curveThresholds(scores: readonly number[], max = MAX_CURVE_POINTS): number[] {
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  if (distinct.length <= max) return distinct;
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(distinct[Math.round((i * (distinct.length - 1)) / (max - 1))]!);
  return [...picked].sort((a, b) => a - b);
}

/** Precision, recall, flagged share and expected cost at each curve threshold, lowest threshold first. One sort, one sweep. */
export function thresholdCurve(evaluation: Evaluation, costs: Costs, max = MAX_CURVE_POINTS): CurvePoint[] {
  const n = evaluation.scores.length;
  const order = evaluation.scores.map((_, i) => i).sort((a, b) => evaluation.scores[b]! - evaluation.scores[a]!);
  const positives = evaluation.labels.reduce<number>((s, l) => s + l, 0);
  const fraudAmount = evaluation.labels.reduce<number>((s, l, i) => s + (l === 1 ? (evaluation.amounts[i] ?? 0) : 0), 0);
  const thresholds = curveThresholds(evaluation.scores, max).reverse();
  const points: CurvePoint[] = [];
  let k = 0;
  let tp = 0;
  let fp = 0;
  let caught = 0;
  for (const threshold of thresholds) {
    // Highest threshold first: take in every payment scored at or above it.
    while (k < n && evaluation.scores[order[k]!]! >= threshold) {
      const i = order[k++]!;
      if (evaluation.labels[i] === 1) {
        tp++;
        caught += evaluation.amounts[i] ?? 0;
      } else fp++;
    }
    const c = confusionOf(threshold, tp, fp, positives, n, caught, fraudAmount);
    points.push({ ...c, costPer1000: costPer1000(c, costs) });
  }
  return points.reverse();
}

/** The point of least `cost`; of equal costs (within 1e-12) the highest threshold (fewest reviews). Null for an empty curve. */
function leastCost<P extends { threshold: number }>(points: readonly P[], cost: (p: P) => number): { point: P; cost: number } | null {
  let best: { point: P; cost: number } | null = null;
  for (const point of points) {
    const c = cost(point);
    if (!best || c < best.cost - 1e-12 || (Math.abs(c - best.cost) <= 1e-12 && point.threshold > best.point.threshold)) best = { point, cost: c };
  }
  return best;
}

/** The curve point of least expected cost; of equal costs the highest threshold (fewest reviews). Null for an empty curve. */
export function costMinimisingThreshold(points: readonly CurvePoint[]): CurvePoint | null {
  return leastCost(points, (p) => p.costPer1000)?.point ?? null;
}

/** The cheapest curve point under `costs` being tried (the curve's own costPer1000 may be for other costs), as costMinimisingThreshold. */
export function cheapest<P extends CurveCounts>(curve: readonly P[], costs: Costs): (P & { cost: number }) | null {
  const best = leastCost(curve, (p) => costPer1000(p, costs));
  return best && { ...best.point, cost: best.cost };
}

/**
 * The curve point that stands for threshold `t`: the lowest curve threshold at or above it (a payment is flagged at
 * score ≥ t). Exact when the curve holds every distinct score; otherwise the nearest evaluated threshold above.
 * `curve` is sorted by threshold, lowest first. Above the highest score nothing is flagged.
 */
export function pointAt<P extends CurveCounts>(curve: readonly P[], t: number): P | CurveCounts | null {
  const last = curve[curve.length - 1];
  if (!last) return null;
  const found = curve.find((p) => p.threshold >= t);
  if (found) return found;
  const positives = last.tp + last.fn;
  const negatives = last.fp + last.tn;
  return { threshold: t, tp: 0, fp: 0, fn: positives, tn: negatives, precision: 1, recall: 0, flaggedShare: 0 };
}

