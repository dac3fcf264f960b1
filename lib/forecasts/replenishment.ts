/**
 * Replenishment from a weekly quantile forecast, periodic review (R, S) with a one-week review period:
 * - each week's demand is treated as normal with mean P50 and sigma (P90 - P10) / 2.563 (the P10-P90 width of a
 *   normal is 2 x 1.2816 sigma), weeks independent;
 * - safety stock = z(service level) x sigma over lead time + review period;
 * - reorder point = expected demand over the lead time + z x sigma over the lead time;
 * - order-up-to level = expected demand over lead time + review period + safety stock, and the suggested order
 *   brings the inventory position (on hand + on order) up to it.
 * Lead times are in days, so a partial last week counts for its share.
 */

export type WeekForecast = { week: string; p10: number; p50: number; p90: number };
export type InventoryPosition = { onHand: number; onOrder: number; leadTimeDays: number };
export type Replenishment = {
  serviceLevel: number;
  leadTimeDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  position: number;
  orderQuantity: number;
  /** Weeks the current position lasts at the P50 forecast (Infinity when it outlasts the horizon's demand). */
  weeksOfCover: number;
};

export const REVIEW_PERIOD_DAYS = 7;
export const serviceLevels = [0.8, 0.9, 0.95, 0.98, 0.99] as const;
const SIGMA_PER_P10_P90 = 2 * 1.2815515655446004;

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Mean and variance of demand over the first `days` days of the forecast (a partial week counts pro rata). */
export function demandOver(weeks: WeekForecast[], days: number): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  let left = days / 7;
  for (const w of weeks) {
    if (left <= 0) break;
    const share = Math.min(1, left);
    const sigma = Math.max(0, w.p90 - w.p10) / SIGMA_PER_P10_P90;
    mean += share * w.p50;
    // A share of a week's demand has share^2 of its variance only if fully correlated; independent days give share.
    variance += share * sigma * sigma;
    left -= share;
  }
  // Beyond the horizon, the last week repeats.
  const last = weeks[weeks.length - 1];
  if (left > 0 && last) {
    const sigma = Math.max(0, last.p90 - last.p10) / SIGMA_PER_P10_P90;
    mean += left * last.p50;
    variance += left * sigma * sigma;
  }
  return { mean, variance };
}

export function weeksOfCover(weeks: WeekForecast[], position: number): number {
  let left = position;
  for (const [i, w] of weeks.entries()) {
    if (w.p50 >= left) return i + (w.p50 > 0 ? left / w.p50 : 0);
    left -= w.p50;
  }
  return Number.POSITIVE_INFINITY;
}

export function replenishment(weeks: WeekForecast[], inventory: InventoryPosition, serviceLevel: number): Replenishment {
  const z = normalQuantile(serviceLevel);
  const lead = demandOver(weeks, inventory.leadTimeDays);
  const protection = demandOver(weeks, inventory.leadTimeDays + REVIEW_PERIOD_DAYS);
  const safetyStock = z * Math.sqrt(protection.variance);
  const position = inventory.onHand + inventory.onOrder;
  const orderUpTo = protection.mean + safetyStock;
  return {
    serviceLevel,
    leadTimeDemand: lead.mean,
    safetyStock,
    reorderPoint: lead.mean + z * Math.sqrt(lead.variance),
    orderUpTo,
    position,
    orderQuantity: Math.max(0, Math.ceil(orderUpTo - position - 1e-9)),
    weeksOfCover: weeksOfCover(weeks, position),
  };
}
