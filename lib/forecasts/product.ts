import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import {
  dailySales,
  forecastOverrides,
  forecastPlans,
  forecastSeries,
  holidays as holidays_,
  inventoryPositions,
  products,
  promotions as promotions_,
  users,
  type ForecastRun,
} from "@/lib/schema";
import { userEmails } from "@/lib/auth/users";
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
export async function weeklyActuals(db: Db, productId: number, firstWeek: string, weeks: number, until?: string): Promise<HistoryWeek[]> {
  const from = addDays(firstWeek, -7 * weeks);
  const to = until ?? addDays(firstWeek, -1);
  const days = await db
    .select({ date: dailySales.date, units: sql<number>`sum(${dailySales.units})`.mapWith(Number), stockout: sql<number>`max(case when ${dailySales.stockout} then 1 else 0 end)`.mapWith(Number) })
    .from(dailySales)
    .where(and(eq(dailySales.productId, productId), gte(dailySales.date, from), lte(dailySales.date, to)))
    .groupBy(dailySales.date)
    .all();
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

export type ProductForecast = NonNullable<Awaited<ReturnType<typeof productForecast>>>;

export async function productForecast(db: Db, run: ForecastRun, productId: number, serviceLevel: number) {
  const product = await db
    .select({ id: products.id, sku: products.sku, name: products.name, category: products.category, priceCents: products.priceCents, costCents: products.costCents })
    .from(products)
    .where(eq(products.id, productId))
    .get();
  if (!product) return null;
  const planRow = await db
    .select({
      id: forecastPlans.id,
      status: forecastPlans.status,
      version: forecastPlans.version,
      serviceLevel: forecastPlans.serviceLevel,
      safetyStock: forecastPlans.safetyStock,
      reorderPoint: forecastPlans.reorderPoint,
      orderQuantity: forecastPlans.orderQuantity,
      approvedBy: forecastPlans.approvedBy,
      approvedAt: forecastPlans.approvedAt,
      reviewedBy: forecastPlans.reviewedBy,
    })
    .from(forecastPlans)
    .where(and(eq(forecastPlans.runId, run.id), eq(forecastPlans.productId, productId)))
    .get();
  // Who approved and reviewed it by e-mail (null: nobody yet), approvedAt as stored (epoch ms), as the plan card reads them.
  const emails = await userEmails(db, [planRow?.approvedBy, planRow?.reviewedBy]);
  const email = (id: number | null) => (id === null ? null : (emails.get(id) ?? null));
  const plan = planRow && { ...planRow, approvedBy: email(planRow.approvedBy), approvedAt: planRow.approvedAt?.getTime() ?? null, reviewedBy: email(planRow.reviewedBy) };
  const series = await db
    .select({
      method: forecastSeries.method,
      segment: forecastSeries.segment,
      fallbackReason: forecastSeries.fallbackReason,
      mase: forecastSeries.backtestMase,
      wape: forecastSeries.backtestWape,
      bias: forecastSeries.backtestBias,
      coverage: forecastSeries.backtestCoverage,
      recent: forecastSeries.recent,
    })
    .from(forecastSeries)
    .where(and(eq(forecastSeries.runId, run.id), eq(forecastSeries.productId, productId)))
    .get();
  if (!plan || !series) return null;
  const inv = await db
    .select({ onHand: inventoryPositions.onHand, onOrder: inventoryPositions.onOrder, leadTimeDays: inventoryPositions.leadTimeDays, asOf: inventoryPositions.asOf })
    .from(inventoryPositions)
    .where(eq(inventoryPositions.productId, productId))
    .get();
  const inventory: (InventoryPosition & { asOf: string }) | null = inv ?? null;
  // The list's row of this product, with its effective weeks: replenishment and exceptions (previous approved plan
  // included) by the same rules as the list, from one read of the weeks.
  const { rows, forecasts } = await runPlans(db, run, serviceLevel, productId);
  const weeks: EffectiveWeek[] = forecasts.get(productId) ?? [];
  const lastWeek = weeks[weeks.length - 1]?.week ?? run.firstWeek;
  const history = await weeklyActuals(db, productId, run.firstWeek, HISTORY_WEEKS, addDays(lastWeek, 6));
  const from = history[0]?.week ?? run.firstWeek;
  const to = addDays(lastWeek, 6);
  const promotions = await db
    .select({ startDate: promotions_.startDate, endDate: promotions_.endDate, discountPct: promotions_.discountPct, name: promotions_.name })
    .from(promotions_)
    .where(and(eq(promotions_.productId, productId), gte(promotions_.endDate, from), lte(promotions_.startDate, to)))
    .orderBy(promotions_.startDate)
    .all();
  const holidays = await db
    .select({ date: holidays_.date, name: holidays_.name })
    .from(holidays_)
    .where(and(gte(holidays_.date, from), lte(holidays_.date, to)))
    .orderBy(holidays_.date)
    .all();
  const overrideLog = (
    await db
      .select({
        id: forecastOverrides.id,
        week: forecastOverrides.week,
        units: forecastOverrides.units,
        modelP50: forecastOverrides.modelP50,
        reason: forecastOverrides.reason,
        note: forecastOverrides.note,
        by: users.email,
        at: forecastOverrides.createdAt,
      })
      .from(forecastOverrides)
      .innerJoin(users, eq(users.id, forecastOverrides.createdBy))
      .where(and(eq(forecastOverrides.runId, run.id), eq(forecastOverrides.productId, productId)))
      .orderBy(desc(forecastOverrides.id))
      .all()
  )
    // at as stored (epoch ms), as the override log reads it.
    .map((o) => ({ ...o, at: o.at.getTime() }));
  return {
    run,
    product,
    plan,
    series,
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
