import { DAY_MS, type Calendar } from "./calendar";
import { categories, type CategorySpec } from "./categories";
import { channelSpecs } from "./channels";
import { type Rng } from "./random";
import type { Product } from "./types";

const variants = ["", "Pro", "Mini", "Max", "Plus", "Lite", "II", "Classic", "Eco", "XL", "Sport", "Essential"];

// Typical daily units are lognormal: median ~0.7, a head of fast movers selling 10-30 a day and a long tail
// selling once a week or less, so both smooth and intermittent (Croston-type) series exist.
const BASE_UNITS_MU = -0.7;
const BASE_UNITS_SIGMA = 1.25;

/** Share of products launched inside the history window (cold starts) and discontinued before its end. */
const LAUNCH_SHARE = 0.08;
const DISCONTINUED_SHARE = 0.04;
/** Share of products whose quality falls during the last months (the sentiment trend to find). */
const QUALITY_DROP_SHARE = 0.04;

function productsPerCategory(spec: CategorySpec, scale: number): number {
  // At least two per category so even a tiny test store has every category and some within-category choice.
  return Math.max(2, Math.round(spec.productCount * scale));
}

function uniqueName(rng: Rng, spec: CategorySpec, taken: Set<string>): { name: string; brand: string } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const brand = rng.pick(spec.brands);
    const variant = rng.pick(variants);
    const name = `${brand} ${rng.pick(spec.nouns)}${variant ? ` ${variant}` : ""}`;
    if (!taken.has(name)) {
      taken.add(name);
      return { name, brand };
    }
  }
  const brand = rng.pick(spec.brands);
  const name = `${brand} ${rng.pick(spec.nouns)} ${taken.size}`;
  taken.add(name);
  return { name, brand };
}

/** Charm pricing: x.99 above $10, x.49 or x.99 below. */
export function charmPrice(cents: number): number {
  if (cents >= 1000) return Math.max(99, Math.round(cents / 100) * 100 - 1);
  return Math.max(49, Math.round(cents / 50) * 50 - 1);
}

function referencePrice(rng: Rng, spec: CategorySpec): number {
  const raw = spec.priceMedianCents * rng.lognormal(0, spec.priceSigma);
  return charmPrice(Math.min(spec.priceMaxCents, Math.max(spec.priceMinCents, raw)));
}

function channelShares(rng: Rng, spec: CategorySpec): number[] {
  const raw = channelSpecs.map((c, i) => c.share * (spec.channelTilt[i] ?? 1) * rng.lognormal(0, 0.25));
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total);
}

/** Latent quality: most products are liked, a few are loved and a few are hated. */
function latentQuality(rng: Rng): number {
  const u = rng.next();
  if (u < 0.06) return rng.float(-1.8, -0.9);
  if (u < 0.12) return rng.float(2.0, 2.6);
  return rng.normal(0.9, 0.8);
}

export function buildCatalog(rng: Rng, calendar: Calendar, scale: number): Product[] {
  const products: Product[] = [];
  const names = new Set<string>();
  for (const [categoryIndex, spec] of categories.entries()) {
    const count = productsPerCategory(spec, scale);
    for (let k = 0; k < count; k++) {
      const id = products.length + 1;
      const { name, brand } = uniqueName(rng, spec, names);
      const referencePriceCents = referencePrice(rng, spec);
      // Cheaper items in a category sell more units.
      const priceFactor = Math.pow(spec.priceMedianCents / referencePriceCents, 0.3);
      const launched = rng.chance(LAUNCH_SHARE);
      const discontinued = !launched && rng.chance(DISCONTINUED_SHARE);
      const launchDay = launched ? rng.int(60, calendar.days - 120) : 0;
      const createdAtMs = launched
        ? calendar.startMs + launchDay * DAY_MS
        : calendar.startMs - rng.int(30, 1000) * DAY_MS;
      const [eMin, eMax] = spec.elasticity;
      const [sMin, sMax] = spec.competitorSensitivity;
      const [lMin, lMax] = spec.promoLift;
      const [ltMin, ltMax] = spec.leadTimeDays;
      products.push({
        id,
        sku: `${spec.skuPrefix}-${String(id).padStart(5, "0")}`,
        name,
        brand,
        category: spec,
        categoryIndex,
        costCents: Math.round(referencePriceCents * rng.float(0.4, 0.7)),
        createdAtMs,
        launchDay,
        endDay: discontinued ? rng.int(calendar.days - 300, calendar.days - 30) : calendar.days,
        referencePriceCents,
        elasticity: round3(rng.float(eMin, eMax)),
        baseDailyUnits: round3(spec.demandLevel * priceFactor * rng.lognormal(BASE_UNITS_MU, BASE_UNITS_SIGMA)),
        trendPerYear: round3(Math.min(0.5, Math.max(-0.35, rng.normal(spec.trendPerYearMean, 0.12)))),
        promoLift: round3(rng.float(lMin, lMax)),
        competitorSensitivity: round3(rng.float(sMin, sMax)),
        channelShare: channelShares(rng, spec),
        leadTimeDays: rng.int(ltMin, ltMax),
        safetyDays: rng.float(1, 8),
        cycleDays: rng.int(14, 40),
        quality: latentQuality(rng),
        qualityDrop: null,
        aspectBias: spec.aspects.map(() => rng.normal(0, 0.6)),
      });
    }
  }
  markQualityDrops(rng, calendar, products);
  return products;
}

/**
 * A few well-selling, well-liked products get worse in the last months (a supplier change, say), so the
 * sentiment page has a real decline to find. Picked among the better sellers so they have reviews to show it.
 */
function markQualityDrops(rng: Rng, calendar: Calendar, products: Product[]): void {
  const candidates = products
    .filter((p) => p.endDay === calendar.days && p.launchDay < calendar.days - 400 && p.quality > 0.3)
    .sort((a, b) => b.baseDailyUnits - a.baseDailyUnits || a.id - b.id);
  const count = Math.max(1, Math.round(products.length * QUALITY_DROP_SHARE));
  const pool = candidates.slice(0, Math.max(count, Math.ceil(candidates.length * 0.3)));
  for (const product of rng.shuffle(pool).slice(0, count)) {
    product.qualityDrop = { day: calendar.days - rng.int(150, 240), amount: rng.float(2.2, 3.0), rampDays: 45 };
  }
  // A recent incident (a bad batch): the best seller without a drop turns sharply worse over the last two weeks,
  // so the negative-surge alert has something real to find. No random draw, so nothing else in the store moves.
  const incident = candidates.find((p) => !p.qualityDrop);
  if (incident) incident.qualityDrop = { day: calendar.days - 16, amount: 3, rampDays: 3 };
}

/** Quality on a given day: the latent level, ramping down over the drop's days once it has started. */
export function qualityOn(product: Product, day: number): number {
  const drop = product.qualityDrop;
  if (!drop || day <= drop.day) return product.quality;
  return product.quality - drop.amount * Math.min(1, (day - drop.day) / drop.rampDays);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
