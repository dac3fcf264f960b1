import { groupBy } from "../group";
import * as tf from "@tensorflow/tfjs";
import { dayNumber, weekdayOf } from "../dates";
import { detectGranularity, seasonBin, seasonBinCount, type Granularity } from "./granularity";
import type { DesignTensors } from "./model";
import { competitorMean, type PricingTestRow, type PricingTrainRow } from "./rows";

/**
 * Rows -> the demand model's design. Everything learnt from data here (reference prices, covariate scaling,
 * weekday factors) comes from the training rows only and is saved with the model.
 *
 * Per row: product index, seasonal bin, x = log(price / reference price of the product), promotion flag,
 * c = log(price / mean competitor price) centred on the product's training mean (0 when unobserved), time in years
 * from the training midpoint, scaled covariates, and the exposure (periods covered) the units were counted over.
 */

export type CovariateStat = { name: string; log: boolean; mean: number; sd: number };

/** What a product looked like in its last training period: the default conditions of its demand curve. */
export type ProductState = {
  day: number;
  price: number;
  cost: number;
  competitors: Record<string, number>;
  covariates: Record<string, number>;
  category: string;
};

export type FeatureSpec = {
  granularity: Granularity;
  seasonBins: number;
  /** Training categories, then one slot for categories never seen in training. */
  categories: string[];
  /** Training products, then one virtual "new product" per category (no data: its category's level). */
  products: string[];
  /** How many of `products` are real training products (the rest are the virtual ones). */
  trainedProducts: number;
  productCategory: number[];
  /** Per product: log of the geometric-mean training price (the virtual ones: their category's mean). */
  refLogPrice: number[];
  meanLogCompIndex: number[];
  /** Per product: log of units per exposure, to start the intercepts near the answer. */
  initLogRate: number[];
  hasCompetitors: boolean;
  hasPromo: boolean;
  covariates: CovariateStat[];
  droppedCovariates: { name: string; reason: string }[];
  /** Daily data: relative demand by weekday (0 = Monday), mean 1. Null otherwise. */
  dowFactors: number[] | null;
  timeOriginDay: number;
  /** First training day: daily rows are grouped into weeks counted from it. */
  firstDay: number;
  lastState: Record<string, ProductState>;
};

export type Design = {
  n: number;
  product: Int32Array;
  bin: Int32Array;
  logPriceRatio: Float32Array;
  promo: Float32Array;
  compIndex: Float32Array;
  /** max(0, log(price / mean competitor price)): being above the competitors, uncentred (0 when unobserved). */
  compPremium: Float32Array;
  time: Float32Array;
  /** Row-major n x covariates. */
  covariates: Float32Array;
  units: Float32Array;
  logExposure: Float32Array;
  /** First day number of the row (or cell), for time-ordered splits. */
  day: Int32Array;
};

const NEW_PRODUCT = "\u0000new:";
export const UNSEEN_CATEGORY = "\u0000unseen";

function isLeak(rows: PricingTrainRow[], name: string): string | null {
  // A column that is units, or units x price (a revenue column), would let the model read the answer.
  let sameUnits = 0;
  let sameRevenue = 0;
  let n = 0;
  for (const r of rows) {
    const v = r.covariates[name] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    n++;
    if (Math.abs(v - r.units) <= 1e-6 * Math.max(1, r.units)) sameUnits++;
    const revenue = r.units * r.price;
    if (Math.abs(v - revenue) <= 0.01 * Math.max(1, revenue)) sameRevenue++;
  }
  if (n === 0) return "no values";
  if (sameUnits >= 0.95 * n) return "equals units";
  if (sameRevenue >= 0.95 * n) return "equals units x price (revenue)";
  return null;
}

function covariateStats(rows: PricingTrainRow[]): { kept: CovariateStat[]; dropped: { name: string; reason: string }[] } {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.covariates)))].sort();
  const kept: CovariateStat[] = [];
  const dropped: { name: string; reason: string }[] = [];
  for (const name of names) {
    const leak = isLeak(rows, name);
    if (leak) {
      dropped.push({ name, reason: leak });
      continue;
    }
    const values = rows.map((r) => r.covariates[name] ?? Number.NaN).filter(Number.isFinite);
    // Non-negative covariates (counts, amounts) enter as log(1 + x): demand responds to them multiplicatively.
    const log = values.every((v) => v >= 0);
    const xs = values.map((v) => (log ? Math.log1p(v) : v));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
    if (!(sd > 1e-9)) {
      dropped.push({ name, reason: "constant" });
      continue;
    }
    kept.push({ name, log, mean, sd });
  }
  return { kept, dropped };
}

function weekdayFactors(rows: PricingTrainRow[]): number[] {
  const sum = new Array<number>(7).fill(0);
  const count = new Array<number>(7).fill(0);
  for (const r of rows) {
    const w = weekdayOf(dayNumber(r.date));
    sum[w]! += r.units;
    count[w]! += 1;
  }
  const rates = sum.map((s, w) => (count[w]! > 0 ? s / count[w]! : Number.NaN));
  const finite = rates.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length < 7) return new Array<number>(7).fill(1);
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  return rates.map((v) => v / mean);
}

export function buildFeatureSpec(rows: PricingTrainRow[]): FeatureSpec {
  const byProduct = groupBy(rows, (r) => r.productId);
  const granularity = detectGranularity([...byProduct.values()].map((list) => list.map((r) => dayNumber(r.date))));
  const dowFactors = granularity === "daily" ? weekdayFactors(rows) : null;
  const trained = [...byProduct.keys()].sort();
  const categoryOf = (list: PricingTrainRow[]) => list.find((r) => r.category !== "")?.category ?? "";
  const categories = [...new Set(trained.map((p) => categoryOf(byProduct.get(p)!)))].sort();
  categories.push(UNSEEN_CATEGORY);
  const catIndex = new Map(categories.map((c, i) => [c, i]));

  const productCategory: number[] = [];
  const refLogPrice: number[] = [];
  const meanLogCompIndex: number[] = [];
  const initLogRate: number[] = [];
  const lastState: Record<string, ProductState> = {};
  let days = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  for (const id of trained) {
    const list = byProduct.get(id)!;
    const category = categoryOf(list);
    productCategory.push(catIndex.get(category)!);
    refLogPrice.push(list.reduce((s, r) => s + Math.log(r.price), 0) / list.length);
    const logCi = list.map((r) => Math.log(r.price / competitorMean(r.competitors))).filter(Number.isFinite);
    meanLogCompIndex.push(logCi.length > 0 ? logCi.reduce((s, v) => s + v, 0) / logCi.length : 0);
    const exposure = list.reduce((s, r) => s + (dowFactors ? dowFactors[weekdayOf(dayNumber(r.date))]! : 1), 0);
    initLogRate.push(Math.log((list.reduce((s, r) => s + r.units, 0) + 0.1) / exposure));
    let last = list[0]!;
    for (const r of list) {
      const day = dayNumber(r.date);
      days += day;
      if (day < firstDay) firstDay = day;
      if (r.date > last.date) last = r;
    }
    lastState[id] = {
      day: dayNumber(last.date),
      price: last.price,
      cost: Number.isFinite(last.cost) ? last.cost : (list.findLast((r) => Number.isFinite(r.cost))?.cost ?? Number.NaN),
      competitors: { ...last.competitors },
      covariates: { ...last.covariates },
      category,
    };
  }
  // One virtual product per category: a product never seen in training is predicted at its category's level.
  const products = [...trained];
  categories.forEach((category, c) => {
    const members = productCategory.map((pc, p) => (pc === c ? p : -1)).filter((p) => p >= 0);
    const pool = members.length > 0 ? members : trained.map((_, p) => p);
    products.push(NEW_PRODUCT + category);
    productCategory.push(c);
    refLogPrice.push(pool.reduce((s, p) => s + refLogPrice[p]!, 0) / pool.length);
    meanLogCompIndex.push(0);
    initLogRate.push(pool.reduce((s, p) => s + initLogRate[p]!, 0) / pool.length);
  });
  const { kept, dropped } = covariateStats(rows);
  return {
    granularity,
    seasonBins: seasonBinCount(granularity),
    categories,
    products,
    trainedProducts: trained.length,
    productCategory,
    refLogPrice,
    meanLogCompIndex,
    initLogRate,
    hasCompetitors: rows.some((r) => Number.isFinite(competitorMean(r.competitors))),
    hasPromo: rows.some((r) => r.onPromotion),
    covariates: kept,
    droppedCovariates: dropped,
    dowFactors,
    timeOriginDay: days / rows.length,
    firstDay,
    lastState,
  };
}

const indexCache = new WeakMap<FeatureSpec, Map<string, number>>();

/** The product's index; a product unseen in training maps to its category's virtual product. */
export function productIndex(spec: FeatureSpec, productId: string, category: string): number {
  let map = indexCache.get(spec);
  if (!map) {
    map = new Map(spec.products.map((p, i) => [p, i]));
    indexCache.set(spec, map);
  }
  const known = map.get(productId);
  if (known !== undefined) return known;
  return map.get(NEW_PRODUCT + category) ?? map.get(NEW_PRODUCT + UNSEEN_CATEGORY)!;
}

/**
 * Daily data is modelled in weeks counted from the first training day: seasonal bin and aggregation cell follow the
 * week, and weekly competitor scrapes that started with the history change prices at the week boundary.
 */
function weekStart(spec: FeatureSpec, day: number): number {
  return spec.firstDay + 7 * Math.floor((day - spec.firstDay) / 7);
}

type RowFeatures = { p: number; bin: number; x: number; promo: number; ci: number; premium: number; t: number; covs: number[]; exposure: number; day: number };

function rowFeatures(spec: FeatureSpec, row: PricingTestRow, referencePrice?: number): RowFeatures {
  const p = productIndex(spec, row.productId, row.category);
  const day = dayNumber(row.date);
  const logCi = Math.log(row.price / competitorMean(row.competitors));
  const covs = spec.covariates.map((c) => {
    const raw = row.covariates[c.name] ?? Number.NaN;
    if (!Number.isFinite(raw)) return 0;
    const v = c.log ? Math.log1p(Math.max(0, raw)) : raw;
    // Clipped so one odd value in a test file cannot blow up a prediction.
    return Math.max(-5, Math.min(5, (v - c.mean) / c.sd));
  });
  return {
    p,
    bin: seasonBin(spec.granularity === "daily" ? weekStart(spec, day) : day, spec.granularity),
    // A product never seen in training has no price history: it is predicted at its category's typical level
    // whatever its price (price differences between products are not an elasticity), or around an explicit reference.
    x: p < spec.trainedProducts ? Math.log(row.price) - spec.refLogPrice[p]! : referencePrice ? Math.log(row.price / referencePrice) : 0,
    promo: row.onPromotion ? 1 : 0,
    ci: Number.isFinite(logCi) ? logCi - spec.meanLogCompIndex[p]! : 0,
    premium: Number.isFinite(logCi) ? Math.max(0, logCi) : 0,
    t: (day - spec.timeOriginDay) / 365.25,
    covs,
    exposure: spec.dowFactors ? spec.dowFactors[weekdayOf(day)]! : 1,
    day,
  };
}

/** An empty design of n rows with q covariates. */
export function allocate(n: number, q: number): Design {
  return {
    n,
    product: new Int32Array(n),
    bin: new Int32Array(n),
    logPriceRatio: new Float32Array(n),
    promo: new Float32Array(n),
    compIndex: new Float32Array(n),
    compPremium: new Float32Array(n),
    time: new Float32Array(n),
    covariates: new Float32Array(n * q),
    units: new Float32Array(n),
    logExposure: new Float32Array(n),
    day: new Int32Array(n),
  };
}

/**
 * Test rows -> design, one row each (units 0). Time is set to the training midpoint: the trend term only keeps
 * growth or decline from passing for a price effect in training and is not extrapolated. On retail_price
 * (holding out 3 months at three origins) extrapolated trends were the largest single source of error.
 */
export function encodeRows(spec: FeatureSpec, rows: PricingTestRow[], referencePrice?: number): Design {
  const q = spec.covariates.length;
  const d = allocate(rows.length, q);
  rows.forEach((row, i) => {
    const f = rowFeatures(spec, row, referencePrice);
    d.product[i] = f.p;
    d.bin[i] = f.bin;
    d.logPriceRatio[i] = f.x;
    d.promo[i] = f.promo;
    d.compIndex[i] = f.ci;
    d.compPremium[i] = f.premium;
    d.time[i] = 0;
    d.covariates.set(f.covs, i * q);
    d.logExposure[i] = Math.log(f.exposure);
    d.day[i] = f.day;
  });
  return d;
}

/**
 * Training rows -> design. Rows of one product in the same week (daily data) or period with identical features
 * are summed into one cell with their exposure: for a Poisson likelihood with a log link that is exact (the sums
 * are sufficient statistics), and it turns two years of daily rows into a few weekly cells per product.
 */
export function encodeTrainingRows(spec: FeatureSpec, rows: PricingTrainRow[], options: { timeAtOrigin?: boolean } = {}): Design {
  type Cell = { f: RowFeatures; units: number; exposure: number; daySum: number; count: number };
  const cells = new Map<string, Cell>();
  for (const row of rows) {
    const f = rowFeatures(spec, row);
    const block = spec.granularity === "daily" ? weekStart(spec, f.day) : f.day;
    const key = `${f.p}|${block}|${f.bin}|${f.x.toFixed(6)}|${f.promo}|${f.ci.toFixed(5)}|${f.covs.map((v) => v.toFixed(5)).join(",")}`;
    const cell = cells.get(key);
    if (cell) {
      cell.units += row.units;
      cell.exposure += f.exposure;
      cell.daySum += f.day;
      cell.count += 1;
      cell.f.day = Math.min(cell.f.day, f.day);
    } else {
      cells.set(key, { f, units: row.units, exposure: f.exposure, daySum: f.day, count: 1 });
    }
  }
  const q = spec.covariates.length;
  const d = allocate(cells.size, q);
  let i = 0;
  for (const { f, units, exposure, daySum, count } of cells.values()) {
    d.product[i] = f.p;
    d.bin[i] = f.bin;
    d.logPriceRatio[i] = f.x;
    d.promo[i] = f.promo;
    d.compIndex[i] = f.ci;
    d.compPremium[i] = f.premium;
    // A validation slice is encoded like test rows (no trend extrapolation), so it scores what predict does.
    d.time[i] = options.timeAtOrigin ? 0 : (daySum / count - spec.timeOriginDay) / 365.25;
    d.covariates.set(f.covs, i * q);
    d.units[i] = units;
    d.logExposure[i] = Math.log(exposure);
    d.day[i] = f.day;
    i++;
  }
  return d;
}

/** Design -> tensors for the model (dispose them with disposeDesignTensors). */
export function toTensors(d: Design, covariateCount: number): DesignTensors {
  const col = (v: Float32Array) => tf.tensor2d(v, [d.n, 1]);
  return {
    product: tf.tensor1d(d.product, "int32"),
    bin: tf.tensor1d(d.bin, "int32"),
    logPriceRatio: col(d.logPriceRatio),
    promo: col(d.promo),
    compIndex: col(d.compIndex),
    compPremium: col(d.compPremium),
    time: col(d.time),
    covariates: tf.tensor2d(d.covariates, [d.n, covariateCount]),
    logExposure: col(d.logExposure),
    units: col(d.units),
  };
}

export function disposeDesignTensors(x: DesignTensors): void {
  for (const t of Object.values(x)) t.dispose();
}
