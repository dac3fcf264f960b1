import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { forecastOverrides, forecastPlans, inventoryPositions, overrideReasons, products, type ForecastPlan } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { AppError, ConflictError } from "@/lib/errors";
import { msg, type Message } from "@/lib/i18n/message";
import { effectiveForecasts, type EffectiveWeek } from "./effective";
import { replenishment, serviceLevels } from "./replenishment";

/**
 * Planner decisions on a run's plans. Every change names the plan version the planner saw; a plan that moved on
 * since (another planner's override or approval) is refused with a conflict, so nothing is overwritten silently.
 */

const isoWeek = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "forecasts.validation.weekFormat");
const planRef = { runId: z.number().int().positive(), productId: z.number().int().positive(), expectedVersion: z.number().int().positive() };

/** One changed week of the override grid: the units in force from now on, why, and an optional note. */
export const weekOverrideInput = z
  .object({
    week: isoWeek,
    units: z.number({ error: "forecasts.validation.unitsNumber" }).min(0, "forecasts.validation.unitsNegative"),
    reason: z.enum(overrideReasons, { error: "forecasts.validation.reasonRequired" }),
    note: z.string().trim().max(500, "forecasts.validation.noteTooLong").optional(),
  })
  .refine((v) => v.reason !== "other" || (v.note?.length ?? 0) > 0, { message: "forecasts.validation.noteForOther", path: ["note"] });

/** Every changed week of one plan, saved together: one invalid week refuses the whole save. */
export const saveOverridesInput = z
  .object({ ...planRef, weeks: z.array(weekOverrideInput).min(1, "forecasts.validation.noWeeks").max(104) })
  .refine((v) => new Set(v.weeks.map((w) => w.week)).size === v.weeks.length, { message: "forecasts.validation.weekTwice", path: ["weeks"] });

export const reopenInput = z.object({
  ...planRef,
  reason: z.string({ error: "forecasts.validation.reopenReason" }).trim().min(5, "forecasts.validation.reopenReasonShort").max(500, "forecasts.validation.reopenReasonLong"),
});

export const reviewInput = z.object(planRef);

export const approveInput = z.object({
  runId: z.number().int().positive(),
  items: z.array(z.object({ productId: z.number().int().positive(), expectedVersion: z.number().int().positive() })).min(1).max(1000),
  serviceLevel: z.number().refine((v) => (serviceLevels as readonly number[]).includes(v), "forecasts.validation.serviceLevel"),
});

type PlanUser = Actor & { id: number };

async function loadPlan(db: Db, runId: number, productId: number): Promise<ForecastPlan> {
  const plan = await db.select().from(forecastPlans).where(and(eq(forecastPlans.runId, runId), eq(forecastPlans.productId, productId))).get();
  if (!plan) throw new AppError("not_found", msg("forecasts.errors.noPlan", { productId, runId }));
  return plan;
}

function checkVersion(plan: ForecastPlan, expected: number, sku: string | number): void {
  if (plan.version !== expected) {
    throw new ConflictError(
      msg("forecasts.errors.stale", { sku, status: plan.status, version: plan.version }),
      { productId: plan.productId, version: plan.version, status: plan.status },
    );
  }
}

/** Bumps the version only if it is still the expected one (the WHERE makes the check and the write one step). */
async function bump(db: Db, plan: ForecastPlan, expected: number, changes: Partial<ForecastPlan>): Promise<ForecastPlan> {
  const updated = await db
    .update(forecastPlans)
    .set({ ...changes, version: expected + 1, updatedAt: new Date() })
    .where(and(eq(forecastPlans.id, plan.id), eq(forecastPlans.version, expected)))
    .returning()
    .get();
  if (updated) return updated;
  checkVersion(await loadPlan(db, plan.runId, plan.productId), expected, plan.productId);
  throw new AppError("not_found", msg("forecasts.errors.notUpdated", { productId: plan.productId }));
}

async function skuOf(db: Db, productId: number): Promise<string> {
  return (await db.select({ sku: products.sku }).from(products).where(eq(products.id, productId)).get())?.sku ?? String(productId);
}

export type OverrideIssue = { path: (string | number)[]; message: Message };

/**
 * The checks on a save that need the forecast: each week must be one of its weeks, and no override may exceed ten
 * times the highest P90 (a typo guard). Issues name the week's index, so the grid shows them beside the week.
 */
export async function overrideIssues(db: Db, input: Pick<SaveOverridesInput, "runId" | "productId" | "weeks">): Promise<OverrideIssue[]> {
  return issuesAgainst((await effectiveForecasts(db, input.runId, [input.productId])).get(input.productId) ?? [], input.weeks);
}

/** overrideIssues against the app's database: the save action's input schema runs them before the action has its db. */
export function overrideIssuesNow(input: Pick<SaveOverridesInput, "runId" | "productId" | "weeks">): Promise<OverrideIssue[]> {
  return overrideIssues(getDb(), input);
}

function issuesAgainst(weeks: EffectiveWeek[], changes: SaveOverridesInput["weeks"]): OverrideIssue[] {
  const known = new Set(weeks.map((w) => w.week));
  const limit = Math.max(100, 10 * Math.max(...weeks.map((w) => w.model.p90)));
  const issues: OverrideIssue[] = [];
  changes.forEach((w, i) => {
    if (!known.has(w.week)) issues.push({ path: ["weeks", i, "week"], message: weeks[0] ? msg("forecasts.validation.weekNotInForecast", { week: w.week, first: weeks[0].week }) : msg("forecasts.validation.noForecastWeeks") });
    else if (w.units > limit) issues.push({ path: ["weeks", i, "units"], message: msg("forecasts.validation.unitsTooHigh", { units: w.units, limit: Math.floor(limit) }) });
  });
  return issues;
}

export type SaveOverridesInput = z.output<typeof saveOverridesInput>;

/**
 * Saves every changed week of a plan in one transaction: all weeks are checked first, so one bad week refuses the
 * whole save and writes nothing. Each week is audited; the plan version moves once. An approved plan is refused:
 * its quantities were fixed from this forecast, so it must be reopened (with a reason) before the forecast changes.
 */
export async function saveOverrides(db: Db, user: PlanUser, raw: z.input<typeof saveOverridesInput>) {
  const input = saveOverridesInput.parse(raw);
  return db.transaction(async () => {
    const plan = await loadPlan(db, input.runId, input.productId);
    const sku = await skuOf(db, input.productId);
    checkVersion(plan, input.expectedVersion, sku);
    if (plan.status === "approved") {
      throw new ConflictError(msg("forecasts.errors.locked", { sku }), { productId: plan.productId, status: plan.status });
    }
    const weeks = (await effectiveForecasts(db, input.runId, [input.productId])).get(input.productId) ?? [];
    const issues = issuesAgainst(weeks, input.weeks);
    // The first issue is the error's words; all of them go with it (the action shows each beside its week).
    if (issues[0]) throw new AppError("validation", issues[0].message, { issues });
    const inForce = new Map(weeks.map((w) => [w.week, w]));
    const now = new Date();
    const saved = [];
    for (const w of input.weeks) {
      const week = inForce.get(w.week)!;
      const override = (await db
        .insert(forecastOverrides)
        .values({ runId: input.runId, productId: input.productId, week: w.week, units: w.units, modelP50: week.model.p50, reason: w.reason, note: w.note || null, createdBy: user.id, createdAt: now })
        .returning()
        .get())!;
      saved.push({ override, week, input: w });
    }
    const updated = await bump(db, plan, input.expectedVersion, {});
    for (const { week, input: w } of saved) {
      await audit(db, {
        actor: user,
        action: "forecast.override",
        entityType: "forecast_plan",
        entityId: plan.id,
        before: { week: w.week, p50: week.p50, status: plan.status, version: plan.version },
        after: { week: w.week, units: w.units, reason: w.reason, note: w.note ?? null, modelP50: week.model.p50, status: updated.status, version: updated.version, sku },
      });
    }
    return { plan: updated, overrideIds: saved.map((s) => s.override.id) };
  });
}

/**
 * Reopens an approved plan so its forecast can change again. The quantities fixed at approval are cleared from the
 * plan (the audit entry keeps them, with who reopened it and why); the plan must be approved again afterwards.
 */
export async function reopenPlan(db: Db, user: PlanUser, raw: z.input<typeof reopenInput>) {
  const input = reopenInput.parse(raw);
  return db.transaction(async () => {
    const plan = await loadPlan(db, input.runId, input.productId);
    const sku = await skuOf(db, input.productId);
    checkVersion(plan, input.expectedVersion, sku);
    if (plan.status !== "approved") throw new ConflictError(msg("forecasts.errors.notApproved", { sku, status: plan.status }));
    const updated = await bump(db, plan, input.expectedVersion, { status: "open", approvedBy: null, approvedAt: null, orderQuantity: null, safetyStock: null, reorderPoint: null, serviceLevel: null });
    await audit(db, {
      actor: user,
      action: "forecast.reopen",
      entityType: "forecast_plan",
      entityId: plan.id,
      before: { status: plan.status, version: plan.version, approvedBy: plan.approvedBy, serviceLevel: plan.serviceLevel, orderQuantity: plan.orderQuantity, safetyStock: plan.safetyStock, reorderPoint: plan.reorderPoint },
      after: { status: updated.status, version: updated.version, reason: input.reason, sku },
    });
    return updated;
  });
}

export async function markReviewed(db: Db, user: PlanUser, raw: z.input<typeof reviewInput>) {
  const input = reviewInput.parse(raw);
  return db.transaction(async () => {
    const plan = await loadPlan(db, input.runId, input.productId);
    const sku = await skuOf(db, input.productId);
    checkVersion(plan, input.expectedVersion, sku);
    if (plan.status === "approved") throw new ConflictError(msg("forecasts.errors.alreadyApproved", { sku }));
    const updated = await bump(db, plan, input.expectedVersion, { status: "reviewed", reviewedBy: user.id });
    await audit(db, { actor: user, action: "forecast.review", entityType: "forecast_plan", entityId: plan.id, before: { status: plan.status, version: plan.version }, after: { status: "reviewed", version: updated.version, sku } });
    return updated;
  });
}

/**
 * Approves plans (one or many) at a service level, fixing the replenishment suggestion computed from the effective
 * forecast and today's inventory position. All or nothing: one stale plan refuses the whole batch.
 */
export async function approvePlans(db: Db, user: PlanUser, raw: z.input<typeof approveInput>) {
  const input = approveInput.parse(raw);
  return db.transaction(async () => {
    const ids = input.items.map((i) => i.productId);
    const forecasts = await effectiveForecasts(db, input.runId, ids);
    const approved: ForecastPlan[] = [];
    for (const item of input.items) {
      const plan = await loadPlan(db, input.runId, item.productId);
      const sku = await skuOf(db, item.productId);
      checkVersion(plan, item.expectedVersion, sku);
      if (plan.status === "approved") throw new ConflictError(msg("forecasts.errors.alreadyApproved", { sku }));
      const inventory = await db
        .select({ onHand: inventoryPositions.onHand, onOrder: inventoryPositions.onOrder, leadTimeDays: inventoryPositions.leadTimeDays })
        .from(inventoryPositions)
        .where(eq(inventoryPositions.productId, item.productId))
        .get();
      const r = inventory ? replenishment(forecasts.get(item.productId) ?? [], inventory, input.serviceLevel) : null;
      const updated = await bump(db, plan, item.expectedVersion, {
        status: "approved",
        approvedBy: user.id,
        approvedAt: new Date(),
        serviceLevel: input.serviceLevel,
        safetyStock: r ? Math.round(r.safetyStock * 100) / 100 : null,
        reorderPoint: r ? Math.round(r.reorderPoint * 100) / 100 : null,
        orderQuantity: r ? r.orderQuantity : null,
      });
      await audit(db, {
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
