import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { forecastOverrides, forecastPlans, overrideReasons, type ForecastPlan } from "@/db/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { effectiveForecasts } from "./effective";
import { replenishment, serviceLevels } from "./replenishment";

/**
 * Planner decisions on a run's plans. Every change names the plan version the planner saw; a plan that moved on
 * since (another planner's override or approval) is refused with a conflict, so nothing is overwritten silently.
 */

const isoWeek = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a week start date YYYY-MM-DD.");
const planRef = { runId: z.number().int().positive(), productId: z.number().int().positive(), expectedVersion: z.number().int().positive() };

export const overrideInput = z
  .object({
    ...planRef,
    week: isoWeek,
    units: z.number({ error: "Enter a number of units." }).min(0, "Units cannot be negative."),
    reason: z.enum(overrideReasons, { error: "Choose a reason." }),
    note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
  })
  .refine((v) => v.reason !== "other" || (v.note?.length ?? 0) > 0, { message: "Say why when the reason is 'other'.", path: ["note"] });

export const reviewInput = z.object(planRef);

export const approveInput = z.object({
  runId: z.number().int().positive(),
  items: z.array(z.object({ productId: z.number().int().positive(), expectedVersion: z.number().int().positive() })).min(1).max(1000),
  serviceLevel: z.number().refine((v) => (serviceLevels as readonly number[]).includes(v), "Choose one of the listed service levels."),
});

type PlanUser = Actor & { id: number };

function loadPlan(db: Db, runId: number, productId: number): ForecastPlan {
  const plan = db.select().from(forecastPlans).where(and(eq(forecastPlans.runId, runId), eq(forecastPlans.productId, productId))).get();
  if (!plan) throw new AppError("not_found", `There is no plan for product ${productId} in forecast run ${runId}.`);
  return plan;
}

function checkVersion(plan: ForecastPlan, expected: number, sku: string | number): void {
  if (plan.version !== expected) {
    throw new ConflictError(
      `The plan for ${sku} changed since you opened it (now ${plan.status}, version ${plan.version}). Reload to see the latest before deciding.`,
      { productId: plan.productId, version: plan.version, status: plan.status },
    );
  }
}

/** Bumps the version only if it is still the expected one (the WHERE makes the check and the write one step). */
function bump(db: Db, plan: ForecastPlan, expected: number, changes: Partial<ForecastPlan>): ForecastPlan {
  const updated = db
    .update(forecastPlans)
    .set({ ...changes, version: expected + 1, updatedAt: new Date() })
    .where(and(eq(forecastPlans.id, plan.id), eq(forecastPlans.version, expected)))
    .returning()
    .get();
  if (updated) return updated;
  checkVersion(loadPlan(db, plan.runId, plan.productId), expected, plan.productId);
  throw new AppError("not_found", `The plan for product ${plan.productId} could not be updated.`);
}

function skuOf(db: Db, productId: number): string {
  return db.$client.prepare<[number], { sku: string }>("SELECT sku FROM products WHERE id = ?").get(productId)?.sku ?? String(productId);
}

/** An override replaces one week's P50; on an approved plan it withdraws the approval (the plan must be approved again). */
export function overrideWeek(db: Db, user: PlanUser, raw: z.input<typeof overrideInput>) {
  const input = overrideInput.parse(raw);
  return db.transaction(() => {
    const plan = loadPlan(db, input.runId, input.productId);
    const sku = skuOf(db, input.productId);
    checkVersion(plan, input.expectedVersion, sku);
    const weeks = effectiveForecasts(db, input.runId, [input.productId]).get(input.productId) ?? [];
    const week = weeks.find((w) => w.week === input.week);
    if (!week) throw new AppError("validation", `Week ${input.week} is not in this forecast (weeks start ${weeks[0]?.week ?? "?"}).`);
    const limit = Math.max(100, 10 * Math.max(...weeks.map((w) => w.model.p90)));
    if (input.units > limit) throw new AppError("validation", `${input.units} units is more than 10 times the highest P90 of this forecast; the limit is ${Math.floor(limit)}.`);
    const override = db
      .insert(forecastOverrides)
      .values({ runId: input.runId, productId: input.productId, week: input.week, units: input.units, modelP50: week.model.p50, reason: input.reason, note: input.note || null, createdBy: user.id, createdAt: new Date() })
      .returning()
      .get();
    const updated = bump(db, plan, input.expectedVersion, plan.status === "approved" ? { status: "open", approvedBy: null, approvedAt: null, orderQuantity: null, safetyStock: null, reorderPoint: null, serviceLevel: null } : {});
    audit(db, {
      actor: user,
      action: "forecast.override",
      entityType: "forecast_plan",
      entityId: plan.id,
      before: { week: input.week, p50: week.p50, status: plan.status, version: plan.version },
      after: { week: input.week, units: input.units, reason: input.reason, note: input.note ?? null, modelP50: week.model.p50, status: updated.status, version: updated.version, sku },
    });
    return { plan: updated, overrideId: override.id };
  });
}

export function markReviewed(db: Db, user: PlanUser, raw: z.input<typeof reviewInput>) {
  const input = reviewInput.parse(raw);
  return db.transaction(() => {
    const plan = loadPlan(db, input.runId, input.productId);
    const sku = skuOf(db, input.productId);
    checkVersion(plan, input.expectedVersion, sku);
    if (plan.status === "approved") throw new ConflictError(`The plan for ${sku} is already approved.`);
    const updated = bump(db, plan, input.expectedVersion, { status: "reviewed", reviewedBy: user.id });
    audit(db, { actor: user, action: "forecast.review", entityType: "forecast_plan", entityId: plan.id, before: { status: plan.status, version: plan.version }, after: { status: "reviewed", version: updated.version, sku } });
    return updated;
  });
}

/**
 * Approves plans (one or many) at a service level, fixing the replenishment suggestion computed from the effective
 * forecast and today's inventory position. All or nothing: one stale plan refuses the whole batch.
 */
export function approvePlans(db: Db, user: PlanUser, raw: z.input<typeof approveInput>) {
  const input = approveInput.parse(raw);
  return db.transaction(() => {
    const ids = input.items.map((i) => i.productId);
    const forecasts = effectiveForecasts(db, input.runId, ids);
    const approved: ForecastPlan[] = [];
    for (const item of input.items) {
      const plan = loadPlan(db, input.runId, item.productId);
      const sku = skuOf(db, item.productId);
      checkVersion(plan, item.expectedVersion, sku);
      if (plan.status === "approved") throw new ConflictError(`The plan for ${sku} is already approved.`);
      const inventory = db.$client
        .prepare<[number], { onHand: number; onOrder: number; leadTimeDays: number }>("SELECT on_hand AS onHand, on_order AS onOrder, lead_time_days AS leadTimeDays FROM inventory_positions WHERE product_id = ?")
        .get(item.productId);
      const r = inventory ? replenishment(forecasts.get(item.productId) ?? [], inventory, input.serviceLevel) : null;
      const updated = bump(db, plan, item.expectedVersion, {
        status: "approved",
        approvedBy: user.id,
        approvedAt: new Date(),
        serviceLevel: input.serviceLevel,
        safetyStock: r ? Math.round(r.safetyStock * 100) / 100 : null,
        reorderPoint: r ? Math.round(r.reorderPoint * 100) / 100 : null,
        orderQuantity: r ? r.orderQuantity : null,
      });
      audit(db, {
        actor: user,
        action: "forecast.approve",
        entityType: "forecast_plan",
        entityId: plan.id,
        before: { status: plan.status, version: plan.version },
        after: { status: "approved", version: updated.version, sku, serviceLevel: input.serviceLevel, orderQuantity: updated.orderQuantity, safetyStock: updated.safetyStock, reorderPoint: updated.reorderPoint },
      });
      approved.push(updated);
    }
    return approved;
  });
}
