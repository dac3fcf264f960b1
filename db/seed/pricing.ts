import { dateOfDay, msToIso, dayIndexOf, type Calendar } from "./calendar";
import { charmPrice } from "./catalog";
import type { Holiday } from "./holidays";
import type { Rng } from "./random";
import type { Product } from "./types";

/**
 * Our prices over time: a regular (list) price that changes every few weeks, and promotions (discount windows)
 * on top. price_history records list-price changes only; promotional prices live in the promotions table and in
 * daily_sales.price_cents, so a pricing model can tell a markdown from a repricing.
 */

/** Promotions are planned up to this many days past the end date, so forecasts can see known future markdowns. */
export const PLANNED_PROMO_DAYS = 60;

export interface PriceChange {
  product: Product;
  priceCents: number;
  effectiveFrom: string;
}

export interface Promotion {
  product: Product;
  startDay: number;
  /** Last day of the promotion (included). */
  endDay: number;
  /** Percent off the list price (20 = 20 % off). */
  discountPct: number;
  name: string;
}

export interface PricePlan {
  /** Per product (index id - 1), per day: the regular price. */
  listPrice: Int32Array[];
  /** Per product, per day: the price actually charged (list price less any promotion). */
  price: Int32Array[];
  onPromotion: Uint8Array[];
  history: PriceChange[];
  promotions: Promotion[];
}

interface EventWindow {
  startDay: number;
  endDay: number;
  name: string;
  applies: (p: Product) => number;
  discounts: number[];
}

/** Store-wide sale events: many products are discounted together, the way real retail calendars work. */
function eventWindows(calendar: Calendar, holidays: Holiday[], horizon: number): EventWindow[] {
  const windows: EventWindow[] = [];
  for (const h of holidays) {
    if (h.name !== "Black Friday") continue;
    const bf = dayIndexOf(calendar, h.date);
    const year = h.date.slice(0, 4);
    windows.push({
      startDay: bf - 3, endDay: bf + 3, name: `Black Friday ${year}`, discounts: [15, 20, 25, 30, 35],
      applies: (p) => (p.category.code === "electronics" || p.category.code === "toys" ? 0.6 : 0.45),
    });
  }
  const firstYear = Number(calendar.startDate.slice(0, 4));
  const lastYear = Number(dateOfDay(calendar, horizon).slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    const dayOf = (month0: number, d: number) => dayIndexOf(calendar, msToIso(Date.UTC(year, month0, d)));
    windows.push({ startDay: dayOf(6, 8), endDay: dayOf(6, 11), name: `Summer Sale ${year}`, discounts: [10, 15, 20, 25, 30], applies: () => 0.3 });
    windows.push({
      startDay: dayOf(3, 1), endDay: dayOf(3, 10), name: `Spring Garden Sale ${year}`, discounts: [10, 15, 20, 25],
      applies: (p) => (p.category.code === "garden" ? 0.5 : 0),
    });
    windows.push({
      startDay: dayOf(7, 1), endDay: dayOf(7, 10), name: `Back to School ${year}`, discounts: [10, 15, 20],
      applies: (p) => (p.category.code === "electronics" || p.category.code === "apparel" ? 0.35 : 0),
    });
  }
  return windows.filter((w) => w.endDay >= 0 && w.startDay < horizon);
}

function schedulePromotions(rng: Rng, calendar: Calendar, product: Product, events: EventWindow[], horizon: number): Promotion[] {
  const active = product.endDay === calendar.days;
  // Only active products have planned (future) promotions.
  const lastDay = (active ? horizon : product.endDay) - 1;
  const firstDay = Math.max(0, product.launchDay);
  const taken = new Uint8Array(horizon);
  const promos: Promotion[] = [];
  const place = (startDay: number, endDay: number, discountPct: number, name: string): boolean => {
    const s = Math.max(firstDay, startDay);
    const e = Math.min(lastDay, endDay);
    if (e < s) return false;
    for (let d = s; d <= e; d++) if (taken[d]) return false;
    taken.fill(1, s, e + 1);
    promos.push({ product, startDay: s, endDay: e, discountPct, name });
    return true;
  };
  for (const w of events) if (rng.chance(w.applies(product))) place(w.startDay, w.endDay, rng.pick(w.discounts), w.name);
  if (!active) place(product.endDay - 21, product.endDay - 1, rng.pick([30, 40, 50]), "Clearance");
  const listedYears = (lastDay - firstDay + 1) / 365;
  const deals = rng.poisson(2.5 * listedYears);
  for (let k = 0; k < deals; k++) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const start = rng.int(firstDay, lastDay);
      if (place(start, start + rng.int(3, 10) - 1, rng.pick([10, 15, 20, 25, 30]), "Weekly deal")) break;
    }
  }
  return promos.sort((a, b) => a.startDay - b.startDay);
}

/** Regular price: re-set every 3-14 weeks, mean-reverting around the reference price, clipped to -25 %/+30 %. */
function listPricePath(rng: Rng, calendar: Calendar, product: Product, history: PriceChange[]): Int32Array {
  const days = calendar.days;
  const path = new Int32Array(days);
  const ref = product.referencePriceCents;
  let price = charmPrice(ref * Math.exp(rng.normal(0, 0.05)));
  history.push({ product, priceCents: price, effectiveFrom: msToIso(product.createdAtMs) });
  let nextChange = Math.max(0, product.launchDay) + rng.int(20, 100);
  for (let d = Math.max(0, product.launchDay); d < days; d++) {
    if (d === nextChange && d < product.endDay) {
      const logTarget = Math.log(ref);
      const logNext = Math.log(price) + 0.4 * (logTarget - Math.log(price)) + rng.normal(0, 0.09);
      const next = charmPrice(Math.min(ref * 1.3, Math.max(ref * 0.75, Math.exp(logNext))));
      if (next !== price) {
        price = next;
        history.push({ product, priceCents: price, effectiveFrom: calendar.dates[d] ?? "" });
      }
      nextChange = d + rng.int(20, 100);
    }
    path[d] = price;
  }
  return path;
}

export function planPrices(rng: Rng, calendar: Calendar, products: Product[], holidays: Holiday[]): PricePlan {
  const horizon = calendar.days + PLANNED_PROMO_DAYS;
  const events = eventWindows(calendar, holidays, horizon);
  const plan: PricePlan = { listPrice: [], price: [], onPromotion: [], history: [], promotions: [] };
  for (const product of products) {
    const list = listPricePath(rng, calendar, product, plan.history);
    const promos = schedulePromotions(rng, calendar, product, events, horizon);
    const price = Int32Array.from(list);
    const onPromotion = new Uint8Array(calendar.days);
    for (const promo of promos) {
      for (let d = promo.startDay; d <= Math.min(promo.endDay, calendar.days - 1); d++) {
        price[d] = Math.round(((list[d] ?? 0) * (100 - promo.discountPct)) / 100);
        onPromotion[d] = 1;
      }
    }
    plan.listPrice.push(list);
    plan.price.push(price);
    plan.onPromotion.push(onPromotion);
    plan.promotions.push(...promos);
  }
  return plan;
}
