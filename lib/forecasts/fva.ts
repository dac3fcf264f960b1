import { and, eq, gte, lte, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/lib/db";
import { dailySales, forecastOverrides, users } from "@/lib/schema";
import { addDays } from "@/lib/dates";

/** The id of the override in force for the outer row's (run, product, week): the latest one (a correlated subquery). */
function latestOverrideId(db: Db) {
  const x = alias(forecastOverrides, "x");
  return db
    .select({ id: max(x.id) })
    .from(x)
    .where(and(eq(x.runId, forecastOverrides.runId), eq(x.productId, forecastOverrides.productId), eq(x.week, forecastOverrides.week)));
}

/**
 * Forecast value added (Gilliland): for every week a planner overrode and whose actuals are now complete, did the
 * override land closer to what sold than the model's P50? Per planner: weeks scored, mean absolute error of the
 * model and of the overrides, and FVA = 1 - MAE(override) / MAE(model) (positive: the overrides helped).
 * Only the override in force for a week counts (a planner's own earlier attempts are not double-counted).
 */
export type FvaRow = { planner: string; weeks: number; modelMae: number; overrideMae: number; fva: number | null; improved: number };

export async function forecastValueAdded(db: Db): Promise<{ rows: FvaRow[]; pending: number; lastActual: string | null }> {
  const lastActual = (await db.select({ d: max(dailySales.date) }).from(dailySales).get())?.d ?? null;
  const overrides = await db
    .select({ productId: forecastOverrides.productId, week: forecastOverrides.week, units: forecastOverrides.units, modelP50: forecastOverrides.modelP50, planner: users.email })
    .from(forecastOverrides)
    .innerJoin(users, eq(users.id, forecastOverrides.createdBy))
    .where(eq(forecastOverrides.id, latestOverrideId(db)))
    .all();
  // Units sold by a product over a week: one statement per override.
  const actualOf = (productId: number, from: string, to: string) =>
    db
      .select({ units: sql<number | null>`sum(${dailySales.units})`.mapWith(Number) })
      .from(dailySales)
      .where(and(eq(dailySales.productId, productId), gte(dailySales.date, from), lte(dailySales.date, to)))
      .get();
  const byPlanner = new Map<string, { weeks: number; model: number; override: number; improved: number }>();
  let pending = 0;
  for (const o of overrides) {
    const end = addDays(o.week, 6);
    if (!lastActual || end > lastActual) {
      pending++;
      continue;
    }
    // Imports write daily_sales only for what sold, so a complete week without rows sold nothing.
    const a = (await actualOf(o.productId, o.week, end))?.units ?? 0;
    const acc = byPlanner.get(o.planner) ?? { weeks: 0, model: 0, override: 0, improved: 0 };
    acc.weeks++;
    acc.model += Math.abs(o.modelP50 - a);
    acc.override += Math.abs(o.units - a);
    if (Math.abs(o.units - a) < Math.abs(o.modelP50 - a)) acc.improved++;
    byPlanner.set(o.planner, acc);
  }
  const rows = [...byPlanner.entries()]
    .map(([planner, s]) => ({
      planner,
      weeks: s.weeks,
      modelMae: s.model / s.weeks,
      overrideMae: s.override / s.weeks,
      fva: s.model > 0 ? 1 - s.override / s.model : null,
      improved: s.improved,
    }))
    .sort((a, b) => a.planner.localeCompare(b.planner));
  return { rows, pending, lastActual };
}
