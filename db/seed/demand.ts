import type { Calendar } from "./calendar";
import { categories, type CategorySpec } from "./categories";
import { channelSpecs, weeklyProfile } from "./channels";
import { competitorAverageOn, type CompetitorPlan } from "./competitors";
import { holidayMultiplier } from "./holidays";
import type { PricePlan } from "./pricing";
import type { Product } from "./types";

/**
 * The true demand model behind the demo data (its parameters are in truth_products). Expected units of product p
 * on channel c, day t:
 *
 *   E[units] = base_p * share_pc * weekly_c(dow) * yearly_cat(doy) * (1 + trend_p)^(t / 365) * holiday(t, cat, c)
 *              * (price_pt / reference_p)^elasticity_p
 *              * (promo_pt ? promoLift_p : 1)
 *              * exp(-competitorSensitivity_p * max(0, price_pt / competitorAverage_pt - 1))
 *
 * Realised demand is Poisson around that mean times a shared daily shock (lognormal, sd 0.25) per product, which
 * adds the over-dispersion real sales have. Sales are demand capped by stock (inventory.ts).
 */

const DAILY_SHOCK_SD = 0.25;

/** Yearly profile of a category, 366 values (by day of year), normalised to mean 1 over the year. */
export function yearlySeasonality(spec: CategorySpec): Float64Array {
  const profile = new Float64Array(366);
  for (let doy = 0; doy < 366; doy++) {
    let v = spec.seasonBase;
    for (const bump of spec.seasonBumps) {
      const raw = Math.abs(doy - bump.peakDay);
      const distance = Math.min(raw, 365 - raw);
      v += bump.amplitude * Math.exp(-0.5 * (distance / bump.widthDays) ** 2);
    }
    profile[doy] = v;
  }
  let mean = 0;
  for (let doy = 0; doy < 365; doy++) mean += (profile[doy] ?? 0) / 365;
  for (let doy = 0; doy < 366; doy++) profile[doy] = (profile[doy] ?? 0) / mean;
  return profile;
}

export interface DemandModel {
  calendar: Calendar;
  /** Holiday name per day index, if any. */
  holidayByDay: (string | undefined)[];
  prices: PricePlan;
  competitors: CompetitorPlan;
  seasonality: Float64Array[];
}

export function makeDemandModel(
  calendar: Calendar,
  holidays: { date: string; name: string }[],
  prices: PricePlan,
  competitors: CompetitorPlan,
): DemandModel {
  const byDate = new Map(holidays.map((h) => [h.date, h.name]));
  return {
    calendar,
    holidayByDay: calendar.dates.map((d) => byDate.get(d)),
    prices,
    competitors,
    seasonality: categories.map(yearlySeasonality),
  };
}

/** Expected units per channel on one day (written into `out`, one slot per channel); returns their sum. */
export function expectedUnits(model: DemandModel, product: Product, day: number, out: Float64Array): number {
  const { calendar } = model;
  const i = product.id - 1;
  const price = model.prices.price[i]?.[day] ?? product.referencePriceCents;
  const onPromotion = model.prices.onPromotion[i]?.[day] === 1;
  const competitorAverage = competitorAverageOn(model.competitors, product, day);
  const common =
    product.baseDailyUnits *
    (model.seasonality[product.categoryIndex]?.[calendar.dayOfYear[day] ?? 0] ?? 1) *
    Math.pow(1 + product.trendPerYear, day / 365) *
    Math.pow(price / product.referencePriceCents, product.elasticity) *
    (onPromotion ? product.promoLift : 1) *
    Math.exp(-product.competitorSensitivity * Math.max(0, price / competitorAverage - 1));
  const dow = calendar.dayOfWeek[day] ?? 0;
  const holiday = model.holidayByDay[day];
  let total = 0;
  for (let c = 0; c < channelSpecs.length; c++) {
    const spec = channelSpecs[c];
    const v =
      spec === undefined
        ? 0
        : common *
          (product.channelShare[c] ?? 0) *
          (weeklyProfile[c]?.[dow] ?? 1) *
          holidayMultiplier(holiday, product.category.code, spec.code);
    out[c] = v;
    total += v;
  }
  return total;
}

/** The shared day-level shock: mean 1 (the -sd^2/2 offset keeps the expected value unchanged). */
export function dailyShock(normalDeviate: number): number {
  return Math.exp(DAILY_SHOCK_SD * normalDeviate - (DAILY_SHOCK_SD * DAILY_SHOCK_SD) / 2);
}
