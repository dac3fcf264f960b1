/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): small, fast and seeded, for the bootstrap weights. Never
 * Math.random: a fixed seed must give the same ensemble.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exp(1) draws: the weights of the Bayesian bootstrap (Rubin 1981), a smooth version of resampling rows. */
export function exponentialWeights(n: number, random: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = -Math.log(1 - random());
  return out;
}
