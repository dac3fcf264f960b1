import { groupBy } from "../group";
import { solveLinear } from "../linear-solve";
import type { DemandCurve } from "./optimizer";
import { dayNumber } from "../dates";
import type { PricingPrediction, PricingTestRow, PricingTrainRow } from "./rows";

/**
 * The baseline every pricing model is compared with (npm run bench and the pricing tests): a constant-elasticity
 * log-log regression per product, OLS of log(units + 1) on log(price). Its slope is the product's elasticity
 * estimate; a product with no price variation gets slope 0, an unseen product the mean of all products' fits.
 */

export type LogLogFit = { intercept: number; slope: number; rows: number; minLogPrice: number; maxLogPrice: number };
export type LogLogBaseline = { products: Map<string, LogLogFit>; fallback: LogLogFit };

function ols(xs: number[], ys: number[]): LogLogFit {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxx > 1e-12 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope, rows: n, minLogPrice: Math.min(...xs), maxLogPrice: Math.max(...xs) };
}

export function fitLogLogBaseline(rows: PricingTrainRow[]): LogLogBaseline {
  const groups = new Map<string, { xs: number[]; ys: number[] }>();
  for (const r of rows) {
    const g = groups.get(r.productId) ?? { xs: [], ys: [] };
    g.xs.push(Math.log(r.price));
    g.ys.push(Math.log1p(r.units));
    groups.set(r.productId, g);
  }
  const products = new Map<string, LogLogFit>();
  for (const [id, g] of groups) products.set(id, ols(g.xs, g.ys));
  const fits = [...products.values()];
  const fallback = {
    intercept: fits.reduce((s, f) => s + f.intercept, 0) / Math.max(1, fits.length),
    slope: fits.reduce((s, f) => s + f.slope, 0) / Math.max(1, fits.length),
    rows: 0,
    minLogPrice: Number.NEGATIVE_INFINITY,
    maxLogPrice: Number.POSITIVE_INFINITY,
  };
  return { products, fallback };
}

/**
 * Prices are clamped into the product's training range: a slope fitted on a few cents of variation (slopes of
 * -50 happen) would otherwise send a prediction at a new price to zero or to millions.
 */
function unitsAt(fit: LogLogFit, price: number): number {
  const x = Math.min(fit.maxLogPrice, Math.max(fit.minLogPrice, Math.log(price)));
  return Math.max(0, Math.expm1(fit.intercept + fit.slope * x));
}

export function predictLogLog(baseline: LogLogBaseline, rows: PricingTestRow[]): PricingPrediction[] {
  return rows.map((r) => {
    const units = unitsAt(baseline.products.get(r.productId) ?? baseline.fallback, r.price);
    return { productId: r.productId, date: r.date, dateLabel: r.dateLabel ?? r.date, units, lower: units, upper: units };
  });
}

/** The baseline's demand curve for the optimiser (no interval: lower = upper = the point). */
export function logLogDemandCurve(baseline: LogLogBaseline, productId: string): DemandCurve {
  const fit = baseline.products.get(productId) ?? baseline.fallback;
  return (prices) => {
    const units = prices.map((p) => unitsAt(fit, p));
    return { units, lower: units, upper: units };
  };
}

/**
 * The baseline a data scientist fits first on trending, seasonal price/volume series (issue 13): per product, OLS of
 * log(units + 1) on log(price), a linear time trend and yearly Fourier terms (sin/cos of 2 pi k t / year, k = 1..2,
 * t in the data's own periods), the trend extrapolated linearly. The Fourier terms are used only when the product's
 * history spans a year or more (otherwise they alias the trend). A tiny ridge keeps a constant price or a short
 * history solvable; prices are clamped into the training range as in the plain log-log baseline.
 */
export type LogLogTrendFit = { coef: number[]; harmonics: number; origin: number; minLogPrice: number; maxLogPrice: number };
export type LogLogTrendBaseline = { products: Map<string, LogLogTrendFit>; periodDays: number };

const YEAR_DAYS = 365.25;

/** Design row: 1, log price, t (years from origin), sin/cos pairs. */
function trendRow(logPrice: number, day: number, origin: number, harmonics: number): number[] {
  const t = (day - origin) / YEAR_DAYS;
  const row = [1, logPrice, t];
  for (let k = 1; k <= harmonics; k++) row.push(Math.sin(2 * Math.PI * k * t), Math.cos(2 * Math.PI * k * t));
  return row;
}

/** Solves (X'X + ridge I) b = X'y (the intercept is not penalised), pulled toward `prior` with `priorPrecision` where given. */
export function ridgeSolve(xs: number[][], ys: number[], ridge: number, weights?: number[], prior?: number[], priorPrecision?: number[]): number[] {
  const m = xs[0]!.length;
  const a = Array.from({ length: m }, () => new Float64Array(m + 1));
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const w = weights ? weights[i]! : 1;
    for (let r = 0; r < m; r++) {
      const wx = w * x[r]!;
      for (let c = 0; c < m; c++) a[r]![c]! += wx * x[c]!;
      a[r]![m]! += wx * ys[i]!;
    }
  }
  for (let r = 0; r < m; r++) {
    const lambda = priorPrecision ? priorPrecision[r]! : r === 0 ? 0 : ridge;
    a[r]![r]! += lambda + 1e-9;
    a[r]![m]! += lambda * (prior ? prior[r]! : 0);
  }
  return solveLinear(
    a.map((row) => row.subarray(0, m)),
    a.map((row) => row[m]!),
  );
}

export function fitLogLogTrendBaseline(rows: PricingTrainRow[]): LogLogTrendBaseline {
  const groups = groupBy(rows, (r) => r.productId);
  const products = new Map<string, LogLogTrendFit>();
  for (const [id, list] of groups) {
    const days = list.map((r) => dayNumber(r.date));
    const first = Math.min(...days);
    const last = Math.max(...days);
    const harmonics = last - first >= YEAR_DAYS - 14 ? 2 : 0;
    const origin = (first + last) / 2;
    const logPrices = list.map((r) => Math.log(r.price));
    const xs = list.map((r, i) => trendRow(logPrices[i]!, days[i]!, origin, harmonics));
    const coef = ridgeSolve(xs, list.map((r) => Math.log1p(r.units)), 1e-6);
    products.set(id, { coef, harmonics, origin, minLogPrice: Math.min(...logPrices), maxLogPrice: Math.max(...logPrices) });
  }
  return { products, periodDays: YEAR_DAYS };
}

export function predictLogLogTrend(baseline: LogLogTrendBaseline, rows: PricingTestRow[]): PricingPrediction[] {
  return rows.map((r) => {
    const fit = baseline.products.get(r.productId);
    let units = 0;
    if (fit) {
      const x = Math.min(fit.maxLogPrice, Math.max(fit.minLogPrice, Math.log(r.price)));
      const row = trendRow(x, dayNumber(r.date), fit.origin, fit.harmonics);
      units = Math.max(0, Math.expm1(row.reduce((s, v, k) => s + v * fit.coef[k]!, 0)));
    }
    return { productId: r.productId, date: r.date, dateLabel: r.dateLabel ?? r.date, units, lower: units, upper: units };
  });
}
