import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import {
  buildDemandModel,
  DEFAULT_PRIORS,
  gatherRows,
  logRate,
  PARAM_NAMES,
  paramShapes,
  priorPenalty,
  productParams,
  type DesignTensors,
} from "@/models/pricing/model";

beforeAll(async () => {
  await ensureBackend();
});

const shape = { products: 5, categories: 3, seasonBins: 12, covariates: 2, members: 4 };

function design(n: number): DesignTensors {
  const col = (v: number) => tf.fill([n, 1], v) as tf.Tensor2D;
  return {
    product: tf.tensor1d(Array.from({ length: n }, (_, i) => i % 5), "int32"),
    bin: tf.tensor1d(Array.from({ length: n }, (_, i) => i % 12), "int32"),
    logPriceRatio: col(0.1),
    promo: col(0),
    compIndex: col(0),
    compPremium: col(0),
    time: col(0),
    covariates: tf.zeros([n, 2]) as tf.Tensor2D,
    logExposure: col(0),
    units: col(1),
  };
}

describe("demand model builder", () => {
  it("creates every parameter with a members dimension", () => {
    const params = buildDemandModel(shape, [0, 1, 2, 3, 4]);
    const shapes = paramShapes(shape);
    for (const name of PARAM_NAMES) expect(params[name].shape).toEqual(shapes[name]);
    expect(params.seasonCat.shape).toEqual([3 * 12, 4]);
    for (const name of PARAM_NAMES) params[name].dispose();
  });

  it("gives log rates of [rows, members], intercepts at the observed rates and elasticities of -1", () => {
    const params = buildDemandModel(shape, [0, 1, 2, 3, 4]);
    const pc = tf.tensor1d([0, 0, 1, 2, 2], "int32");
    const x = design(10);
    const eta = tf.tidy(() => logRate(params, pc, 12, x));
    expect(eta.shape).toEqual([10, 4]);
    const values = eta.arraySync();
    // Row 3 is product 3 (init log rate 3) at +10 % price with elasticity -1: 3 - 0.1.
    expect(values[3]![0]).toBeCloseTo(2.9, 5);
    const elasticity = tf.tidy(() => productParams(params, pc).elasticity.arraySync()) as number[][];
    for (const rowValues of elasticity) for (const v of rowValues) expect(v).toBeCloseTo(-1, 5);
    tf.dispose([eta, pc, ...Object.values(x), ...PARAM_NAMES.map((n) => params[n])]);
  });

  it("keeps every elasticity negative whatever the raw parameters", () => {
    const params = buildDemandModel(shape, [0, 0, 0, 0, 0]);
    params.elasProd.assign(tf.fill([5, 4], 50));
    params.elasCat.assign(tf.fill([3, 4], -80));
    const pc = tf.tensor1d([0, 0, 1, 2, 2], "int32");
    const values = tf.tidy(() => productParams(params, pc).elasticity.dataSync());
    expect(Math.max(...values)).toBeLessThanOrEqual(0);
    tf.dispose([pc, ...PARAM_NAMES.map((n) => params[n])]);
  });

  it("penalises product deviations (the pooling) and is zero at the start", () => {
    const params = buildDemandModel(shape, [0, 0, 0, 0, 0]);
    expect(tf.tidy(() => priorPenalty(params, DEFAULT_PRIORS, 12).dataSync()[0])).toBeCloseTo(0, 6);
    params.elasProd.assign(tf.fill([5, 4], 0.5));
    const expected = (5 * 4 * 0.25) / (2 * DEFAULT_PRIORS.elasProd ** 2);
    expect(tf.tidy(() => priorPenalty(params, DEFAULT_PRIORS, 12).dataSync()[0])).toBeCloseTo(expected, 3);
    tf.dispose(PARAM_NAMES.map((n) => params[n]));
  });

  it("gathers rows with a scatter-add gradient equal to the dense one", () => {
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const idx = tf.tensor1d([0, 2, 0, 1, 0], "int32");
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t, idx), tf.tensor2d([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]))))(table);
    expect(grad.arraySync()).toEqual([[9, 9], [4, 4], [2, 2]]);
    tf.dispose([table, idx, grad]);
  });
});
