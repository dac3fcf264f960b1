import type { Calendar } from "./calendar";
import type { Rng } from "./random";
import type { Product } from "./types";

/**
 * Competitor prices, observed weekly (every 7th day from the start of the history) for 2-3 competitors per
 * product. Each competitor sits at its own level around our reference price, drifts (AR(1) on the log price) and
 * runs occasional one-week promotions. Demand reacts to the average of the latest observations (demand.ts).
 */

export const competitorNames = ["BargainBay", "CartCo", "ShopSphere", "DealDepot"] as const;

export interface CompetitorPrice {
  product: Product;
  competitor: string;
  date: string;
  priceCents: number;
}

export interface CompetitorPlan {
  rows: CompetitorPrice[];
  /** Per product (index id - 1), per week: average competitor price in cents. */
  weeklyAverage: Float64Array[];
}

export const OBSERVATION_INTERVAL_DAYS = 7;

export function planCompetitorPrices(rng: Rng, calendar: Calendar, products: Product[]): CompetitorPlan {
  const weeks = Math.ceil(calendar.days / OBSERVATION_INTERVAL_DAYS);
  const plan: CompetitorPlan = { rows: [], weeklyAverage: [] };
  for (const product of products) {
    const names = rng.shuffle([...competitorNames]).slice(0, rng.int(2, 3));
    const levels = names.map(() => rng.normal(0, 0.07));
    const drift = names.map(() => rng.normal(0, 0.04));
    const average = new Float64Array(weeks);
    for (let w = 0; w < weeks; w++) {
      let sum = 0;
      for (const [k, competitor] of names.entries()) {
        const x = 0.75 * (drift[k] ?? 0) + rng.normal(0, 0.035);
        drift[k] = x;
        const promo = rng.chance(0.07) ? -rng.float(0.1, 0.25) : 0;
        const priceCents = Math.round(product.referencePriceCents * Math.exp((levels[k] ?? 0) + x + promo));
        sum += priceCents;
        plan.rows.push({ product, competitor, date: calendar.dates[w * OBSERVATION_INTERVAL_DAYS] ?? "", priceCents });
      }
      average[w] = sum / names.length;
    }
    plan.weeklyAverage.push(average);
  }
  return plan;
}

export function competitorAverageOn(plan: CompetitorPlan, product: Product, day: number): number {
  return plan.weeklyAverage[product.id - 1]?.[Math.floor(day / OBSERVATION_INTERVAL_DAYS)] ?? product.referencePriceCents;
}
