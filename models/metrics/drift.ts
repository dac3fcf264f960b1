/**
 * Population stability index between a reference sample (the training period) and a recent one:
 * PSI = sum over bins of (p_recent - p_ref) * ln(p_recent / p_ref). Common reading: < 0.1 stable,
 * 0.1-0.25 moderate shift, > 0.25 significant shift (Siddiqi, Credit Risk Scorecards, 2006).
 */
export type Bins = { edges: number[]; proportions: number[] };

const EPSILON = 1e-4;

/** Quantile bin edges from the reference sample, so each reference bin holds about the same share. */
export function referenceBins(reference: number[], bins = 10): Bins {
  const sorted = reference.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { edges: [], proportions: [1] };
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = sorted[Math.floor((b * sorted.length) / bins)]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { edges, proportions: proportionsIn(sorted, edges) };
}

/** Share of values in each bin: bin i holds values in [edges[i-1], edges[i]), the last bin everything from the last edge. */
export function proportionsIn(values: number[], edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
    n++;
  }
  return counts.map((c) => (n === 0 ? 0 : c / n));
}

export function psi(reference: Bins, recent: number[]): number {
  const current = proportionsIn(recent, reference.edges);
  let sum = 0;
  for (let i = 0; i < current.length; i++) {
    const p = Math.max(current[i]!, EPSILON);
    const q = Math.max(reference.proportions[i]!, EPSILON);
    sum += (p - q) * Math.log(p / q);
  }
  return sum;
}
