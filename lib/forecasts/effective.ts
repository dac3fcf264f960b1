import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { WeekForecast } from "./replenishment";

/**
 * The forecast in force for a plan: the model's weekly quantiles with the latest override of each week applied.
 * An override sets P50; the band keeps its width relative to P50 (scaled by override / P50), or its absolute width
 * above the override when the model said zero.
 */
export type EffectiveWeek = WeekForecast & { model: WeekForecast; override: OverrideInForce | null };
export type OverrideInForce = { id: number; units: number; reason: string; note: string | null; by: string; at: number };

export function applyOverride(model: WeekForecast, units: number | undefined): WeekForecast {
  if (units === undefined) return model;
  if (model.p50 > 0) {
    const ratio = units / model.p50;
    return { week: model.week, p10: model.p10 * ratio, p50: units, p90: model.p90 * ratio };
  }
  return { week: model.week, p10: Math.min(units, model.p10), p50: units, p90: units + Math.max(0, model.p90 - model.p10) };
}

type LineRow = { productId: number; week: string; p10: number; p50: number; p90: number };
type OverrideRow = { id: number; productId: number; week: string; units: number; reason: string; note: string | null; email: string; createdAt: number };

/**
 * Effective weekly forecasts of a run, per product (all products when `productIds` is omitted). Raw SQL on purpose:
 * a measured hot path (every line of a run, for the list and the Overview on each request; see the note below).
 */
export async function effectiveForecasts(db: Db, runId: number, productIds?: number[]): Promise<Map<number, EffectiveWeek[]>> {
  const ids = productIds ? (productIds.length > 0 ? sql.join(productIds.map((id) => sql`${id}`), sql`, `) : sql`NULL`) : null;
  const lines = await db.all<LineRow>(
    sql`SELECT product_id AS "productId", week, p10, p50, p90 FROM forecast_lines
         WHERE run_id = ${runId}${ids ? sql` AND product_id IN (${ids})` : sql``} ORDER BY product_id, week`,
  );
  // The latest override per (product, week): the highest id wins.
  const overrides = await db.all<OverrideRow>(
    sql`SELECT o.id, o.product_id AS "productId", o.week, o.units, o.reason, o.note, u.email, o.created_at AS "createdAt"
          FROM forecast_overrides o JOIN users u ON u.id = o.created_by
         WHERE o.run_id = ${runId}${ids ? sql` AND o.product_id IN (${ids})` : sql``}
           AND o.id = (SELECT MAX(x.id) FROM forecast_overrides x WHERE x.run_id = o.run_id AND x.product_id = o.product_id AND x.week = o.week)`,
  );
  const overrideOf = new Map(overrides.map((o) => [`${o.productId}:${o.week}`, o]));
  const out = new Map<number, EffectiveWeek[]>();
  for (const line of lines) {
    const model: WeekForecast = { week: line.week, p10: line.p10, p50: line.p50, p90: line.p90 };
    const o = overrideOf.get(`${line.productId}:${line.week}`);
    const effective = applyOverride(model, o?.units);
    // Fields written out rather than spread: over every line of a run (16,000 at 4x the demo store) the spread cost
    // most of the Overview's and the list's server time.
    const week: EffectiveWeek = {
      week: effective.week,
      p10: effective.p10,
      p50: effective.p50,
      p90: effective.p90,
      model,
      override: o ? { id: o.id, units: o.units, reason: o.reason, note: o.note, by: o.email, at: o.createdAt } : null,
    };
    const list = out.get(line.productId);
    if (list) list.push(week);
    else out.set(line.productId, [week]);
  }
  return out;
}
