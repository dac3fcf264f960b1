import { mulberry32 } from "../random";
import { dayNumber, isoOfDay } from "../dates";
import type { PricingTrainRow } from "./rows";

/**
 * Seeded weekly price/volume series shaped like the data issue 13 measured on (about 100 series, 3 years, real
 * trends and seasons, a 13-week horizon), for the bench and the tests: the gap between a model that holds the level
 * still and one that follows it shows up here, on data no model was tuned on.
 *
 * Per series: log units = level + trend(t) + yearly season + elasticity x log(price / ref) + noise, Poisson counts.
 * Trends are a mix: flat (a third), linear, and flattening (a trend that decays), so that "none", "linear" and
 * "damped" each have series they suit. Prices move in steps with occasional discounts.
 */
export type SyntheticSeries = { rows: PricingTrainRow[]; elasticities: Map<string, number>; trends: Map<string, "flat" | "linear" | "flattening"> };

export function syntheticWeeklySeries(options: { series?: number; weeks?: number; seed?: number } = {}): SyntheticSeries {
  const series = options.series ?? 100;
  const weeks = options.weeks ?? 156;
  const random = mulberry32(options.seed ?? 13);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const poisson = (mean: number) => {
    // Normal approximation above 50 (exact enough for counts this size), Knuth's method below.
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
  const startDay = 17_535; // 2018-01-05, a Friday: weekly rows every 7 days from it
  const rows: PricingTrainRow[] = [];
  const elasticities = new Map<string, number>();
  const trends = new Map<string, "flat" | "linear" | "flattening">();
  for (let s = 0; s < series; s++) {
    const id = `S${String(s).padStart(3, "0")}`;
    const category = `C${s % 5}`;
    const level = Math.log(20 + 400 * random());
    const kind = s % 3 === 0 ? "flat" : s % 3 === 1 ? "linear" : "flattening";
    // Yearly growth or decline of 10-50 % (log units per year).
    const slope = kind === "flat" ? 0 : (random() < 0.5 ? -1 : 1) * (0.1 + 0.4 * random());
    const amplitude = 0.1 + 0.3 * random();
    const phase = 2 * Math.PI * random();
    const elasticity = -(0.6 + 1.8 * random());
    const refPrice = 5 + 45 * random();
    let basePrice = refPrice * (0.9 + 0.2 * random());
    elasticities.set(id, elasticity);
    trends.set(id, kind);
    for (let w = 0; w < weeks; w++) {
      if (random() < 0.08) basePrice = refPrice * Math.exp(0.15 * normal());
      const discount = random() < 0.06 ? 0.75 + 0.15 * random() : 1;
      const price = Math.round(basePrice * discount * 100) / 100;
      const years = w / 52.18;
      // A flattening trend grows like the linear one for the first year and a half, then levels off.
      const trend = kind === "flattening" ? slope * 1.5 * (1 - Math.exp(-years / 1.5)) : slope * years;
      const season = amplitude * Math.sin(2 * Math.PI * years + phase) + 0.3 * amplitude * Math.cos(4 * Math.PI * years + phase);
      const mean = Math.exp(level + trend + season + elasticity * Math.log(price / refPrice) + 0.05 * normal());
      rows.push({
        productId: id,
        date: isoOfDay(startDay + 7 * w),
        price,
        cost: Math.round(refPrice * 0.6 * 100) / 100,
        competitors: {},
        onPromotion: discount < 1,
        category,
        covariates: {},
        units: poisson(mean),
      });
    }
  }
  return { rows, elasticities, trends };
}

/** Rows of each series' last `weeks` weeks held out (the test), the rest for training. */
export function splitLastWeeks(rows: PricingTrainRow[], weeks: number): { train: PricingTrainRow[]; test: PricingTrainRow[] } {
  const lastDay = new Map<string, string>();
  for (const r of rows) if ((lastDay.get(r.productId) ?? "") < r.date) lastDay.set(r.productId, r.date);
  const cut = new Map([...lastDay].map(([id, d]) => [id, isoOfDay(dayNumber(d) - 7 * weeks)]));
  const train = rows.filter((r) => r.date <= cut.get(r.productId)!);
  const test = rows.filter((r) => r.date > cut.get(r.productId)!);
  return { train, test };
}
