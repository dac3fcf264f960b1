import type { Db } from "@/db/client";
import { addDays } from "@/lib/dates";

/**
 * Forecast value added (Gilliland): for every week a planner overrode and whose actuals are now complete, did the
 * override land closer to what sold than the model's P50? Per planner: weeks scored, mean absolute error of the
 * model and of the overrides, and FVA = 1 - MAE(override) / MAE(model) (positive: the overrides helped).
 * Only the override in force for a week counts (a planner's own earlier attempts are not double-counted).
 */
export type FvaRow = { planner: string; weeks: number; modelMae: number; overrideMae: number; fva: number | null; improved: number };

export function forecastValueAdded(db: Db): { rows: FvaRow[]; pending: number; lastActual: string | null } {
  const lastActual = db.$client.prepare<[], { d: string | null }>("SELECT MAX(date) AS d FROM daily_sales").get()?.d ?? null;
  const overrides = db.$client
    .prepare<[], { productId: number; week: string; units: number; modelP50: number; planner: string }>(
      `SELECT o.product_id AS productId, o.week, o.units, o.model_p50 AS modelP50, u.email AS planner
         FROM forecast_overrides o JOIN users u ON u.id = o.created_by
        WHERE o.id = (SELECT MAX(x.id) FROM forecast_overrides x WHERE x.run_id = o.run_id AND x.product_id = o.product_id AND x.week = o.week)`,
    )
    .all();
  const actualOf = db.$client.prepare<[number, string, string], { units: number | null }>(
    "SELECT SUM(units) AS units FROM daily_sales WHERE product_id = ? AND date >= ? AND date <= ?",
  );
  const byPlanner = new Map<string, { weeks: number; model: number; override: number; improved: number }>();
  let pending = 0;
  for (const o of overrides) {
    const end = addDays(o.week, 6);
    if (!lastActual || end > lastActual) {
      pending++;
      continue;
    }
    // Imports write daily_sales only for what sold, so a complete week without rows sold nothing.
    const a = actualOf.get(o.productId, o.week, end)?.units ?? 0;
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
