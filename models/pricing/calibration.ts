/**
 * Calibrating the bootstrap intervals against the model's own structural uncertainty.
 *
 * The Bayesian bootstrap reweights independent cells, so it misses what the model gets wrong about time: serial
 * correlation, drifting demand, effects the model does not have. Two extra ensemble members are fitted on disjoint
 * time halves of the training data (first half of the days, second half). If the bootstrap spread s_p of product p
 * were honest, the halves' disagreement d_p = e_A - e_B would be about N(0, s_p^2 (n/n_A + n/n_B)), each half
 * having n_A (n_B) of the product's n cells. The standardised disagreements t_p are held-out evidence of how wide
 * the intervals really need to be: the factor c that makes |t_p| <= 1.2816 c for 80 % of products (split-conformal
 * style, Lei et al. 2018) widens every P10-P90 band, elasticity and units alike (never narrows it). The truth is
 * never seen; the share of |t_p| <= 1.2816 before and after is the coverage the product can show beside a band.
 *
 * Both halves are shrunk by the same hierarchical prior, though, and the bootstrap of a shrunk (MAP) estimate
 * misses the shrinkage itself: every replicate is pulled to the same category value, so a product whose price
 * barely moved gets a narrow band around its category's elasticity. Its posterior is far wider. In the
 * normal-normal model the posterior variance of a product deviation is (1 - lambda) tau^2, lambda = var(MAP
 * deviations) / tau^2 the share of the prior variance the data resolved, tau the model's prior sd (Gelman & Hill
 * 2007, 12.2). That floor (on the raw, pre-softplus scale, averaged over products) is the elasticity band's
 * minimum half-width and adds x * its elasticity-scale sd to a units band's log sd at log price ratio x.
 */

export const Z_P90 = 1.2816;
export const NOMINAL_COVERAGE = 0.8;
/** A product enters the calibration only with this many cells in each half. */
export const MIN_HALF_CELLS = 6;

export type IntervalCalibration = {
  method: "time-split-halves";
  /** The P10-P90 bands' nominal coverage. */
  nominal: number;
  /** Multiplier on the bootstrap half-widths (>= 1). */
  factor: number;
  /** Share of products whose time-halves agreed within the bootstrap band (before calibration). */
  bootstrapCoverage: number;
  /** The same within the calibrated band. */
  calibratedCoverage: number;
  /** Products the factor was estimated on. */
  products: number;
  /** Posterior sd of a product's raw elasticity deviation, (1 - lambda)^0.5 tau (0 in models saved before it). */
  elasticityPosteriorSd?: number;
};

/** Old saved models have no calibration: the raw bootstrap band. */
export const UNCALIBRATED: IntervalCalibration = {
  method: "time-split-halves",
  nominal: NOMINAL_COVERAGE,
  factor: 1,
  bootstrapCoverage: Number.NaN,
  calibratedCoverage: Number.NaN,
  products: 0,
};

export type HalfEstimate = {
  /** Bootstrap draws of the full-data estimate. */
  draws: readonly number[];
  /** Estimates from the first and second time half. */
  first: number;
  second: number;
  /** Cells of the product in all, in the first half, in the second half. */
  cells: number;
  firstCells: number;
  secondCells: number;
};

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/** Standardised disagreement of the time halves per usable product. */
export function standardisedDisagreements(estimates: readonly HalfEstimate[]): number[] {
  const out: number[] = [];
  for (const e of estimates) {
    if (e.firstCells < MIN_HALF_CELLS || e.secondCells < MIN_HALF_CELLS) continue;
    const s = sd(e.draws);
    if (!(s > 0) || !Number.isFinite(e.first) || !Number.isFinite(e.second)) continue;
    out.push((e.first - e.second) / (s * Math.sqrt(e.cells / e.firstCells + e.cells / e.secondCells)));
  }
  return out;
}

export function calibrateIntervals(estimates: readonly HalfEstimate[], nominal = NOMINAL_COVERAGE): IntervalCalibration {
  const t = standardisedDisagreements(estimates)
    .map(Math.abs)
    .sort((a, b) => a - b);
  if (t.length < 5) return { ...UNCALIBRATED, products: t.length };
  // Conformal quantile: the ceil((n + 1) * nominal)-th smallest score.
  const rank = Math.min(t.length, Math.ceil((t.length + 1) * nominal)) - 1;
  const factor = Math.max(1, t[rank]! / Z_P90);
  const share = (limit: number) => t.filter((v) => v <= limit).length / t.length;
  return {
    method: "time-split-halves",
    nominal,
    factor,
    bootstrapCoverage: share(Z_P90),
    calibratedCoverage: share(Z_P90 * factor),
    products: t.length,
  };
}

/**
 * The posterior sd (1 - lambda)^0.5 tau of the raw elasticity deviations: rawDeviations are each product's raw
 * elasticity minus its category's mean, tau the prior sd of the product deviations.
 */
export function shrinkagePosteriorSd(rawDeviations: readonly number[], tau: number): number {
  if (rawDeviations.length < 2 || !Number.isFinite(tau)) return 0;
  const mean = rawDeviations.reduce((s, v) => s + v, 0) / rawDeviations.length;
  const variance = rawDeviations.reduce((s, v) => s + (v - mean) ** 2, 0) / (rawDeviations.length - 1);
  const resolved = Math.min(1, variance / (tau * tau));
  return Math.sqrt(1 - resolved) * tau;
}

/** softplus^-1(-elasticity): the raw scale the prior works on. */
export function rawElasticity(elasticity: number): number {
  const x = -elasticity;
  return x > 30 ? x : Math.log(Math.expm1(Math.max(x, 1e-9)));
}

/** The P10-P90 band of an elasticity from its raw value +- z sd (negative, ordered). */
export function posteriorElasticityBand(elasticity: number, rawSd: number): { lower: number; upper: number } {
  const r = rawElasticity(elasticity);
  const softplus = (v: number) => (v > 30 ? v : Math.log1p(Math.exp(v)));
  return { lower: -softplus(r + Z_P90 * rawSd), upper: -softplus(r - Z_P90 * rawSd) };
}

/** Widens a band about its point by the calibration factor. */
export function widen(point: number, lower: number, upper: number, factor: number): { lower: number; upper: number } {
  return { lower: point - factor * (point - lower), upper: point + factor * (upper - point) };
}
