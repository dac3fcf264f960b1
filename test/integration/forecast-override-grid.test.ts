/**
 * The product page's override grid and the reopen step, through the server actions the page calls: every changed
 * week saved together or none, errors reported by week, an approved plan locked until a planner reopens it with a
 * reason, and each decision audited.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { and, eq, gt, sql } from "drizzle-orm";
import { approvePlansAction, reopenPlanAction, saveOverridesAction } from "@/app/(dashboard)/forecasts/actions";
import { getDb, type Db } from "@/lib/db";
import {
  auditLog,
  forecastLines,
  forecastOverrides,
  forecastPlans,
  forecastRuns,
  forecastSeries,
  inventoryPositions,
  modelVersions,
  products,
  users,
  type Role,
} from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { effectiveForecasts } from "@/lib/forecasts/effective";
import { session } from "../support/request-context";

const FIRST_WEEK = "2024-03-04";
const HORIZON = 13;
const weekOf = (i: number) => addDays(FIRST_WEEK, 7 * i);
const PRODUCT = 1;

let db: Db;
const ids = {} as Record<Role | "planner2", number>;

beforeAll(async () => {
  db = getDb();
  const add = async (email: string, role: Role) =>
    (await db.insert(users).values({ email, name: email, role, passwordHash: "$2b$10$abcdefghijklmnopqrstuuJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce", createdAt: new Date() }).returning().get())!.id;
  for (const role of ["planner", "admin", "merchandiser", "viewer", "risk_analyst"] as const) ids[role] = await add(`${role}@grid.test`, role);
  ids.planner2 = await add("planner2@grid.test", "planner");
  await db.insert(products).values({ id: PRODUCT, sku: "SKU-G", name: "Grid mug", category: "home", priceCents: 1000, createdAt: new Date(0) });
  await db.insert(inventoryPositions).values({ productId: PRODUCT, onHand: 12, onOrder: 0, leadTimeDays: 14, asOf: "2024-03-03" });
  await db.insert(modelVersions).values({ id: 1, task: "forecast", version: 1, status: "champion", params: {}, createdAt: new Date() });
});

beforeEach(async () => {
  // One open plan at version 1: 10 units a week (band 6-14), so the typo limit is max(100, 10 x 14) = 140.
  for (const table of [forecastOverrides, forecastPlans, forecastLines, forecastSeries, forecastRuns]) await db.delete(table);
  await db.insert(forecastRuns).values({ id: 1, modelVersionId: 1, firstWeek: FIRST_WEEK, horizonWeeks: HORIZON, historyEnd: addDays(FIRST_WEEK, -1), createdBy: null, createdAt: new Date() });
  await db.insert(forecastSeries).values({ runId: 1, productId: PRODUCT, method: "network", segment: "smooth", backtestMase: 0.5 });
  await db.insert(forecastLines).values(Array.from({ length: HORIZON }, (_, i) => ({ runId: 1, productId: PRODUCT, week: weekOf(i), p10: 6, p50: 10, p90: 14 })));
  await db.insert(forecastPlans).values({ runId: 1, productId: PRODUCT, status: "open", version: 1, updatedAt: new Date() });
  session.userId = ids.planner;
});

const plan = async () => (await db.select().from(forecastPlans).where(and(eq(forecastPlans.runId, 1), eq(forecastPlans.productId, PRODUCT))).get())!;
const overrides = () => db.select().from(forecastOverrides).where(eq(forecastOverrides.productId, PRODUCT)).orderBy(forecastOverrides.id).all();
const lastAuditId = async () => Number((await db.get<{ id: number | null }>(sql`SELECT MAX(${auditLog.id}) AS "id" FROM ${auditLog}`))?.id ?? 0);
const auditSince = (from: number) => db.select().from(auditLog).where(gt(auditLog.id, from)).orderBy(auditLog.id).all();
const save = (expectedVersion: number, weeks: { week: string; units: number; reason: string; note?: string }[]) =>
  saveOverridesAction({ runId: 1, productId: PRODUCT, expectedVersion, weeks } as Parameters<typeof saveOverridesAction>[0]);
const approve = (expectedVersion: number) => approvePlansAction({ runId: 1, serviceLevel: 0.95, items: [{ productId: PRODUCT, expectedVersion }] });
const reopen = (expectedVersion: number, reason: string) => reopenPlanAction({ runId: 1, productId: PRODUCT, expectedVersion, reason });

describe("saving the override grid", () => {
  it("saves every changed week at once: one version bump, one audit entry per week, the adjusted forecast in force", async () => {
    const from = await lastAuditId();
    const result = await save(1, [
      { week: weekOf(0), units: 20, reason: "promotion" },
      { week: weekOf(3), units: 4, reason: "supply", note: "  supplier short  " },
    ]);
    expect(result).toEqual({ ok: true, data: { version: 2, status: "open", saved: 2 } });
    expect((await plan()).version).toBe(2);
    expect((await overrides()).map((o) => [o.week, o.units, o.modelP50, o.reason, o.note])).toEqual([
      [weekOf(0), 20, 10, "promotion", null],
      [weekOf(3), 4, 10, "supply", "supplier short"],
    ]);
    const weeks = (await effectiveForecasts(db, 1, [PRODUCT])).get(PRODUCT)!;
    expect(weeks.map((w) => w.p50).slice(0, 4)).toEqual([20, 10, 10, 4]);
    const entries = await auditSince(from);
    expect(entries.map((e) => [e.action, e.actorEmail])).toEqual([
      ["forecast.override", "planner@grid.test"],
      ["forecast.override", "planner@grid.test"],
    ]);
    expect(entries.map((e) => e.after)).toEqual([
      expect.objectContaining({ week: weekOf(0), units: 20, version: 2 }),
      expect.objectContaining({ week: weekOf(3), units: 4, note: "supplier short", version: 2 }),
    ]);
  });

  it.each([
    ["negative units", { units: -3 }, "weeks.1.units", /negative/],
    ["units that are not a number", { units: Number.NaN }, "weeks.1.units", /Enter a number/],
    ["no reason", { reason: "" }, "weeks.1.reason", /Choose a reason/],
    ["'other' without a note", { reason: "other", note: " " }, "weeks.1.note", /Say why/],
    ["units above 10 x the highest P90", { units: 141 }, "weeks.1.units", /limit is 140/],
    ["a week that is not in the forecast", { week: "2023-01-02" }, "weeks.1.week", /not in this forecast/],
  ])("refuses the whole save when one week has %s, and says which week", async (_label, patch, field, message) => {
    const from = await lastAuditId();
    const result = await save(1, [
      { week: weekOf(0), units: 20, reason: "promotion" },
      { week: weekOf(1), units: 12, reason: "event", ...patch },
    ]);
    expect(result).toMatchObject({ ok: false, code: "validation" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
    expect(result.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await overrides()).toEqual([]);
    expect((await plan()).version).toBe(1);
    expect(await auditSince(from)).toEqual([]);
  });

  it("refuses a save with no changed week, or the same week twice", async () => {
    expect(await save(1, [])).toMatchObject({ ok: false, code: "validation", fieldErrors: { weeks: [expect.stringMatching(/at least one week/)] } });
    const twice = await save(1, [
      { week: weekOf(2), units: 11, reason: "event" },
      { week: weekOf(2), units: 12, reason: "event" },
    ]);
    expect(twice).toMatchObject({ ok: false, code: "validation", fieldErrors: { weeks: [expect.stringMatching(/twice/)] } });
    expect(await overrides()).toEqual([]);
  });

  it("refuses a save from a stale version, naming the version now in force", async () => {
    expect(await save(1, [{ week: weekOf(0), units: 20, reason: "promotion" }])).toMatchObject({ ok: true });
    session.userId = ids.planner2;
    expect(await save(1, [{ week: weekOf(1), units: 30, reason: "event" }])).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/changed since you opened it .*version 2/) });
    expect(await overrides()).toHaveLength(1);
  });

  it("refuses overrides on an approved plan, keeping the approval and its order quantity", async () => {
    expect(await approve(1)).toMatchObject({ ok: true });
    const approved = await plan();
    expect(approved).toMatchObject({ status: "approved", version: 2 });
    const from = await lastAuditId();
    const result = await save(2, [{ week: weekOf(0), units: 20, reason: "promotion" }]);
    expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/approved.*Reopen the plan/) });
    expect(await plan()).toEqual(approved);
    expect(await overrides()).toEqual([]);
    expect(await auditSince(from)).toEqual([]);
  });
});

describe("reopening an approved plan", () => {
  it("needs a reason of at least a few characters", async () => {
    await approve(1);
    for (const reason of ["", "   ", "abc"]) {
      const result = await reopen(2, reason);
      expect(result).toMatchObject({ ok: false, code: "validation", fieldErrors: { reason: [expect.stringMatching(/Say why/)] } });
    }
    expect(await plan()).toMatchObject({ status: "approved", version: 2 });
  });

  it("opens the plan again at a new version, clears the fixed quantities and audits who and why; overrides then save", async () => {
    await approve(1);
    const fixed = await plan();
    const from = await lastAuditId();
    session.userId = ids.planner2;
    expect(await reopen(2, "  Supplier moved the launch  ")).toEqual({ ok: true, data: { version: 3, status: "open" } });
    expect(await plan()).toMatchObject({ status: "open", version: 3, approvedBy: null, approvedAt: null, orderQuantity: null, safetyStock: null, reorderPoint: null, serviceLevel: null });
    const [entry, ...rest] = await auditSince(from);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ action: "forecast.reopen", entityType: "forecast_plan", entityId: String(fixed.id), actorEmail: "planner2@grid.test" });
    expect(entry!.before).toMatchObject({ status: "approved", version: 2, orderQuantity: fixed.orderQuantity, serviceLevel: 0.95 });
    expect(entry!.after).toEqual({ status: "open", version: 3, reason: "Supplier moved the launch", sku: "SKU-G" });
    expect(await save(3, [{ week: weekOf(0), units: 20, reason: "promotion" }])).toMatchObject({ ok: true, data: { version: 4, status: "open" } });
  });

  it("refuses a stale reopen and a plan that is not approved", async () => {
    expect(await reopen(1, "nothing to reopen")).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/not approved/) });
    await approve(1);
    expect(await reopen(1, "from an old page")).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/changed since you opened it/) });
    expect(await plan()).toMatchObject({ status: "approved", version: 2 });
  });

  it("is refused for every role but planners, and for a signed-out caller, without writing anything", async () => {
    await approve(1);
    const from = await lastAuditId();
    for (const role of ["admin", "merchandiser", "viewer", "risk_analyst"] as const) {
      session.userId = ids[role];
      expect(await reopen(2, "not my decision")).toMatchObject({ ok: false, code: "forbidden" });
      expect(await save(2, [{ week: weekOf(0), units: 20, reason: "promotion" }])).toMatchObject({ ok: false, code: "forbidden" });
    }
    session.userId = null;
    expect(await reopen(2, "not signed in")).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await plan()).toMatchObject({ status: "approved", version: 2 });
    expect((await auditSince(from)).filter((e) => e.action.startsWith("forecast."))).toEqual([]);
  });
});
