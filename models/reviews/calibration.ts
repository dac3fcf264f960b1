/**
 * Platt scaling (Platt 1999, "Probabilistic Outputs for Support Vector Machines"; with the Newton method and
 * target smoothing of Lin, Lin & Weng 2007): p = sigmoid(a * logit + b), fitted on a held-out validation slice by
 * minimising log loss against smoothed targets (N+ + 1)/(N+ + 2) and 1/(N- + 2). `a` acts as an inverse
 * temperature and `b` corrects a class prior that class weighting in training shifted.
 */
export type PlattScaling = { a: number; b: number };

export const identityScaling: PlattScaling = { a: 1, b: 0 };

export function fitPlattScaling(logits: ArrayLike<number>, labels: ArrayLike<number>, sampleWeights?: ArrayLike<number>): PlattScaling {
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = sampleWeights?.[i] ?? 1;
    if (labels[i] === 1) positives += w;
    else negatives += w;
  }
  if (positives === 0 || negatives === 0) return identityScaling;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  let previous = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the weighted log loss in (a, b), plus a tiny ridge so the Newton step exists.
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    let loss = 0;
    for (let i = 0; i < logits.length; i++) {
      const z = logits[i]!;
      const t = labels[i] === 1 ? hi : lo;
      const w = sampleWeights?.[i] ?? 1;
      const p = sigmoid(a * z + b);
      const r = w * (p - t);
      ga += r * z;
      gb += r;
      const s = w * Math.max(p * (1 - p), 1e-12);
      haa += s * z * z;
      hab += s * z;
      hbb += s;
      loss += w * logLoss(a * z + b, t);
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    // Step halving keeps the loss from going up (the objective is convex, so this terminates).
    let step = 1;
    while (step > 1e-4 && lossAt(logits, labels, sampleWeights, a - step * da, b - step * db, hi, lo) > loss + 1e-12) step /= 2;
    da *= step;
    db *= step;
    a -= da;
    b -= db;
    if (Math.abs(previous - loss) < 1e-10 * Math.max(1, Math.abs(loss)) || (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9)) break;
    previous = loss;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : identityScaling;
}

export function applyPlattScaling(scaling: PlattScaling, logit: number): number {
  return sigmoid(scaling.a * logit + scaling.b);
}

function lossAt(logits: ArrayLike<number>, labels: ArrayLike<number>, sampleWeights: ArrayLike<number> | undefined, a: number, b: number, hi: number, lo: number): number {
  let loss = 0;
  for (let i = 0; i < logits.length; i++) loss += (sampleWeights?.[i] ?? 1) * logLoss(a * logits[i]! + b, labels[i] === 1 ? hi : lo);
  return loss;
}

/** -[t log sigmoid(z) + (1 - t) log(1 - sigmoid(z))], computed without overflow. */
function logLoss(z: number, t: number): number {
  return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
