import { DAY_MS, startOfDayMs } from "@/lib/dates";
import { groupBy } from "@/models/group";
import type { Db } from "@/db/client";
import type { PricingTrainRow } from "@/models/pricing/rows";

/**
 * The store's sales as pricing rows, the same shape `npm run ml -- fit-predict pricing` parses from train.csv, so
 * the app trains with exactly the CLI's code. One row per product and day: units summed over channels, the price
 * charged that day (promotions included), its cost, promotion flag, category, and each tracked competitor's latest
 * observed price (competitors are scraped weekly). Stockout days are left out: their units are censored demand
 * (sales capped by stock), which would bias every elasticity towards zero.
 */

type SalesRow = {
  productId: number;
  sku: string;
  category: string;
  costCents: number | null;
  date: string;
  priceCents: number;
  units: number;
  onPromotion: number;
};

type CompetitorRow = { productId: number; competitor: string; date: string; priceCents: number };

/** A competitor price older than this is treated as unknown rather than carried forward. */
const STALE_COMPETITOR_DAYS = 28;

function competitorsByProduct(db: Db): Map<number, CompetitorRow[]> {
  const rows = db.$client
    .prepare(
      `SELECT product_id AS productId, competitor, date, price_cents AS priceCents
       FROM competitor_prices ORDER BY product_id, date, competitor`,
    )
    .all() as CompetitorRow[];
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

export function loadPricingTrainingRows(db: Db, options: { from?: string; to?: string } = {}): PricingTrainRow[] {
  const sales = db.$client
    .prepare(
      `SELECT p.id AS productId, p.sku AS sku, p.category AS category, p.cost_cents AS costCents, ds.date AS date,
              MAX(ds.price_cents) AS priceCents, SUM(ds.units) AS units, MAX(ds.on_promotion) AS onPromotion
       FROM daily_sales ds JOIN products p ON p.id = ds.product_id
       WHERE ds.date >= ? AND ds.date <= ?
       GROUP BY ds.product_id, ds.date
       HAVING MAX(ds.stockout) = 0
       ORDER BY ds.product_id, ds.date`,
    )
    .all(options.from ?? "0000-01-01", options.to ?? "9999-12-31") as SalesRow[];
  const competitors = competitorsByProduct(db);
  const rows: PricingTrainRow[] = [];
  let cursorProduct = -1;
  let cursor = competitorCursor([]);
  for (const s of sales) {
    if (s.productId !== cursorProduct) {
      cursorProduct = s.productId;
      cursor = competitorCursor(competitors.get(s.productId) ?? []);
    }
    if (!(s.priceCents > 0)) continue;
    rows.push({
      productId: s.sku,
      date: s.date,
      price: s.priceCents / 100,
      units: s.units,
      cost: s.costCents === null ? Number.NaN : s.costCents / 100,
      competitors: cursor(s.date),
      onPromotion: s.onPromotion === 1,
      category: s.category,
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

export function loadPricingProductStates(db: Db): PricingProductState[] {
  const products = db.$client
    .prepare(`SELECT id, sku, category, price_cents AS priceCents, cost_cents AS costCents FROM products WHERE active = 1 ORDER BY id`)
    .all() as { id: number; sku: string; category: string; priceCents: number; costCents: number | null }[];
  const latest = db.$client
    .prepare(
      `SELECT c.product_id AS productId, c.competitor AS competitor, c.price_cents AS priceCents
       FROM competitor_prices c
       JOIN (SELECT product_id, competitor, MAX(date) AS date FROM competitor_prices GROUP BY product_id, competitor) m
         ON m.product_id = c.product_id AND m.competitor = c.competitor AND m.date = c.date`,
    )
    .all() as { productId: number; competitor: string; priceCents: number }[];
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
