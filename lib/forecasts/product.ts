import type { Db } from "@/db/client";
import type { ForecastRun, RecentBacktest } from "@/db/schema";
import { addDays, daysBetween } from "@/lib/dates";
import type { EffectiveWeek } from "./effective";
import { runPlans } from "./queries";
import type { InventoryPosition } from "./replenishment";

export const HISTORY_WEEKS = 52;

export type HistoryWeek = { week: string; units: number; stockoutDays: number };

/**
 * Weekly actuals on the run's week grid (weeks start on `run.firstWeek` minus whole weeks), oldest first; weeks the
 * product had no sales rows at all are left out rather than shown as zero.
 */
export function weeklyActuals(db: Db, productId: number, firstWeek: string, weeks: number, until?: string): HistoryWeek[] {
  const from = addDays(firstWeek, -7 * weeks);
  const to = until ?? addDays(firstWeek, -1);
  const days = db.$client
    .prepare<[number, string, string], { date: string; units: number; stockout: number }>(
      "SELECT date, SUM(units) AS units, MAX(stockout) AS stockout FROM daily_sales WHERE product_id = ? AND date >= ? AND date <= ? GROUP BY date",
    )
    .all(productId, from, to);
  const byWeek = new Map<string, HistoryWeek>();
  for (const d of days) {
    const offset = Math.floor(daysBetween(from, d.date) / 7);
    const week = addDays(from, 7 * offset);
    const w = byWeek.get(week) ?? { week, units: 0, stockoutDays: 0 };
    w.units += d.units;
    w.stockoutDays += d.stockout;
    byWeek.set(week, w);
  }
  return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week));
}

export type ProductForecast = NonNullable<ReturnType<typeof productForecast>>;

export function productForecast(db: Db, run: ForecastRun, productId: number, serviceLevel: number) {
  const product = db.$client
    .prepare<[number], { id: number; sku: string; name: string; category: string; priceCents: number; costCents: number | null }>(
      "SELECT id, sku, name, category, price_cents AS priceCents, cost_cents AS costCents FROM products WHERE id = ?",
    )
    .get(productId);
  if (!product) return null;
  const plan = db.$client
    .prepare<[number, number], { id: number; status: "open" | "reviewed" | "approved"; version: number; serviceLevel: number | null; safetyStock: number | null; reorderPoint: number | null; orderQuantity: number | null; approvedBy: string | null; approvedAt: number | null; reviewedBy: string | null }>(
      `SELECT fp.id, fp.status, fp.version, fp.service_level AS serviceLevel, fp.safety_stock AS safetyStock, fp.reorder_point AS reorderPoint,
              fp.order_quantity AS orderQuantity, a.email AS approvedBy, fp.approved_at AS approvedAt, r.email AS reviewedBy
         FROM forecast_plans fp LEFT JOIN users a ON a.id = fp.approved_by LEFT JOIN users r ON r.id = fp.reviewed_by
        WHERE fp.run_id = ? AND fp.product_id = ?`,
    )
    .get(run.id, productId);
  const series = db.$client
    .prepare<[number, number], { method: string; segment: string; fallbackReason: string | null; mase: number | null; wape: number | null; bias: number | null; coverage: number | null; recent: string | null }>(
      `SELECT method, segment, fallback_reason AS fallbackReason, backtest_mase AS mase, backtest_wape AS wape, backtest_bias AS bias,
              backtest_coverage AS coverage, recent FROM forecast_series WHERE run_id = ? AND product_id = ?`,
    )
    .get(run.id, productId);
  if (!plan || !series) return null;
  const inv = db.$client
    .prepare<[number], { onHand: number; onOrder: number; leadTimeDays: number; asOf: string }>(
      "SELECT on_hand AS onHand, on_order AS onOrder, lead_time_days AS leadTimeDays, as_of AS asOf FROM inventory_positions WHERE product_id = ?",
    )
    .get(productId);
  const inventory: (InventoryPosition & { asOf: string }) | null = inv ?? null;
  // The list's row of this product, with its effective weeks: replenishment and exceptions (previous approved plan
  // included) by the same rules as the list, from one read of the weeks.
  const { rows, forecasts } = runPlans(db, run, serviceLevel, productId);
  const weeks: EffectiveWeek[] = forecasts.get(productId) ?? [];
  const lastWeek = weeks[weeks.length - 1]?.week ?? run.firstWeek;
  const history = weeklyActuals(db, productId, run.firstWeek, HISTORY_WEEKS, addDays(lastWeek, 6));
  const recent = series.recent ? (JSON.parse(series.recent) as RecentBacktest) : null;
  const promotions = db.$client
    .prepare<[number, string, string], { startDate: string; endDate: string; discountPct: number; name: string | null }>(
      "SELECT start_date AS startDate, end_date AS endDate, discount_pct AS discountPct, name FROM promotions WHERE product_id = ? AND end_date >= ? AND start_date <= ? ORDER BY start_date",
    )
    .all(productId, history[0]?.week ?? run.firstWeek, addDays(lastWeek, 6));
  const holidays = db.$client
    .prepare<[string, string], { date: string; name: string }>("SELECT date, name FROM holidays WHERE date >= ? AND date <= ? ORDER BY date")
    .all(history[0]?.week ?? run.firstWeek, addDays(lastWeek, 6));
  const overrideLog = db.$client
    .prepare<[number, number], { id: number; week: string; units: number; modelP50: number; reason: string; note: string | null; by: string; at: number }>(
      `SELECT o.id, o.week, o.units, o.model_p50 AS modelP50, o.reason, o.note, u.email AS by, o.created_at AS at
         FROM forecast_overrides o JOIN users u ON u.id = o.created_by WHERE o.run_id = ? AND o.product_id = ? ORDER BY o.id DESC`,
    )
    .all(run.id, productId);
  return {
    run,
    product,
    plan,
    series: { ...series, recent },
    inventory,
    weeks,
    history,
    promotions,
    holidays,
    overrideLog,
    replenishment: rows[0]?.replenishment ?? null,
    exceptions: rows[0]?.exceptions ?? [],
  };
}
