/**
 * The threshold screen's live arithmetic in the browser, on the ≤200-point curve the page sends (not the whole
 * held-out evaluation). lib/fraud/threshold.ts has the same formulas, but that module reads files and the database,
 * so it cannot be bundled for the browser; keep the two in step.
 */
export type CurveCounts = { threshold: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; flaggedShare: number };
export type Costs = { missedFraudCost: number; reviewCost: number };

/** Expected cost per 1,000 payments: (missedFraudCost × FN + reviewCost × (TP + FP)) / n × 1,000 (threshold.ts, costPer1000). */
export function costPer1000(c: Pick<CurveCounts, "tp" | "fp" | "fn" | "tn">, costs: Costs): number {
  const n = c.tp + c.fp + c.fn + c.tn;
  return n === 0 ? 0 : ((costs.missedFraudCost * c.fn + costs.reviewCost * (c.tp + c.fp)) / n) * 1000;
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

/** The cheapest curve point under `costs`; of equal costs the highest threshold (fewest reviews), as costMinimisingThreshold. */
export function cheapest<P extends CurveCounts>(curve: readonly P[], costs: Costs): (P & { cost: number }) | null {
  let best: (P & { cost: number }) | null = null;
  for (const p of curve) {
    const cost = costPer1000(p, costs);
    if (!best || cost < best.cost - 1e-12 || (Math.abs(cost - best.cost) <= 1e-12 && p.threshold > best.threshold)) best = { ...p, cost };
  }
  return best;
}
