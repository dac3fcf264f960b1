import * as tf from "@tensorflow/tfjs";

/**
 * The demand model: a log-linear (Poisson GLM) demand curve with hierarchical product effects, as tfjs variables.
 *
 *   log E[units_i] = log exposure_i + alpha_p + e_p * log(price_i / ref_p) + promo_p * onPromotion_i
 *                    + gamma_p * log(price_i / meanCompetitorPrice_i) + kappa_p * max(0, log(price_i / meanCompetitorPrice_i))
 *                    + season_bin + season_{category,bin}
 *                    + trend_p * t_i + beta . covariates_i
 *
 * The kink kappa lets being above the competitors cost more than being below them gains (shoppers compare
 * against a reference price and weigh losses more: Kalyanaram & Winer 1995); without it the own-price elasticity
 * soaks up the asymmetry. The own-price elasticity is constrained negative, e_p = -softplus(g + c_category + d_p). Every product-level
 * term is global + category deviation + product deviation, and Gaussian priors on the deviations (ridge
 * penalties, MAP estimation) shrink a product with little data towards its category and a category towards the
 * global mean: the partial pooling of hierarchical models (Gelman & Hill 2007, ch. 12). The last dimension of
 * every variable is the ensemble member, so a bootstrap ensemble trains in one pass.
 */

export type DemandModelShape = {
  products: number;
  categories: number;
  seasonBins: number;
  covariates: number;
  members: number;
};

export const PARAM_NAMES = [
  "alphaGlobal",
  "alphaCat",
  "alphaProd",
  "elasGlobal",
  "elasCat",
  "elasProd",
  "promoGlobal",
  "promoCat",
  "promoProd",
  "compGlobal",
  "compCat",
  "compProd",
  "premGlobal",
  "premCat",
  "premProd",
  "seasonGlobal",
  "seasonCat",
  "trendGlobal",
  "trendProd",
  "beta",
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type DemandParams = Record<ParamName, tf.Variable>;
/** The parameters as read by the model's functions: the variables themselves or views of a flat vector (train.ts). */
export type DemandValues = Record<ParamName, tf.Tensor>;

/** Prior standard deviation of each parameter group (Infinity = no penalty), and of week-to-week season changes. */
export type DemandPriors = Record<ParamName, number> & { seasonStep: number };

export const DEFAULT_PRIORS: DemandPriors = {
  alphaGlobal: Number.POSITIVE_INFINITY,
  alphaCat: 1,
  alphaProd: 2,
  elasGlobal: Number.POSITIVE_INFINITY,
  elasCat: 0.7,
  elasProd: 0.5,
  promoGlobal: 1,
  promoCat: 0.3,
  promoProd: 0.1,
  compGlobal: 2,
  compCat: 0.25,
  compProd: 0.1,
  premGlobal: 2,
  premCat: 0.5,
  premProd: 0.3,
  seasonGlobal: 0.5,
  seasonCat: 0.3,
  trendGlobal: 0.5,
  trendProd: 0.15,
  beta: 1,
  seasonStep: 0.15,
};

/** softplus^-1(1): the starting raw elasticity, so every product starts at elasticity -1. */
const RAW_ELASTICITY_START = Math.log(Math.E - 1);

export function paramShapes(shape: DemandModelShape): Record<ParamName, [number, number]> {
  const { products: P, categories: C, seasonBins: B, covariates: Q, members: K } = shape;
  return {
    alphaGlobal: [1, K],
    alphaCat: [C, K],
    alphaProd: [P, K],
    elasGlobal: [1, K],
    elasCat: [C, K],
    elasProd: [P, K],
    promoGlobal: [1, K],
    promoCat: [C, K],
    promoProd: [P, K],
    compGlobal: [1, K],
    compCat: [C, K],
    compProd: [P, K],
    premGlobal: [1, K],
    premCat: [C, K],
    premProd: [P, K],
    seasonGlobal: [B, K],
    seasonCat: [C * B, K],
    trendGlobal: [1, K],
    trendProd: [P, K],
    beta: [Math.max(Q, 1), K],
  };
}

/**
 * Creates the variables. Intercepts start at each product's observed log rate, elasticities at -1, the rest at 0:
 * the model is a penalised GLM, so a deterministic start loses nothing and needs no seeded initialiser.
 */
export function buildDemandModel(shape: DemandModelShape, initLogRate: ArrayLike<number>): DemandParams {
  if (initLogRate.length !== shape.products) throw new RangeError(`initLogRate has ${initLogRate.length} values for ${shape.products} products`);
  if (shape.members < 1) throw new RangeError("an ensemble needs at least one member");
  const shapes = paramShapes(shape);
  const K = shape.members;
  let mean = 0;
  for (let p = 0; p < shape.products; p++) mean += initLogRate[p]! / shape.products;
  const params = {} as DemandParams;
  for (const name of PARAM_NAMES) {
    const [rows, cols] = shapes[name];
    const values = new Float32Array(rows * cols);
    if (name === "alphaGlobal") values.fill(mean);
    if (name === "elasGlobal") values.fill(RAW_ELASTICITY_START);
    if (name === "alphaProd") for (let p = 0; p < rows; p++) values.fill(initLogRate[p]! - mean, p * K, (p + 1) * K);
    const initial = tf.tensor2d(values, [rows, cols]);
    params[name] = tf.variable(initial, true);
    initial.dispose();
  }
  return params;
}

/**
 * tf.gather whose gradient is a scatter-add (tf.scatterND sums duplicate indices): the stock gradient needs the
 * UnsortedSegmentSum kernel, which the wasm backend lacks.
 */
export function gatherRows(params: tf.Tensor, indices: tf.Tensor1D): tf.Tensor2D {
  const op = tf.customGrad((p, idx, save) => {
    (save as unknown as (tensors: tf.Tensor[]) => void)([idx as tf.Tensor]);
    return {
      value: tf.gather(p as tf.Tensor, idx as tf.Tensor1D),
      gradFunc: (dy, saved) => {
        const [kept] = saved as [tf.Tensor1D];
        const grad = tf.scatterND(tf.expandDims(kept, 1), dy as tf.Tensor, (p as tf.Tensor).shape);
        return [grad, tf.zerosLike(kept)];
      },
    };
  });
  return op(params, indices) as tf.Tensor2D;
}

export type DesignTensors = {
  product: tf.Tensor1D;
  bin: tf.Tensor1D;
  logPriceRatio: tf.Tensor2D;
  promo: tf.Tensor2D;
  compIndex: tf.Tensor2D;
  compPremium: tf.Tensor2D;
  time: tf.Tensor2D;
  covariates: tf.Tensor2D;
  logExposure: tf.Tensor2D;
  units: tf.Tensor2D;
};

/** Per-product parameters [products, members]: the hierarchy summed and the elasticity made negative. */
export function productParams(params: DemandValues, productCategory: tf.Tensor1D) {
  const level = (g: tf.Tensor, c: tf.Tensor, p: tf.Tensor) => tf.add(tf.add(g, gatherRows(c, productCategory)), p);
  return {
    alpha: level(params.alphaGlobal, params.alphaCat, params.alphaProd),
    elasticity: tf.neg(tf.softplus(level(params.elasGlobal, params.elasCat, params.elasProd))),
    promo: level(params.promoGlobal, params.promoCat, params.promoProd),
    comp: level(params.compGlobal, params.compCat, params.compProd),
    premium: level(params.premGlobal, params.premCat, params.premProd),
    trend: tf.add(params.trendGlobal, params.trendProd),
  };
}

/** log E[units] per row and member: [rows, members]. Call inside tf.tidy. */
export function logRate(params: DemandValues, productCategory: tf.Tensor1D, seasonBins: number, x: DesignTensors): tf.Tensor2D {
  const pp = productParams(params, productCategory);
  const at = (t: tf.Tensor) => gatherRows(t, x.product);
  const rowCategory = tf.gather(productCategory, x.product);
  const catBin = tf.add(tf.mul(rowCategory, tf.scalar(seasonBins, "int32")), x.bin) as tf.Tensor1D;
  let eta = tf.add(at(pp.alpha), x.logExposure);
  eta = tf.add(eta, tf.mul(at(pp.elasticity), x.logPriceRatio));
  eta = tf.add(eta, tf.mul(at(pp.promo), x.promo));
  eta = tf.add(eta, tf.mul(at(pp.comp), x.compIndex));
  eta = tf.add(eta, tf.mul(at(pp.premium), x.compPremium));
  eta = tf.add(eta, tf.mul(at(pp.trend), x.time));
  eta = tf.add(eta, gatherRows(params.seasonGlobal, x.bin));
  eta = tf.add(eta, gatherRows(params.seasonCat, catBin));
  if (x.covariates.shape[1] > 0) eta = tf.add(eta, tf.matMul(x.covariates, params.beta));
  return eta as tf.Tensor2D;
}

/** Negative log prior (Gaussian), summed over members: the ridge penalties that do the pooling. */
export function priorPenalty(params: DemandValues, priors: DemandPriors, seasonBins: number): tf.Scalar {
  return flatPriorPenalty(flattenParams(params), tf.tensor1d(ridgeWeights(params, priors)), params, priors, seasonBins);
}

/** The parameters laid out flat in PARAM_NAMES order (training keeps them as one variable: train.ts). */
export function flattenParams(params: DemandValues): tf.Tensor1D {
  return tf.concat(PARAM_NAMES.map((n) => tf.reshape(params[n], [-1]))) as tf.Tensor1D;
}

/**
 * Per-element weights 1 / (2 tau^2) of the flat parameters (0 where tau is infinite): with them the ridge part of
 * the prior is one weighted sum of squares.
 */
export function ridgeWeights(params: Record<ParamName, { size: number }>, priors: DemandPriors): Float32Array {
  const out = new Float32Array(PARAM_NAMES.reduce((n, name) => n + params[name].size, 0));
  let at = 0;
  for (const name of PARAM_NAMES) {
    const tau = priors[name];
    if (Number.isFinite(tau)) out.fill(1 / (2 * tau * tau), at, at + params[name].size);
    at += params[name].size;
  }
  return out;
}

/** priorPenalty of the flat parameters (`params` their views), with the ridge weights computed once per fit. */
export function flatPriorPenalty(flat: tf.Tensor1D, ridge: tf.Tensor1D, params: DemandValues, priors: DemandPriors, seasonBins: number): tf.Scalar {
  return tf.add(tf.sum(tf.mul(tf.square(flat), ridge)), seasonWalkPenalty(params, priors, seasonBins)) as tf.Scalar;
}

/** Neighbouring seasonal bins should differ little (circular first differences): a random-walk prior. */
function seasonWalkPenalty(params: DemandValues, priors: DemandPriors, seasonBins: number): tf.Scalar {
  const step = (s: tf.Tensor, bins: number) => {
    const k = s.shape[1]!;
    const grid = tf.reshape(s, [-1, bins, k]);
    const rolled = tf.concat([tf.slice(grid, [0, 1, 0], [-1, bins - 1, -1]), tf.slice(grid, [0, 0, 0], [-1, 1, -1])], 1);
    return tf.div(tf.sum(tf.square(tf.sub(rolled, grid))), 2 * priors.seasonStep * priors.seasonStep);
  };
  return tf.add(step(params.seasonGlobal, seasonBins), step(params.seasonCat, seasonBins)) as tf.Scalar;
}

/** Poisson negative log likelihood (up to a constant) per member, weighted by bootstrap weights [rows, members]. */
export function poissonLoss(eta: tf.Tensor2D, units: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(weights, tf.sub(tf.exp(eta), tf.mul(units, eta))), 0) as tf.Tensor1D;
}
