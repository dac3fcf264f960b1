import { Rng } from "@/db/seed/random";
import { csvText } from "./csv-text";

/**
 * Monthly prices and units per product in the columns of the retail_price file the benchmark reads (product_id,
 * product_category_name, month_year as DD/MM/YYYY, qty, total_price, unit_price, comp_1..3), 2017-01 .. 2018-08,
 * each product starting in one of the first six months. Demand follows a known curve:
 *
 *   E[qty] = base_p x (unit_price / ref_p)^elasticity_p x exp(-premium x max(0, log(unit_price / mean comp)))
 *            x exp(season of the category and month)
 *
 * with each product's elasticity its category's (-0.8 .. -2.4) plus a product deviation, and gamma-Poisson sales
 * noise. Own and competitor prices move independently month to month, so the elasticities can be recovered; they
 * are returned with the text. Generated: no data licence applies.
 */
const CATEGORIES = [
  { name: "bed_bath_table", elasticity: -0.8 },
  { name: "garden_tools", elasticity: -1.3 },
  { name: "health_beauty", elasticity: -1.8 },
  { name: "watches_gifts", elasticity: -2.4 },
];
const MONTHS = 20;
const PREMIUM = 0.8;
const DISPERSION_SHAPE = 20;

export function monthlyPricesCsv(options: { products: number; seed: number }): { text: string; elasticities: Map<string, number> } {
  const rng = new Rng(options.seed, "monthly-prices");
  const elasticities = new Map<string, number>();
  const rows: (string | number)[][] = [];
  const seasons = CATEGORIES.map(() => rng.float(0, 2 * Math.PI));
  for (let p = 0; p < options.products; p++) {
    const c = p % CATEGORIES.length;
    const category = CATEGORIES[c]!;
    const id = `${category.name.split("_")[0]}${Math.floor(p / CATEGORIES.length) + 1}`;
    const elasticity = Math.min(-0.3, category.elasticity + rng.normal(0, 0.2));
    elasticities.set(id, elasticity);
    const ref = rng.lognormal(Math.log(60), 0.6);
    const base = rng.lognormal(Math.log(15), 0.6);
    const offsets = [0, 1, 2].map(() => rng.normal(0, 0.15));
    for (let m = rng.int(0, 5); m < MONTHS; m++) {
      const price = ref * Math.exp(rng.normal(0, 0.2)) * (rng.chance(0.25) ? 0.75 : 1);
      // A market-wide move shared by the competitors, then each one's own: independent of our price.
      const market = rng.normal(0, 0.15);
      const competitors = offsets.map((o) => ref * Math.exp(o + market + rng.normal(0, 0.08)));
      const competitorMean = competitors.reduce((a, b) => a + b, 0) / competitors.length;
      const month = m % 12;
      const season = 0.25 * Math.sin((2 * Math.PI * month) / 12 + seasons[c]!) + (month === 10 ? 0.3 : 0);
      const mean = base * (price / ref) ** elasticity * Math.exp(-PREMIUM * Math.max(0, Math.log(price / competitorMean)) + season);
      const qty = rng.poisson((mean * gamma(rng, DISPERSION_SHAPE)) / DISPERSION_SHAPE);
      const date = `01/${String(month + 1).padStart(2, "0")}/${2017 + Math.floor(m / 12)}`;
      rows.push([id, category.name, date, qty, (qty * price).toFixed(2), price.toFixed(2), ...competitors.map((v) => v.toFixed(2))]);
    }
  }
  const header = ["product_id", "product_category_name", "month_year", "qty", "total_price", "unit_price", "comp_1", "comp_2", "comp_3"];
  return { text: csvText(header, rows), elasticities };
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), for shape >= 1. */
function gamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(rng.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
