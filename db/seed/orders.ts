import { dayStartMs, HOUR_MS, type Calendar } from "./calendar";
import { qualityOn } from "./catalog";
import { channelSpecs, CHANNEL_COUNT, hourProfile } from "./channels";
import type { CustomerSampler } from "./customers";
import { foreignCountry, pickCountry } from "./identity";
import { gridIndex, type SalesGrid } from "./inventory";
import type { PricePlan } from "./pricing";
import type { Rng } from "./random";
import type { Order, OrderLine, Product } from "./types";

/**
 * Turns the simulated units (product x channel x day) into orders, so daily_sales and the order lines agree
 * exactly: every unit sold lands in exactly one order line of that channel and day, at that day's price.
 *
 * Returns: a small share of orders get status 'returned' (more for apparel and for poorly made products). A return
 * does NOT change daily_sales or the order lines: daily_sales is gross demand on the day of the sale, the return
 * shows only in orders.status and in the payment's status ('refunded').
 */

const LINES_PER_ORDER = [0.45, 0.28, 0.15, 0.08, 0.04];
const QUANTITY_PER_LINE = [0.75, 0.18, 0.07];
/** When an order has several lines, the next line comes from the same category this often (co-purchase). */
const SAME_CATEGORY_RATE = 0.55;
const GIFT_ABROAD_RATE = 0.01;

interface PoolItem {
  product: Product;
  left: number;
}

function pickWeighted(rng: Rng, pool: PoolItem[], accept: (item: PoolItem) => boolean): PoolItem | undefined {
  let total = 0;
  for (const item of pool) if (accept(item)) total += item.left;
  if (total === 0) return undefined;
  let target = rng.next() * total;
  for (const item of pool) {
    if (!accept(item)) continue;
    target -= item.left;
    if (target < 0) return item;
  }
  return undefined;
}

function returnProbability(lines: OrderLine[], day: number): number {
  let p = 0;
  for (const line of lines) {
    const badness = 1 / (1 + Math.exp(1.5 * qualityOn(line.product, day)));
    p = Math.max(p, line.product.category.returnRate + 0.05 * badness);
  }
  return p;
}

export interface OrderContext {
  calendar: Calendar;
  products: Product[];
  grid: SalesGrid;
  prices: PricePlan;
  customers: CustomerSampler;
}

/** Packs one channel-day's units into orders of 1-5 lines with 1-3 units each. */
function packChannelDay(rng: Rng, ctx: OrderContext, channel: number, day: number, orders: Order[]): void {
  const pool: PoolItem[] = [];
  for (const product of ctx.products) {
    const units = ctx.grid.units[gridIndex(ctx.grid, product.id - 1, channel, day)] ?? 0;
    if (units > 0) pool.push({ product, left: units });
  }
  const start = dayStartMs(ctx.calendar, day);
  const guestRate = channelSpecs[channel]?.guestRate ?? 0;
  while (pool.length > 0) {
    const lineCount = Math.min(pool.length, 1 + rng.weightedIndex(LINES_PER_ORDER));
    const chosen: PoolItem[] = [];
    const first = pickWeighted(rng, pool, () => true);
    if (!first) break;
    chosen.push(first);
    while (chosen.length < lineCount) {
      const free = (item: PoolItem) => !chosen.includes(item);
      const sameCategory = (item: PoolItem) => free(item) && item.product.categoryIndex === first.product.categoryIndex;
      const next = (rng.chance(SAME_CATEGORY_RATE) && pickWeighted(rng, pool, sameCategory)) || pickWeighted(rng, pool, free);
      if (!next) break;
      chosen.push(next);
    }
    const lines: OrderLine[] = chosen.map((item) => {
      const quantity = Math.min(item.left, 1 + rng.weightedIndex(QUANTITY_PER_LINE));
      item.left -= quantity;
      return { product: item.product, quantity, unitPriceCents: ctx.prices.price[item.product.id - 1]?.[day] ?? 0 };
    });
    for (let k = pool.length - 1; k >= 0; k--) if ((pool[k]?.left ?? 0) === 0) pool.splice(k, 1);

    const customer = rng.chance(guestRate) ? null : ctx.customers.sample(rng, channel, first.product.categoryIndex, day);
    const home = customer?.country ?? pickCountry(rng);
    const hour = rng.weightedIndex(hourProfile[channel] ?? [1]);
    orders.push({
      id: 0,
      externalId: "",
      seq: orders.length,
      customer,
      channel,
      day,
      orderedAtMs: start + hour * HOUR_MS + rng.int(0, HOUR_MS / 1000 - 1) * 1000,
      status: rng.chance(returnProbability(lines, day)) ? "returned" : "completed",
      lines,
      totalCents: lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0),
      shipCountry: rng.chance(GIFT_ABROAD_RATE) ? foreignCountry(rng, home) : home,
    });
  }
}

export function packOrders(rng: Rng, ctx: OrderContext): Order[] {
  const orders: Order[] = [];
  for (let day = 0; day < ctx.calendar.days; day++) {
    for (let channel = 0; channel < CHANNEL_COUNT; channel++) packChannelDay(rng, ctx, channel, day, orders);
  }
  return orders;
}

/** Ids in time order (after fraud has moved some orders within their day), external ids to match. */
export function assignOrderIds(orders: Order[]): Order[] {
  const sorted = [...orders].sort((a, b) => a.orderedAtMs - b.orderedAtMs || a.seq - b.seq);
  sorted.forEach((o, i) => {
    o.id = i + 1;
    o.externalId = `ORD-${String(i + 1).padStart(7, "0")}`;
  });
  return sorted;
}
