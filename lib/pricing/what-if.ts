import type { DemandGrid } from "@/db/schema/pricing";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";

/**
 * What-if on a recommendation's demand curve: expected weekly units, revenue and profit at any price inside the grid
 * the model evaluated. The model's demand is log-linear in log price (constant elasticity between nearby prices), so
 * between two grid points units are interpolated linearly in (log price, log units):
 *   t = (ln p - ln p_i) / (ln p_(i+1) - ln p_i),  units = exp((1 - t) ln u_i + t ln u_(i+1)) = u_i (p / p_i)^e_i
 * with e_i the segment's elasticity; a constant-elasticity curve is reproduced exactly. The P10 and P90 bands are
 * interpolated the same way. A segment touching zero units is interpolated linearly (the log is undefined there).
 * Prices, cost, revenue and profit are in the grid's currency units (the model's: dollars); units are per week.
 * Pure (no database, no server-only): the product page's client part may run it too.
 */

export type Band = { p10: number; p50: number; p90: number };
export type WhatIf = { price: number; units: Band; revenue: Band; profit: Band | null };
export type CurvePoint = WhatIf;

function checkGrid(grid: DemandGrid): void {
  const n = grid.price.length;
  if (n < 2 || grid.units.length !== n || grid.lower.length !== n || grid.upper.length !== n) {
    throw new AppError("validation", msg("pricing.errors.curveIncomplete"));
  }
  for (let i = 0; i < n; i++) {
    const p = grid.price[i]!;
    if (!(p > 0) || (i > 0 && !(p > grid.price[i - 1]!))) throw new AppError("validation", msg("pricing.errors.curveOrder"));
  }
}

function interpolate(p0: number, p1: number, y0: number, y1: number, p: number): number {
  if (p === p0) return y0;
  if (p === p1) return y1;
  if (y0 > 0 && y1 > 0) {
    const t = (Math.log(p) - Math.log(p0)) / (Math.log(p1) - Math.log(p0));
    return Math.exp((1 - t) * Math.log(y0) + t * Math.log(y1));
  }
  return y0 + ((y1 - y0) * (p - p0)) / (p1 - p0);
}

/** Units (P10/P50/P90) at a price between the grid's first and last price. */
export function unitsAt(grid: DemandGrid, price: number): Band {
  checkGrid(grid);
  const first = grid.price[0]!;
  const last = grid.price[grid.price.length - 1]!;
  if (!Number.isFinite(price) || price < first - 1e-9 || price > last + 1e-9) {
    throw new AppError("validation", msg("pricing.errors.curveRange", { first: first.toFixed(2), last: last.toFixed(2) }));
  }
  const p = Math.min(Math.max(price, first), last);
  let i = 0;
  while (i < grid.price.length - 2 && p > grid.price[i + 1]!) i++;
  const at = (ys: number[]) => interpolate(grid.price[i]!, grid.price[i + 1]!, ys[i]!, ys[i + 1]!, p);
  return { p10: at(grid.lower), p50: at(grid.units), p90: at(grid.upper) };
}

/** Money at a price for each units quantile; a negative margin turns the order round, so p10 <= p90 always. */
function moneyBand(perUnit: number, units: Band): Band {
  const a = perUnit * units.p10;
  const b = perUnit * units.p90;
  return { p10: Math.min(a, b), p50: perUnit * units.p50, p90: Math.max(a, b) };
}

/** Expected weekly units, revenue (price x units) and profit ((price - cost) x units) at a price, with their bands. */
export function whatIf(grid: DemandGrid, price: number, cost: number | null): WhatIf {
  const units = unitsAt(grid, price);
  return { price, units, revenue: moneyBand(price, units), profit: cost === null ? null : moneyBand(price - cost, units) };
}

/** Demand and profit at every grid point, for the decision's charts. */
export function whatIfCurve(grid: DemandGrid, cost: number | null): CurvePoint[] {
  checkGrid(grid);
  return grid.price.map((price, i) => {
    const units = { p10: grid.lower[i]!, p50: grid.units[i]!, p90: grid.upper[i]! };
    return { price, units, revenue: moneyBand(price, units), profit: cost === null ? null : moneyBand(price - cost, units) };
  });
}

type GridSource = { curve: DemandGrid; costCents: number | null; currentPriceCents: number };

/** The grid is in the model's dollars; the app's money is in cents. Money is rounded to whole cents here. */
function inCents(w: WhatIf): WhatIf {
  const c = (b: Band): Band => ({ p10: Math.round(b.p10 * 100), p50: Math.round(b.p50 * 100), p90: Math.round(b.p90 * 100) });
  return { price: Math.round(w.price * 100), units: w.units, revenue: c(w.revenue), profit: w.profit && c(w.profit) };
}

/** A recommendation's what-if at a price in cents, beside the same at the current price (null if off the grid). */
export function recommendationWhatIf(rec: GridSource, priceCents: number): { at: WhatIf; current: WhatIf | null } {
  const cost = rec.costCents === null ? null : rec.costCents / 100;
  const at = inCents(whatIf(rec.curve, priceCents / 100, cost));
  let current: WhatIf | null = null;
  try {
    current = inCents(whatIf(rec.curve, rec.currentPriceCents / 100, cost));
  } catch {
    current = null;
  }
  return { at, current };
}

/** The recommendation's curve in cents, for the charts. */
export function recommendationCurve(rec: GridSource): WhatIf[] {
  return whatIfCurve(rec.curve, rec.costCents === null ? null : rec.costCents / 100).map(inCents);
}
