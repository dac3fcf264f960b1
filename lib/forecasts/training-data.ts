import { and, eq, gt, gte, lte, max, min, sql } from "drizzle-orm";
import type { Db } from "../db";
import { channels, dailySales, holidays, products, promotions } from "../schema";
import { addDays, daysBetween } from "../dates";
import type { ForecastTestRow, ForecastTrainRow } from "../../models/forecasts/types";

/**
 * Demand series for the forecast model from the store's database, in exactly the row shape the CLI's parseTrain and
 * parseTest produce, so the app trains and forecasts with the same code as `npm run ml -- fit-predict forecast`.
 *
 * value = units sold; covariates: on_promotion (0/1 daily, share of promoted days weekly), relative_price (price
 * charged / the product's list price, averaged over the period) and holiday (1 on a holiday from the holidays table;
 * number of holidays in the week weekly); censored = daily_sales.stockout (share of stockout days in a week): units
 * there are sales capped by stock, not demand.
 *
 * Grain: "day", or "week" (7-day weeks ending on the last day of data, labelled by their first day; weeks a series
 * did not sell on all 7 days, such as its launch week, are dropped so a partial week never looks like a slump).
 * Level: "product" (all channels summed, series_id = SKU) or "product-channel" (series_id = `${sku}:${channel}`).
 */

export type ForecastGrain = "day" | "week";
export type ForecastLevel = "product" | "product-channel";
export type ForecastSeriesOptions = { grain?: ForecastGrain; level?: ForecastLevel; from?: string; to?: string };

export const forecastCovariates = ["on_promotion", "relative_price", "holiday"] as const;

type Bounds = { from: string; to: string };

async function bounds(db: Db, options: ForecastSeriesOptions): Promise<Bounds | null> {
  const row = await db
    .select({ first: min(dailySales.date), last: max(dailySales.date) })
    .from(dailySales)
    .where(and(gte(dailySales.date, options.from ?? "0000-01-01"), lte(dailySales.date, options.to ?? "9999-12-31")))
    .get();
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/** First day of the week `back` weeks before the one ending on `last`. */
function weekStart(last: string, back: number): string {
  return addDays(last, -7 * back - 6);
}

async function holidayCounts(db: Db, range: Bounds, grain: ForecastGrain, last: string): Promise<Map<string, number>> {
  const dates = await db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(gte(holidays.date, addDays(range.from, -7)), lte(holidays.date, addDays(range.to, 400))))
    .all();
  const counts = new Map<string, number>();
  for (const { date } of dates) {
    const key = grain === "day" ? date : weekStart(last, Math.floor(daysBetween(date, last) / 7));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A daily sale as the scan reads it; the flags are 0/1 on SQLite and booleans on PostgreSQL. */
type SaleRow = { sku: string; channel: string; date: string; units: number; price: number; listPrice: number; onPromotion: number | boolean; stockout: number | boolean };

/** Days of sales per statement of the scan: a few tens of thousands of rows at a time, not the whole history at once. */
const SCAN_WINDOW_DAYS = 28;

/**
 * Every daily sale between two dates, a window of SCAN_WINDOW_DAYS days per statement (each a range on
 * daily_sales_date_idx). Raw SQL: the training hot path (~1M rows a run), read without drizzle's per-row mapping and
 * without holding every row at once.
 */
async function* salesScan(db: Db, from: string, to: string): AsyncGenerator<SaleRow> {
  for (let start = from; start <= to; start = addDays(start, SCAN_WINDOW_DAYS)) {
    const end = addDays(start, SCAN_WINDOW_DAYS - 1);
    const rows = await db.all<SaleRow>(
      sql`SELECT p.sku, c.code AS "channel", d.date, d.units, d.price_cents AS "price", p.price_cents AS "listPrice", d.on_promotion AS "onPromotion", d.stockout
            FROM daily_sales d JOIN products p ON p.id = d.product_id JOIN channels c ON c.id = d.channel_id
           WHERE d.date >= ${start} AND d.date <= ${end < to ? end : to}`,
    );
    yield* rows;
  }
}

type Period = { series: string; start: string; dates: Set<string>; stockoutDates: Set<string>; units: number; price: number; promoted: number; rows: number };

export async function loadForecastTrainRows(db: Db, options: ForecastSeriesOptions = {}): Promise<ForecastTrainRow[]> {
  const grain = options.grain ?? "week";
  const level = options.level ?? "product";
  const range = await bounds(db, options);
  if (!range) return [];
  // One ordered scan, aggregated here: SQLite's COUNT(DISTINCT) grouping is several times slower on ~1M rows.
  const periods = new Map<string, Period>();
  const weekStarts = new Map<string, string>();
  const periodOf = (date: string) => {
    if (grain === "day") return date;
    let start = weekStarts.get(date);
    if (!start) {
      start = weekStart(range.to, Math.floor(daysBetween(date, range.to) / 7));
      weekStarts.set(date, start);
    }
    return start;
  };
  for await (const { sku, channel, date, units, price, listPrice, onPromotion, stockout } of salesScan(db, range.from, range.to)) {
    const series = level === "product" ? sku : `${sku}:${channel}`;
    const start = periodOf(date);
    const key = `${series}\u0000${start}`;
    let period = periods.get(key);
    if (!period) {
      period = { series, start, dates: new Set(), stockoutDates: new Set(), units: 0, price: 0, promoted: 0, rows: 0 };
      periods.set(key, period);
    }
    period.dates.add(date);
    if (stockout) period.stockoutDates.add(date);
    period.units += units;
    period.price += price / listPrice;
    period.promoted += Number(onPromotion);
    period.rows++;
  }
  const holidays = await holidayCounts(db, range, grain, range.to);
  const periodDays = grain === "day" ? 1 : 7;
  const out: ForecastTrainRow[] = [];
  for (const p of periods.values()) {
    if (p.dates.size < periodDays) continue;
    out.push({
      seriesId: p.series,
      date: p.start,
      value: p.units,
      covariates: { on_promotion: p.promoted / p.rows, relative_price: p.price / p.rows, holiday: holidays.get(p.start) ?? 0 },
      censored: p.stockoutDates.size / p.dates.size,
    });
  }
  return out.sort((a, b) => (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The next `horizon` periods of every series active on the last day of data, with their known future covariates:
 * holidays from the holidays table, planned promotions from the promotions table (relative price = 1 - discount),
 * the list price otherwise. Same shape as parseTest's rows.
 */
export async function futureForecastRows(db: Db, options: ForecastSeriesOptions & { horizon: number }): Promise<ForecastTestRow[]> {
  const grain = options.grain ?? "week";
  const level = options.level ?? "product";
  const range = await bounds(db, options);
  if (!range) return [];
  const seriesOf = level === "product" ? sql<string>`${products.sku}` : sql<string>`${products.sku} || ':' || ${channels.code}`;
  const active = await db
    .selectDistinct({ series: seriesOf.as("series"), product_id: products.id })
    .from(dailySales)
    .innerJoin(products, eq(products.id, dailySales.productId))
    .innerJoin(channels, eq(channels.id, dailySales.channelId))
    .where(eq(dailySales.date, range.to))
    .orderBy(sql`series`)
    .all();
  const days = options.horizon * (grain === "day" ? 1 : 7);
  const planned = await db
    .select({ product_id: promotions.productId, start_date: promotions.startDate, end_date: promotions.endDate, discount_pct: promotions.discountPct })
    .from(promotions)
    .where(and(gt(promotions.endDate, range.to), lte(promotions.startDate, addDays(range.to, days))))
    .all();
  const discountOn = new Map<string, number>();
  for (const p of planned) {
    for (let d = p.start_date; d <= p.end_date; d = addDays(d, 1)) discountOn.set(`${p.product_id}:${d}`, p.discount_pct / 100);
  }
  const holidays = await holidayCounts(db, range, "day", range.to);
  const out: ForecastTestRow[] = [];
  for (const { series, product_id } of active) {
    for (let k = 0; k < options.horizon; k++) {
      const first = addDays(range.to, 1 + k * (grain === "day" ? 1 : 7));
      let promoted = 0;
      let price = 0;
      let holiday = 0;
      const span = grain === "day" ? 1 : 7;
      for (let d = 0; d < span; d++) {
        const date = addDays(first, d);
        const discount = discountOn.get(`${product_id}:${date}`);
        if (discount !== undefined) promoted++;
        price += 1 - (discount ?? 0);
        holiday += holidays.get(date) ?? 0;
      }
      out.push({
        seriesId: series,
        date: first,
        label: first,
        covariates: { on_promotion: promoted / span, relative_price: price / span, holiday },
      });
    }
  }
  return out;
}
