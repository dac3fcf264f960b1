import * as tf from "@tensorflow/tfjs";
import { isoOfDay } from "../dates";
import { nextPeriodDay } from "./granularity";
import { allocate, disposeDesignTensors, encodeRows, productIndex, toTensors, type Design } from "./features";
import { logRate, productParams } from "./model";
import type { DemandCurve } from "./optimizer";
import type { PricingModel } from "./train";
import type { PricingPrediction, PricingTestRow } from "./rows";
import { levelAdjustment } from "./level";
import { posteriorElasticityBand, UNCALIBRATED, widen, Z_P90 } from "./calibration";

/**
 * Predictions from a fitted demand model. The point is the full-data member; the interval is P10-P90 of the
 * expected units across the bootstrap members (log-normal approximation: point x exp(+-1.2816 sd of their log
 * predictions)), i.e. how sure we are of the demand curve, not of next week's sales. Every band is widened by
 * the model's calibration factor (calibration.ts), which accounts for the structural error the bootstrap misses.
 */

export type Estimate = { units: number; lower: number; upper: number };

/** The factor every P10-P90 half-width is multiplied by (1 for models saved before calibration). */
export function intervalFactor(model: PricingModel): number {
  return model.calibration?.factor ?? UNCALIBRATED.factor;
}

/**
 * P10-P90 of each row's expected units: the members' sd of log units times the calibration factor, plus (in
 * quadrature) x_i times the elasticity's posterior sd, x_i the row's log price ratio (structural[i]).
 */
function intervalFromMembers(logRates: ArrayLike<number>, rows: number, members: number, factor: number, structural: ArrayLike<number>): Estimate[] {
  const out: Estimate[] = [];
  for (let i = 0; i < rows; i++) {
    const point = logRates[i * members]!;
    let sd = 0;
    if (members > 2) {
      let mean = 0;
      for (let k = 1; k < members; k++) mean += logRates[i * members + k]! / (members - 1);
      for (let k = 1; k < members; k++) sd += (logRates[i * members + k]! - mean) ** 2 / (members - 2);
      sd = factor * Math.sqrt(sd);
    }
    sd = Math.hypot(sd, structural[i]!);
    out.push({ units: Math.exp(point), lower: Math.exp(point - Z_P90 * sd), upper: Math.exp(point + Z_P90 * sd) });
  }
  return out;
}

function estimate(model: PricingModel, design: Design): Estimate[] {
  if (design.n === 0) return [];
  const { logRates, elasticities } = tf.tidy(() => {
    const x = toTensors(design, model.spec.covariates.length);
    const pc = tf.tensor1d(model.spec.productCategory, "int32");
    const eta = logRate(model.params, pc, model.spec.seasonBins, x);
    const values = eta.dataSync();
    const elasticity = productParams(model.params, pc).elasticity.dataSync();
    disposeDesignTensors(x);
    return { logRates: values, elasticities: elasticity };
  });
  // The series' level, trend and season (level.ts) shift every member alike: the band keeps its width in log units.
  const level = model.level;
  if (level) {
    for (let i = 0; i < design.n; i++) {
      const shift = levelAdjustment(level, design.product[i]!, design.day[i]!);
      if (shift === 0) continue;
      for (let k = 0; k < model.members; k++) logRates[i * model.members + k]! += shift;
    }
  }
  // d elasticity / d raw = -sigmoid(raw) = -(1 - exp(elasticity)): the raw posterior sd on the elasticity scale.
  const rawSd = model.calibration?.elasticityPosteriorSd ?? 0;
  const structural = new Float64Array(design.n);
  if (rawSd > 0) {
    for (let i = 0; i < design.n; i++) {
      const e = elasticities[design.product[i]! * model.members]!;
      structural[i] = Math.abs(design.logPriceRatio[i]!) * rawSd * (1 - Math.exp(e));
    }
  }
  return intervalFromMembers(logRates, design.n, model.members, intervalFactor(model), structural);
}

/** Expected units per test row (per day for daily data, with its weekday; per week or month otherwise). */
export function predictPricing(model: PricingModel, rows: PricingTestRow[]): PricingPrediction[] {
  const estimates = estimate(model, encodeRows(model.spec, rows));
  return rows.map((row, i) => ({ productId: row.productId, date: row.date, dateLabel: row.dateLabel ?? row.date, ...estimates[i]! }));
}

/** Conditions a demand curve is drawn under; each defaults to the product's last training period. */
export type DemandConditions = Partial<Pick<PricingTestRow, "date" | "competitors" | "onPromotion" | "covariates" | "category">> & {
  /** For a product unseen in training: the price its category-level curve is centred on (e.g. its current price). */
  referencePrice?: number;
};

type CurveBase = { base: Omit<PricingTestRow, "price">; reference: number | undefined };

/** The row a product's demand curve varies the price of, and (for a product unseen in training) its reference price. */
function curveBase(model: PricingModel, productId: string, conditions: DemandConditions): CurveBase {
  const { spec } = model;
  const last = spec.lastState[productId];
  const date = conditions.date ?? isoOfDay(last ? nextPeriodDay(last.day, spec.granularity) : Math.round(spec.timeOriginDay));
  const base: Omit<PricingTestRow, "price"> = {
    productId,
    date,
    cost: last?.cost ?? Number.NaN,
    competitors: conditions.competitors ?? last?.competitors ?? {},
    onPromotion: conditions.onPromotion ?? false,
    category: conditions.category ?? last?.category ?? "",
    covariates: conditions.covariates ?? last?.covariates ?? {},
  };
  // A product unseen in training gets its category's curve, centred on the given reference price or else on the
  // category's typical price.
  const reference = last
    ? undefined
    : (conditions.referencePrice ?? Math.exp(spec.refLogPrice[productIndex(spec, productId, base.category)]!));
  return { base, reference };
}

function curveDesign(model: PricingModel, curve: CurveBase, prices: readonly number[]): Design {
  const design = encodeRows(model.spec, prices.map((price) => ({ ...curve.base, price })), curve.reference);
  // A curve is per average period: drop the weekday factor of the particular date.
  design.logExposure.fill(0);
  return design;
}

const split = (estimates: Estimate[]) => ({ units: estimates.map((e) => e.units), lower: estimates.map((e) => e.lower), upper: estimates.map((e) => e.upper) });

/** A product's demand at many prices: expected units per period (an average weekday for daily data). */
export function demandCurve(model: PricingModel, productId: string, conditions: DemandConditions = {}): DemandCurve {
  const curve = curveBase(model, productId, conditions);
  return (prices) => split(estimate(model, curveDesign(model, curve, prices)));
}

export type CurveRequest = { productId: string; conditions?: DemandConditions; prices: readonly number[] };

/** Rows per pass of the model in demandCurves: bounds the [rows, members] intermediates (a few MB each). */
const BATCH_ROWS = 50_000;

/**
 * Many products' demand curves at once: the same numbers as demandCurve(model, productId, conditions)(prices) for
 * each request, computed in a few large passes of the model instead of one per request (on the wasm backend each
 * pass has a fixed cost of a few milliseconds, which dominates for a few hundred small requests).
 */
export function demandCurves(model: PricingModel, requests: readonly CurveRequest[]): ReturnType<DemandCurve>[] {
  const out: ReturnType<DemandCurve>[] = [];
  let pending: Design[] = [];
  let rows = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const estimates = estimate(model, concatDesigns(pending, model.spec.covariates.length));
    let offset = 0;
    for (const d of pending) {
      out.push(split(estimates.slice(offset, offset + d.n)));
      offset += d.n;
    }
    pending = [];
    rows = 0;
  };
  for (const request of requests) {
    const design = curveDesign(model, curveBase(model, request.productId, request.conditions ?? {}), request.prices);
    if (rows + design.n > BATCH_ROWS) flush();
    pending.push(design);
    rows += design.n;
  }
  flush();
  return out;
}

function concatDesigns(designs: Design[], q: number): Design {
  if (designs.length === 1) return designs[0]!;
  const n = designs.reduce((s, d) => s + d.n, 0);
  const out = allocate(n, q);
  let offset = 0;
  for (const d of designs) {
    for (const key of ["product", "bin", "logPriceRatio", "promo", "compIndex", "compPremium", "time", "units", "logExposure", "day"] as const) {
      out[key].set(d[key], offset);
    }
    out.covariates.set(d.covariates, offset * q);
    offset += d.n;
  }
  return out;
}

/** Expected units of one product at one price, with the ensemble's P10-P90 interval. */
export function expectedUnits(model: PricingModel, productId: string, price: number, conditions: DemandConditions = {}): Estimate {
  const curve = demandCurve(model, productId, conditions)([price]);
  return { units: curve.units[0]!, lower: curve.lower[0]!, upper: curve.upper[0]! };
}

export type ElasticityEstimate = { productId: string; category: string; elasticity: number; lower: number; upper: number };

/**
 * Own-price elasticity of every training product (full-data member) with the calibrated bootstrap P10-P90 range
 * (kept at or below 0: the model's elasticities are negative).
 */
export function priceElasticities(model: PricingModel): ElasticityEstimate[] {
  const { spec } = model;
  const values = tf.tidy(() => {
    const pc = tf.tensor1d(spec.productCategory, "int32");
    return productParams(model.params, pc).elasticity.dataSync();
  });
  const K = model.members;
  const factor = intervalFactor(model);
  const rawSd = model.calibration?.elasticityPosteriorSd ?? 0;
  return Object.keys(spec.lastState)
    .sort()
    .map((productId) => {
      const p = productIndex(spec, productId, "");
      const draws = Array.from({ length: K - 1 }, (_, k) => values[p * K + k + 1]!).sort((a, b) => a - b);
      const q = (f: number) => (draws.length === 0 ? values[p * K]! : draws[Math.min(draws.length - 1, Math.max(0, Math.round(f * (draws.length - 1))))]!);
      const elasticity = values[p * K]!;
      const band = widen(elasticity, Math.min(elasticity, q(0.1)), Math.max(elasticity, q(0.9)), factor);
      const posterior = posteriorElasticityBand(elasticity, rawSd);
      const lower = Math.min(band.lower, posterior.lower);
      const upper = Math.min(0, Math.max(band.upper, posterior.upper));
      return { productId, category: spec.lastState[productId]!.category, elasticity, lower, upper };
    });
}
