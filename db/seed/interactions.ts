import { dayStartMs, type Calendar } from "./calendar";
import { categories } from "./categories";
import { STORE_CHANNEL } from "./channels";
import { searchCumulative, type Rng } from "./random";
import type { Interaction, Order, Product } from "./types";

/**
 * Browsing for the recommenders: over the last 180 days, every purchased line of a signed-in customer becomes a
 * purchase, preceded by a cart and a view of the same product and by views (about 3) of related products of the
 * same category, popular ones more often; one in six of those related views is also carted and abandoned. So views
 * are about 4x and carts 1.5x the purchases. Browsing before a store purchase happened on the web, and nobody
 * browses before their account exists.
 */

export const INTERACTION_WINDOW_DAYS = 180;
const RELATED_VIEWS_PER_PURCHASE = 3;
const RELATED_CART_RATE = 1 / 6;
const MINUTE_MS = 60_000;

interface CategoryPool {
  products: Product[];
  cumulative: Float64Array;
}

function categoryPools(products: Product[]): CategoryPool[] {
  return categories.map((_, ci) => {
    const members = products.filter((p) => p.categoryIndex === ci);
    const cumulative = new Float64Array(members.length);
    let total = 0;
    members.forEach((p, i) => {
      total += p.baseDailyUnits;
      cumulative[i] = total;
    });
    return { products: members, cumulative };
  });
}

function relatedProduct(rng: Rng, pool: CategoryPool | undefined, bought: Product, day: number): Product | undefined {
  if (!pool || pool.products.length < 2) return undefined;
  const n = pool.products.length;
  for (let attempt = 0; attempt < 4; attempt++) {
    const p = pool.products[searchCumulative(pool.cumulative, n, rng.next() * (pool.cumulative[n - 1] ?? 0))];
    if (p && p !== bought && p.launchDay <= day && day < p.endDay) return p;
  }
  return undefined;
}

export function buildInteractions(rng: Rng, calendar: Calendar, orders: Order[], products: Product[]): Interaction[] {
  const pools = categoryPools(products);
  const firstDay = calendar.days - INTERACTION_WINDOW_DAYS;
  const out: Interaction[] = [];
  for (const order of orders) {
    const customer = order.customer;
    if (!customer || order.day < firstDay) continue;
    const t = order.orderedAtMs;
    const signedUp = dayStartMs(calendar, customer.signupDay);
    const before = (minutes: number) => Math.max(signedUp, t - minutes * MINUTE_MS);
    const browseChannel = order.channel === STORE_CHANNEL ? 0 : order.channel;
    for (const line of order.lines) {
      const product = line.product;
      out.push({ customer, product, channel: order.channel, kind: "purchase", occurredAtMs: t });
      out.push({ customer, product, channel: browseChannel, kind: "cart", occurredAtMs: before(rng.int(1, 60)) });
      out.push({ customer, product, channel: browseChannel, kind: "view", occurredAtMs: before(rng.int(61, 3 * 24 * 60)) });
      for (let k = 0; k < RELATED_VIEWS_PER_PURCHASE; k++) {
        const related = relatedProduct(rng, pools[product.categoryIndex], product, order.day);
        if (!related) continue;
        const viewedAt = before(rng.int(10, 3 * 24 * 60));
        out.push({ customer, product: related, channel: browseChannel, kind: "view", occurredAtMs: viewedAt });
        if (rng.chance(RELATED_CART_RATE)) {
          out.push({ customer, product: related, channel: browseChannel, kind: "cart", occurredAtMs: viewedAt + rng.int(1, 9) * MINUTE_MS });
        }
      }
    }
  }
  return out.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
}

