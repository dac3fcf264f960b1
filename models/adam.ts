/**
 * tfjs's Adam update in typed-array loops, for the models trained without tfjs ops (the sentiment bag, the fraud
 * logistic-regression head): the same constants and bias correction as tf.train.adam, so switching a model from
 * tfjs steps to these loops changes its cost, not its algorithm.
 */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;

/** Bias corrections (1 - beta^t) for step t (1-based). */
export function adamCorrections(t: number): { c1: number; c2: number } {
  return { c1: 1 - Math.pow(ADAM_BETA1, t), c2: 1 - Math.pow(ADAM_BETA2, t) };
}

/** Updates p[from..to) from its gradient g with moments m and v, and clears g there for the next step. */
export function adamUpdate(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, c1: number, c2: number, from = 0, to = p.length): void {
  for (let i = from; i < to; i++) {
    const gi = g[i]!;
    const mi = ADAM_BETA1 * m[i]! + (1 - ADAM_BETA1) * gi;
    const vi = ADAM_BETA2 * v[i]! + (1 - ADAM_BETA2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + ADAM_EPSILON);
    g[i] = 0;
  }
}
