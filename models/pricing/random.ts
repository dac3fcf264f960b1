/** Exp(1) draws: the weights of the Bayesian bootstrap (Rubin 1981), a smooth version of resampling rows. */
export function exponentialWeights(n: number, random: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = -Math.log(1 - random());
  return out;
}
