import { CHANNEL_COUNT } from "./channels";
import { dailyShock, expectedUnits, type DemandModel } from "./demand";
import type { Rng } from "./random";
import type { Product } from "./types";

/**
 * Day-by-day simulation of demand and stock for every product (one warehouse serves all channels).
 *
 * Replenishment is a continuous-review (s, Q) policy run by a half-informed planner: the rate it plans with is 30 %
 * an exponentially smoothed average of past in-stock sales, 70 % the true expected demand over the lead time. So
 * stock usually suffices, but seasonal ramps, demand shocks, late or short deliveries (12 % and 8 % of reorders)
 * still run it out. On those days sales are capped at the stock on hand and daily_sales.stockout is set: the
 * units there are censored demand, not demand.
 */

const LATE_DELIVERY_RATE = 0.12;
const SHORT_DELIVERY_RATE = 0.08;
/** Discontinued products stop being reordered this many days before they are delisted. */
const RUN_DOWN_DAYS = 45;

export interface InventoryPosition {
  product: Product;
  onHand: number;
  onOrder: number;
  leadTimeDays: number;
}

export interface SalesGrid {
  days: number;
  /** Units sold, at ((productIndex * CHANNEL_COUNT) + channel) * days + day. */
  units: Int32Array;
  /** Uncensored demand, same layout: what would have sold with unlimited stock. */
  demand: Int32Array;
  /** At productIndex * days + day: 1 when demand exceeded the stock that day (or nothing was on hand). */
  stockout: Uint8Array;
  positions: InventoryPosition[];
}

export function gridIndex(grid: SalesGrid, productIndex: number, channel: number, day: number): number {
  return (productIndex * CHANNEL_COUNT + channel) * grid.days + day;
}

interface Delivery {
  arrivalDay: number;
  ordered: number;
  delivered: number;
}

/** Splits `available` units among channels in proportion to their demand (a multivariate hypergeometric draw). */
function allocate(rng: Rng, demand: Int32Array, available: number, out: Int32Array): void {
  const remaining = Int32Array.from(demand);
  let left = remaining.reduce((s, v) => s + v, 0);
  out.fill(0);
  for (let u = 0; u < available; u++) {
    let target = rng.next() * left;
    let c = 0;
    while (c < CHANNEL_COUNT - 1 && target >= (remaining[c] ?? 0)) {
      target -= remaining[c] ?? 0;
      c++;
    }
    remaining[c] = (remaining[c] ?? 0) - 1;
    out[c] = (out[c] ?? 0) + 1;
    left--;
  }
}

function simulateProduct(rng: Rng, model: DemandModel, product: Product, grid: SalesGrid): InventoryPosition {
  const { days } = grid;
  const p = product.id - 1;
  const first = Math.max(0, product.launchDay);
  const last = product.endDay - 1;
  // Expected demand per channel and day, and prefix sums of the daily total for the planner's look-ahead.
  const expected = new Float64Array(days * CHANNEL_COUNT);
  const prefix = new Float64Array(days + 1);
  const lambda = new Float64Array(CHANNEL_COUNT);
  for (let d = 0; d < days; d++) {
    let total = 0;
    if (d >= first && d <= last) {
      total = expectedUnits(model, product, d, lambda);
      expected.set(lambda, d * CHANNEL_COUNT);
    }
    prefix[d + 1] = (prefix[d] ?? 0) + total;
  }
  const meanAhead = (day: number, n: number): number => {
    const to = Math.min(days, day + 1 + n);
    return to > day + 1 ? ((prefix[to] ?? 0) - (prefix[day + 1] ?? 0)) / (to - day - 1) : 0;
  };

  const lead = product.leadTimeDays;
  let smoothed = meanAhead(first - 1, 28);
  let onHand = Math.ceil(smoothed * (lead + product.safetyDays + product.cycleDays / 2));
  const pipeline: Delivery[] = [];
  const demand = new Int32Array(CHANNEL_COUNT);
  const sold = new Int32Array(CHANNEL_COUNT);
  const discontinued = product.endDay < days;

  for (let d = first; d <= last; d++) {
    for (let k = pipeline.length - 1; k >= 0; k--) {
      const delivery = pipeline[k];
      if (delivery && delivery.arrivalDay === d) {
        onHand += delivery.delivered;
        pipeline.splice(k, 1);
      }
    }
    const shock = dailyShock(rng.normal());
    let total = 0;
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      const units = rng.poisson((expected[d * CHANNEL_COUNT + c] ?? 0) * shock);
      demand[c] = units;
      total += units;
    }
    const stockout = total > onHand || onHand === 0;
    if (total <= onHand) sold.set(demand);
    else allocate(rng, demand, onHand, sold);
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      const at = gridIndex(grid, p, c, d);
      grid.demand[at] = demand[c] ?? 0;
      grid.units[at] = sold[c] ?? 0;
    }
    grid.stockout[p * days + d] = stockout ? 1 : 0;
    onHand -= Math.min(total, onHand);
    // The planner only trusts in-stock days: a stocked-out day's sales understate demand.
    if (!stockout) smoothed = 0.9 * smoothed + 0.1 * total;

    if (discontinued && d >= product.endDay - RUN_DOWN_DAYS) continue;
    const onOrder = pipeline.reduce((s, x) => s + x.ordered, 0);
    const rate = 0.3 * smoothed + 0.7 * meanAhead(d, lead);
    if (onHand + onOrder <= rate * (lead + product.safetyDays)) {
      const ordered = Math.max(1, Math.ceil(rate * product.cycleDays));
      const late = rng.chance(LATE_DELIVERY_RATE) ? rng.int(3, 14) : 0;
      const delivered = rng.chance(SHORT_DELIVERY_RATE) ? Math.round(ordered * rng.float(0.4, 0.8)) : ordered;
      pipeline.push({ arrivalDay: d + lead + late, ordered, delivered });
    }
  }
  return {
    product,
    onHand: discontinued ? 0 : onHand,
    onOrder: discontinued ? 0 : pipeline.reduce((s, x) => s + x.ordered, 0),
    leadTimeDays: lead,
  };
}

export function simulateSales(rng: Rng, model: DemandModel, products: Product[]): SalesGrid {
  const days = model.calendar.days;
  const grid: SalesGrid = {
    days,
    units: new Int32Array(products.length * CHANNEL_COUNT * days),
    demand: new Int32Array(products.length * CHANNEL_COUNT * days),
    stockout: new Uint8Array(products.length * days),
    positions: [],
  };
  for (const product of products) grid.positions.push(simulateProduct(rng.fork(product.sku), model, product, grid));
  return grid;
}
