import type { DemandCurve } from "./optimizer";
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
