import { and, asc, eq, gte, lte, max, sql } from "drizzle-orm";
import { DAY_MS, startOfDayMs } from "@/lib/dates";
import { groupBy } from "@/models/group";
import type { Db } from "@/lib/db";
import { competitorPrices, dailySales, products as productsTable } from "@/lib/schema";
import type { PricingTrainRow } from "@/models/pricing/rows";

/**
 * The store's sales as pricing rows, the same shape `npm run ml -- fit-predict pricing` parses from train.csv, so
 * the app trains with exactly the CLI's code. One row per product and day: units summed over channels, the price
 * charged that day (promotions included), its cost, promotion flag, category, and each tracked competitor's latest
 * observed price (competitors are scraped weekly). Stockout days are left out: their units are censored demand
 * (sales capped by stock), which would bias every elasticity towards zero.
 */

type CompetitorRow = { productId: number; competitor: string; date: string; priceCents: number };

/** A competitor price older than this is treated as unknown rather than carried forward. */
const STALE_COMPETITOR_DAYS = 28;

async function competitorsByProduct(db: Db): Promise<Map<number, CompetitorRow[]>> {
  const c = competitorPrices;
  const rows: CompetitorRow[] = await db
    .select({ productId: c.productId, competitor: c.competitor, date: c.date, priceCents: c.priceCents })
    .from(c)
    .orderBy(asc(c.productId), asc(c.date), asc(c.competitor))
    .all();
  return groupBy(rows, (r) => r.productId);
}

/** Walks a product's dates in order, keeping each competitor's latest observation as of the date. */
function competitorCursor(observations: CompetitorRow[]) {
  let next = 0;
  const latest = new Map<string, { date: string; price: number }>();
  return (date: string): Record<string, number> => {
    while (next < observations.length && observations[next]!.date <= date) {
      const o = observations[next]!;
      latest.set(o.competitor, { date: o.date, price: o.priceCents / 100 });
      next++;
    }
    const out: Record<string, number> = {};
    const now = startOfDayMs(date);
    for (const [name, o] of latest) {
      if (now - startOfDayMs(o.date) <= STALE_COMPETITOR_DAYS * DAY_MS) out[name] = o.price;
    }
    return out;
  };
}

export async function loadPricingTrainingRows(db: Db, options: { from?: string; to?: string } = {}): Promise<PricingTrainRow[]> {
  const ds = dailySales;
  const p = productsTable;
  // sum/max as numbers (on_promotion 0 or 1), not drizzle's string sum or boolean column mapping; the flags through
  // CASE, as PostgreSQL has no max() of a boolean.
  const sales = await db
    .select({
      productId: ds.productId,
      date: ds.date,
      priceCents: sql<number>`max(${ds.priceCents})`.mapWith(Number),
      units: sql<number>`sum(${ds.units})`.mapWith(Number),
      onPromotion: sql<number>`max(case when ${ds.onPromotion} then 1 else 0 end)`.mapWith(Number),
    })
    .from(ds)
    .where(and(gte(ds.date, options.from ?? "0000-01-01"), lte(ds.date, options.to ?? "9999-12-31")))
    .groupBy(ds.productId, ds.date)
    .having(sql`max(case when ${ds.stockout} then 1 else 0 end) = 0`)
    .orderBy(asc(ds.productId), asc(ds.date))
    .all();
  // The products' columns joined here (a few hundred rows), so the grouped statement selects only what it groups by.
  const productOf = new Map((await db.select({ id: p.id, sku: p.sku, category: p.category, costCents: p.costCents }).from(p).all()).map((r) => [r.id, r]));
  const competitors = await competitorsByProduct(db);
  const rows: PricingTrainRow[] = [];
  let cursorProduct = -1;
  let cursor = competitorCursor([]);
  for (const s of sales) {
    const product = productOf.get(s.productId);
    if (!product) continue;
    if (s.productId !== cursorProduct) {
      cursorProduct = s.productId;
      cursor = competitorCursor(competitors.get(s.productId) ?? []);
    }
    if (!(s.priceCents > 0)) continue;
    rows.push({
      productId: product.sku,
      date: s.date,
      price: s.priceCents / 100,
      units: s.units,
      cost: product.costCents === null ? Number.NaN : product.costCents / 100,
      competitors: cursor(s.date),
      onPromotion: s.onPromotion === 1,
      category: product.category,
      covariates: {},
    });
  }
  return rows;
}

/** A product as the optimiser sees it today: list price, cost and the latest competitor prices. */
export type PricingProductState = {
  productId: string;
  category: string;
  currentPrice: number;
  cost: number;
  competitorPrices: Record<string, number>;
};

export async function loadPricingProductStates(db: Db): Promise<PricingProductState[]> {
  const p = productsTable;
  const products = await db
    .select({ id: p.id, sku: p.sku, category: p.category, priceCents: p.priceCents, costCents: p.costCents })
    .from(p)
    .where(eq(p.active, true))
    .orderBy(asc(p.id))
    .all();
  const c = competitorPrices;
  // Each competitor's latest observation date per product, joined back to its price.
  const m = db
    .select({ productId: c.productId, competitor: c.competitor, latestDate: max(c.date).as("latest_date") })
    .from(c)
    .groupBy(c.productId, c.competitor)
    .as("m");
  const latest = await db
    .select({ productId: c.productId, competitor: c.competitor, priceCents: c.priceCents })
    .from(c)
    .innerJoin(m, and(eq(m.productId, c.productId), eq(m.competitor, c.competitor), eq(m.latestDate, c.date)))
    .all();
  const byProduct = new Map<number, Record<string, number>>();
  for (const l of latest) {
    const entry = byProduct.get(l.productId) ?? {};
    entry[l.competitor] = l.priceCents / 100;
    byProduct.set(l.productId, entry);
  }
  return products.map((p) => ({
    productId: p.sku,
    category: p.category,
    currentPrice: p.priceCents / 100,
    cost: p.costCents === null ? Number.NaN : p.costCents / 100,
    competitorPrices: byProduct.get(p.id) ?? {},
  }));
}
