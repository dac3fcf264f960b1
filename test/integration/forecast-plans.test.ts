/**
 * Planner decisions on a forecast run, on a real (temporary) SQLite file: overrides, review, approval with the
 * replenishment fixed at approval, optimistic concurrency, the audit trail, forecast value added, the list's filters
 * and sorts, and the approved plans' CSV export.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// test/support/setup-env.ts gives this file its own empty data directory before anything is imported.
vi.mock("next/headers", () => import("../support/request-context"));

import { and, eq, gt, sql } from "drizzle-orm";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ZodError } from "zod";
import { GET as exportPlans } from "@/app/api/export/forecast-plans/route";
import { StockoutAlerts } from "@/components/overview/stockout-alerts";
import { getDb, type Db } from "@/lib/db";
import {
  auditLog,
  channels,
  dailySales,
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
import { AppError, ConflictError } from "@/lib/errors";
import { recentChannelUnits } from "@/lib/forecasts/channel-shares";
import { applyOverride, effectiveForecasts } from "@/lib/forecasts/effective";
import { forecastValueAdded } from "@/lib/forecasts/fva";
import { approvePlans, markReviewed, saveOverrides } from "@/lib/forecasts/plans";
import { approvedPlans, channelDemand, forecastFilterSchema, forecastListPage, latestRun, planRows, topStockoutRisks } from "@/lib/forecasts/queries";
import { replenishment, type WeekForecast } from "@/lib/forecasts/replenishment";
import { inEnglish } from "@/lib/i18n/translate";
import { msg } from "@/lib/i18n/message";
import { session } from "../support/request-context";

const FIRST_WEEK = "2024-03-04"; // a Monday
const HORIZON = 13;
const weekOf = (i: number, first = FIRST_WEEK) => addDays(first, 7 * i);

/**
 * Four products with flat weekly forecasts:
 * - A: 10 a week (band 6-14), 12 in stock, 14-day lead time -> 20 expected in the lead time: stockout risk;
 * - B: 5 a week (band 3-7), 250 in stock and on order -> more than the horizon's P90 (91): overstock;
 * - C: 8 a week (band 4-12), 30 in stock, backtest MASE 1.4: poor accuracy;
 * - D: 2 a week (band 1-3) and 0 in the last week (band 0-3), no inventory position, a formula-like name.
 */
const catalog = [
  { id: 1, sku: "SKU-A", name: "Alpha mug", category: "home", band: [6, 10, 14], mase: 0.5, inventory: [12, 0, 14] },
  { id: 2, sku: "SKU-B", name: "Beta lamp", category: "lighting", band: [3, 5, 7], mase: 0.9, inventory: [200, 50, 7] },
  { id: 3, sku: "SKU-C", name: "Gamma chair", category: "home", band: [4, 8, 12], mase: 1.4, inventory: [30, 0, 7] },
  { id: 4, sku: "SKU-D", name: "=SUM(A1) hose", category: "garden", band: [1, 2, 3], mase: 0.8, inventory: null },
] as const;
const [A, B, C, D] = [1, 2, 3, 4];

type Planner = { id: number; email: string };
let planner: Planner;
let planner2: Planner;
const idByRole = {} as Record<Role, number>;
let db: Db;

async function addUser(email: string, role: Role): Promise<Planner> {
  const id = (await db.insert(users).values({ email, name: email, role, passwordHash: "$2b$10$abcdefghijklmnopqrstuuJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce", createdAt: new Date() }).returning().get())!.id;
  return { id, email };
}

async function seedRun(runId: number, firstWeek: string, scale: Partial<Record<number, number>> = {}) {
  await db.insert(forecastRuns).values({ id: runId, modelVersionId: 1, firstWeek, horizonWeeks: HORIZON, historyEnd: addDays(firstWeek, -1), createdBy: null, createdAt: new Date() });
  for (const p of catalog) {
    await db.insert(forecastSeries).values({ runId, productId: p.id, method: "network", segment: "smooth", backtestMase: p.mase });
    const k = scale[p.id] ?? 1;
    const lines = Array.from({ length: HORIZON }, (_, i) => {
      const [p10, p50, p90] = p.id === D && i === HORIZON - 1 ? [0, 0, 3] : p.band;
      return { runId, productId: p.id, week: weekOf(i, firstWeek), p10: p10 * k, p50: p50 * k, p90: p90 * k };
    });
    await db.insert(forecastLines).values(lines);
    await db.insert(forecastPlans).values({ runId, productId: p.id, status: "open", version: 1, updatedAt: new Date() });
  }
}

beforeAll(async () => {
  db = getDb();
  planner = await addUser("planner1@test", "planner");
  planner2 = await addUser("planner2@test", "planner");
  for (const role of ["admin", "merchandiser", "viewer", "risk_analyst"] as const) idByRole[role] = (await addUser(`${role}@test`, role)).id;
  idByRole.planner = planner.id;
  await db.insert(channels).values([
    { id: 1, code: "web", name: "Web" },
    { id: 2, code: "app", name: "App" },
  ]);
  for (const p of catalog) {
    await db.insert(products).values({ id: p.id, sku: p.sku, name: p.name, category: p.category, priceCents: 1000, createdAt: new Date(0) });
    if (p.inventory) {
      const [onHand, onOrder, leadTimeDays] = p.inventory;
      await db.insert(inventoryPositions).values({ productId: p.id, onHand, onOrder, leadTimeDays, asOf: "2024-03-03" });
    }
  }
  await db.insert(modelVersions).values({ id: 1, task: "forecast", version: 1, status: "champion", params: {}, createdAt: new Date() });
});

/** Deletes every forecast run with its series, lines, plans and overrides. */
async function deleteRuns(): Promise<void> {
  for (const table of [forecastOverrides, forecastPlans, forecastLines, forecastSeries, forecastRuns]) await db.delete(table);
}

/** One day's units of a product on a channel. */
const addSale = (productId: number, channelId: number, date: string, units: number) => db.insert(dailySales).values({ productId, channelId, date, units, revenueCents: 0, priceCents: 1000 });

beforeEach(async () => {
  // Every test starts from run 1 with four open plans at version 1 and no sales; the audit log is append-only and kept.
  await deleteRuns();
  await db.delete(dailySales);
  await seedRun(1, FIRST_WEEK);
  session.userId = null;
});

const planOf = async (productId: number, runId = 1) => (await db.select().from(forecastPlans).where(and(eq(forecastPlans.runId, runId), eq(forecastPlans.productId, productId))).get())!;
const overridesOf = (productId: number) => db.select().from(forecastOverrides).where(eq(forecastOverrides.productId, productId)).orderBy(forecastOverrides.id).all();
const lastAuditId = async () => Number((await db.get<{ id: number | null }>(sql`SELECT MAX(${auditLog.id}) AS "id" FROM ${auditLog}`))?.id ?? 0);
/** One week saved through the override grid's save (the grid sends only the weeks a planner changed). */
const override = async (user: Planner, productId: number, expectedVersion: number, week: string, units: number, reason: "promotion" | "event" | "other" = "promotion", note?: string) => {
  const { plan, overrideIds } = await saveOverrides(db, user, { runId: 1, productId, expectedVersion, weeks: [{ week, units, reason, note }] });
  return { plan, overrideId: overrideIds[0]! };
};

/** The model's weeks of a product in run 1, as seeded. */
function modelWeeks(productId: number): WeekForecast[] {
  const p = catalog.find((c) => c.id === productId)!;
  return Array.from({ length: HORIZON }, (_, i) => ({ week: weekOf(i), p10: p.band[0], p50: p.band[1], p90: p.band[2] }));
}

describe("overriding a week", () => {
  it("writes the override with the model's P50 and bumps the plan version", async () => {
    const { plan, overrideId } = await override(planner, A, 1, weekOf(0), 15);
    expect(plan).toMatchObject({ version: 2, status: "open" });
    expect((await planOf(A)).version).toBe(2);
    expect(await overridesOf(A)).toEqual([expect.objectContaining({ id: overrideId, runId: 1, week: weekOf(0), units: 15, modelP50: 10, reason: "promotion", note: null, createdBy: planner.id })]);
  });

  it("refuses a second override made from the stale version with a conflict, and writes nothing", async () => {
    await override(planner, A, 1, weekOf(0), 15);
    const stale = () => override(planner2, A, 1, weekOf(1), 30);
    await expect(stale()).rejects.toThrow(ConflictError);
    await expect(stale()).rejects.toThrow(/SKU-A changed since you opened it .*version 2/);
    expect(await overridesOf(A)).toHaveLength(1);
    expect((await planOf(A)).version).toBe(2);
  });

  const valid = { week: weekOf(2), units: 12, reason: "event" as const };
  it.each([
    ["negative units", { units: -1 }, ZodError],
    ["units that are not a number", { units: Number.NaN }, ZodError],
    ["no reason", { reason: undefined }, ZodError],
    ["an unknown reason", { reason: "gut feeling" }, ZodError],
    ["reason 'other' without a note", { reason: "other", note: "   " }, ZodError],
    ["a malformed week", { week: "next week" }, ZodError],
    ["a week that is not in the run", { week: "2024-01-01" }, AppError],
    ["a Tuesday inside the run that is not a week start", { week: addDays(FIRST_WEEK, 8) }, AppError],
    ["units above 10 x the highest P90 (140)", { units: 141 }, AppError],
  ])("refuses %s and writes nothing", async (_label, patch, errorClass) => {
    const before = await lastAuditId();
    let error: unknown;
    try {
      await saveOverrides(db, planner, { runId: 1, productId: A, expectedVersion: 1, weeks: [{ ...valid, ...patch }] } as Parameters<typeof saveOverrides>[2]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(errorClass);
    if (error instanceof AppError) expect(error.code).toBe("validation");
    expect(await overridesOf(A)).toEqual([]);
    expect((await planOf(A)).version).toBe(1);
    expect(await lastAuditId()).toBe(before);
  });

  it("accepts units at the bound, and 'other' with a note", async () => {
    await override(planner, A, 1, weekOf(2), 140);
    await override(planner, A, 2, weekOf(3), 11, "other", "  store refit  ");
    expect((await overridesOf(A)).map((o) => [o.units, o.reason, o.note])).toEqual([
      [140, "promotion", null],
      [11, "other", "store refit"],
    ]);
    expect((await planOf(A)).version).toBe(3);
  });

  it("refuses a product without a plan in the run", async () => {
    await expect(override(planner, 99, 1, weekOf(0), 5)).rejects.toThrow(/no plan for product 99/);
  });
});

describe("the effective forecast", () => {
  it("applies the latest override of a week and scales the band with it", async () => {
    await override(planner2, A, 1, weekOf(0), 12);
    await override(planner, A, 2, weekOf(0), 15);
    const weeks = (await effectiveForecasts(db, 1, [A])).get(A)!;
    expect(weeks).toHaveLength(HORIZON);
    // 15 / 10 = 1.5 x the model's band 6-14.
    expect(weeks[0]).toMatchObject({ week: weekOf(0), p50: 15, model: { p10: 6, p50: 10, p90: 14 }, override: { units: 15, by: "planner1@test", reason: "promotion" } });
    expect(weeks[0]!.p10).toBeCloseTo(9, 9);
    expect(weeks[0]!.p90).toBeCloseTo(21, 9);
    expect(weeks[1]).toMatchObject({ p10: 6, p50: 10, p90: 14, override: null });
    // Other products are untouched.
    expect((await effectiveForecasts(db, 1, [B])).get(B)![0]).toMatchObject({ p50: 5, override: null });
  });

  it("keeps the band's width above an override of a week the model put at zero", async () => {
    await override(planner, D, 1, weekOf(HORIZON - 1), 4);
    expect((await effectiveForecasts(db, 1, [D])).get(D)![HORIZON - 1]).toMatchObject({ p10: 0, p50: 4, p90: 7 });
    expect(applyOverride({ week: "w", p10: 6, p50: 10, p90: 14 }, 0)).toEqual({ week: "w", p10: 0, p50: 0, p90: 0 });
    expect(applyOverride({ week: "w", p10: 6, p50: 10, p90: 14 }, undefined)).toEqual({ week: "w", p10: 6, p50: 10, p90: 14 });
  });
});

describe("review and approval", () => {
  it("marks a plan reviewed, and refuses a stale review", async () => {
    const reviewed = await markReviewed(db, planner, { runId: 1, productId: C, expectedVersion: 1 });
    expect(reviewed).toMatchObject({ status: "reviewed", version: 2, reviewedBy: planner.id });
    await expect(markReviewed(db, planner2, { runId: 1, productId: C, expectedVersion: 1 })).rejects.toThrow(ConflictError);
    expect(await planOf(C)).toMatchObject({ status: "reviewed", version: 2, reviewedBy: planner.id });
  });

  it("fixes the order quantity of the effective forecast at approval", async () => {
    await override(planner, A, 1, weekOf(0), 15);
    const [approved] = await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: A, expectedVersion: 2 }] });

    // The effective forecast by hand: week 1 overridden to 15 with its band scaled 1.5 x, the other weeks as modelled.
    const weeks = modelWeeks(A).map((w, i) => (i === 0 ? { ...w, p10: 9, p50: 15, p90: 21 } : w));
    const expected = replenishment(weeks, { onHand: 12, onOrder: 0, leadTimeDays: 14 }, 0.95);
    // Lead time: 15 + 10 = 25, sigma^2 x (1.5^2 + 1); protection adds a week: 35, sigma^2 x 4.25, sigma = 8 / 2.563.
    // Safety stock 1.645 x 3.121 x sqrt(4.25) = 10.58; order up to 45.58 from 12: 34 units.
    expect(expected.orderQuantity).toBe(34);
    expect(approved).toMatchObject({ status: "approved", version: 3, serviceLevel: 0.95, approvedBy: planner.id, orderQuantity: 34, safetyStock: 10.58, reorderPoint: 34.26 });
    expect(approved!.approvedAt).toBeInstanceOf(Date);
    expect(await planOf(A)).toMatchObject({ status: "approved", orderQuantity: expected.orderQuantity });

    expect(await approvedPlans(db, 1)).toEqual([
      expect.objectContaining({ productId: A, sku: "SKU-A", serviceLevel: 0.95, safetyStock: 10.58, reorderPoint: 34.26, orderQuantity: 34, onHand: 12, onOrder: 0, leadTimeDays: 14, approvedBy: "planner1@test" }),
    ]);
  });

  it("approves a batch, with no quantity where there is no inventory position", async () => {
    const approved = await approvePlans(db, planner, { runId: 1, serviceLevel: 0.9, items: [{ productId: B, expectedVersion: 1 }, { productId: D, expectedVersion: 1 }] });
    expect(approved.map((p) => [p.productId, p.status, p.orderQuantity])).toEqual([
      [B, "approved", 0],
      [D, "approved", null],
    ]);
  });

  it("approves all or nothing: one stale plan in a batch refuses the whole batch", async () => {
    await markReviewed(db, planner2, { runId: 1, productId: C, expectedVersion: 1 });
    const before = await lastAuditId();
    const batch = () =>
      approvePlans(db, planner, {
        runId: 1,
        serviceLevel: 0.95,
        items: [
          { productId: A, expectedVersion: 1 },
          { productId: B, expectedVersion: 1 },
          { productId: C, expectedVersion: 1 },
        ],
      });
    await expect(batch()).rejects.toThrow(ConflictError);
    expect([await planOf(A), await planOf(B), await planOf(C)].map((p) => [p.status, p.version, p.orderQuantity])).toEqual([
      ["open", 1, null],
      ["open", 1, null],
      ["reviewed", 2, null],
    ]);
    expect(await approvedPlans(db, 1)).toEqual([]);
    expect(await lastAuditId()).toBe(before);
  });

  it("refuses to approve an approved plan again, and a service level that is not offered", async () => {
    await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: C, expectedVersion: 1 }] });
    await expect(approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: C, expectedVersion: 2 }] })).rejects.toThrow(ConflictError);
    await expect(approvePlans(db, planner, { runId: 1, serviceLevel: 0.5, items: [{ productId: B, expectedVersion: 1 }] })).rejects.toThrow(ZodError);
    await expect(approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [] })).rejects.toThrow(ZodError);
    expect(await planOf(B)).toMatchObject({ status: "open", version: 1 });
    await expect(markReviewed(db, planner, { runId: 1, productId: C, expectedVersion: 2 })).rejects.toThrow(/already approved/);
  });

  it("keeps an approved plan approved when an override is tried: the override is refused until the plan is reopened", async () => {
    await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: A, expectedVersion: 1 }] });
    expect((await planOf(A)).orderQuantity).toBe(27);
    await expect(override(planner2, A, 2, weekOf(1), 18)).rejects.toThrow(/approved.*Reopen the plan/);
    expect(await planOf(A)).toMatchObject({ status: "approved", version: 2, orderQuantity: 27 });
    expect(await overridesOf(A)).toEqual([]);
    expect((await approvedPlans(db, 1)).map((p) => p.sku)).toEqual(["SKU-A"]);
  });
});

describe("the audit trail", () => {
  it("records override, review and approval with who, before and after", async () => {
    const from = await lastAuditId();
    await override(planner, A, 1, weekOf(0), 15, "event");
    await markReviewed(db, planner, { runId: 1, productId: A, expectedVersion: 2 });
    await approvePlans(db, planner2, { runId: 1, serviceLevel: 0.95, items: [{ productId: A, expectedVersion: 3 }] });
    const entries = await db.select().from(auditLog).where(gt(auditLog.id, from)).orderBy(auditLog.id).all();
    const planId = String((await planOf(A)).id);
    expect(entries.map((e) => [e.action, e.entityType, e.entityId, e.actorEmail])).toEqual([
      ["forecast.override", "forecast_plan", planId, "planner1@test"],
      ["forecast.review", "forecast_plan", planId, "planner1@test"],
      ["forecast.approve", "forecast_plan", planId, "planner2@test"],
    ]);
    const [o, r, a] = entries;
    expect(o!.actorId).toBe(planner.id);
    expect(o!.before).toEqual({ week: weekOf(0), p50: 10, status: "open", version: 1 });
    expect(o!.after).toMatchObject({ week: weekOf(0), units: 15, reason: "event", modelP50: 10, status: "open", version: 2, sku: "SKU-A" });
    expect(r!.before).toEqual({ status: "open", version: 2 });
    expect(r!.after).toMatchObject({ status: "reviewed", version: 3 });
    expect(a!.before).toEqual({ status: "reviewed", version: 3 });
    expect(a!.after).toMatchObject({ status: "approved", version: 4, serviceLevel: 0.95, orderQuantity: 34, safetyStock: 10.58, reorderPoint: 34.26 });
  });
});

describe("forecast value added", () => {
  /** Daily sales of one week on the web channel (and optionally the app), one row per day. */
  async function sell(productId: number, weekStart: string, perDay: number[], channel = 1) {
    for (const [d, units] of perDay.entries()) await addSale(productId, channel, addDays(weekStart, d), units);
  }

  it("scores the override in force of each week with actuals, per planner, and counts the rest as pending", async () => {
    await override(planner2, A, 1, weekOf(0), 12); // replaced below: does not count
    await override(planner, A, 2, weekOf(0), 15);
    await override(planner, B, 1, weekOf(0), 6);
    await override(planner2, C, 1, weekOf(0), 5);
    await override(planner, A, 3, weekOf(1), 20); // no actuals for that week
    await override(planner2, D, 1, weekOf(HORIZON - 1), 4);

    expect(await forecastValueAdded(db)).toEqual({ rows: [], pending: 5, lastActual: null });

    // Week 1 sold: A 14 (1 a day on web and on app), B 3, C 9.
    await sell(A, weekOf(0), [1, 1, 1, 1, 1, 1, 1]);
    await sell(A, weekOf(0), [1, 1, 1, 1, 1, 1, 1], 2);
    await sell(B, weekOf(0), [1, 0, 1, 0, 1, 0, 0]);
    await sell(C, weekOf(0), [2, 1, 1, 2, 1, 1, 1]);

    const fva = await forecastValueAdded(db);
    expect(fva.lastActual).toBe(addDays(FIRST_WEEK, 6));
    expect(fva.pending).toBe(2);
    // planner1: A model |10 - 14| = 4, override |15 - 14| = 1; B model |5 - 3| = 2, override |6 - 3| = 3.
    //   MAE model 3, override 2, FVA 1 - 4/6 = 1/3, one of two weeks improved.
    // planner2: C model |8 - 9| = 1, override |5 - 9| = 4: FVA 1 - 4/1 = -3, none improved.
    expect(fva.rows).toHaveLength(2);
    const [p1, p2] = fva.rows;
    expect(p1).toMatchObject({ planner: "planner1@test", weeks: 2, modelMae: 3, overrideMae: 2, improved: 1 });
    expect(p1!.fva).toBeCloseTo(1 / 3, 9);
    expect(p2).toEqual({ planner: "planner2@test", weeks: 1, modelMae: 1, overrideMae: 4, fva: -3, improved: 0 });
  });

  it("waits for the whole week: a week with only some days of actuals stays pending", async () => {
    await override(planner, A, 1, weekOf(0), 15);
    await override(planner, A, 2, weekOf(1), 12);
    await sell(A, weekOf(0), [2, 2, 2, 2, 2, 2, 2]);
    await sell(A, weekOf(1), [2, 2, 2]); // sales so far run through the Wednesday of week 2
    const fva = await forecastValueAdded(db);
    expect(fva.lastActual).toBe(addDays(weekOf(1), 2));
    expect(fva.pending).toBe(1);
    expect(fva.rows).toEqual([{ planner: "planner1@test", weeks: 1, modelMae: 4, overrideMae: 1, fva: 0.75, improved: 1 }]);
  });
});

describe("the forecast list", () => {
  const page = async (params: Record<string, string> = {}) => forecastListPage(db, (await latestRun(db))!, forecastFilterSchema.parse(params));
  const skus = async (params: Record<string, string> = {}) => (await page(params)).rows.map((r) => r.sku);

  it("computes each product's demand, replenishment and exceptions", async () => {
    const rows = new Map((await planRows(db, (await latestRun(db))!)).map((r) => [r.sku, r]));
    expect(rows.get("SKU-A")).toMatchObject({ horizonDemand: 130, overrides: 0, status: "open", version: 1, exceptions: [expect.objectContaining({ kind: "stockout" })] });
    expect(rows.get("SKU-A")!.replenishment).toMatchObject({ position: 12, leadTimeDemand: 20, orderQuantity: 27 });
    expect(rows.get("SKU-A")!.replenishment!.weeksOfCover).toBeCloseTo(1.2, 9);
    expect(rows.get("SKU-B")).toMatchObject({ horizonDemand: 65, exceptions: [{ kind: "overstock", action: msg("forecasts.exceptions.action.cutOrder") }] });
    expect(rows.get("SKU-C")).toMatchObject({ horizonDemand: 104, exceptions: [expect.objectContaining({ kind: "poor_accuracy" })] });
    expect(rows.get("SKU-D")).toMatchObject({ horizonDemand: 24, inventory: null, replenishment: null, exceptions: [] });

    await override(planner, A, 1, weekOf(0), 15);
    expect((await planRows(db, (await latestRun(db))!)).find((r) => r.sku === "SKU-A")).toMatchObject({ horizonDemand: 135, overrides: 1, version: 2 });
  });

  it("lists the most urgent first by default, and counts exceptions and statuses", async () => {
    const list = await page();
    expect(list.rows.map((r) => r.sku)).toEqual(["SKU-A", "SKU-C", "SKU-B", "SKU-D"]);
    expect(list.counts).toEqual({ stockout: 1, outside_band: 0, bias: 0, big_change: 0, poor_accuracy: 1, overstock: 1 });
    expect(list.categories).toEqual(["garden", "home", "lighting"]);
    expect(list).toMatchObject({ total: 4, page: 1, pages: 1, statusCounts: { open: 4, reviewed: 0, approved: 0 } });
  });

  it.each([
    [{ category: "home" }, ["SKU-A", "SKU-C"]],
    [{ category: "toys" }, []],
    [{ exception: "stockout" }, ["SKU-A"]],
    [{ exception: "overstock" }, ["SKU-B"]],
    [{ exception: "poor_accuracy" }, ["SKU-C"]],
    [{ exception: "any" }, ["SKU-A", "SKU-C", "SKU-B"]],
    [{ exception: "none" }, ["SKU-D"]],
    [{ q: "lamp" }, ["SKU-B"]],
    [{ q: "sku-c" }, ["SKU-C"]],
    [{ category: "home", exception: "stockout" }, ["SKU-A"]],
  ])("filters by %o", async (params, expected) => {
    expect(await skus(params)).toEqual(expected);
  });

  it("splits demand by channel from the last 13 weeks' sales as published, and filters to products sold there", async () => {
    const lastDay = addDays(FIRST_WEEK, -1);
    await addSale(A, 1, lastDay, 3); // A: 3 web + 1 app -> 75 % web
    await addSale(A, 2, addDays(lastDay, -20), 1);
    await addSale(C, 2, addDays(lastDay, -5), 4); // C: app only
    await addSale(B, 1, addDays(lastDay, -7 * 13), 9); // B: one day before the 13 weeks: no share
    // Publication stores each product's units per channel with its series.
    const units = await recentChannelUnits(db, lastDay);
    expect(Object.fromEntries(units)).toEqual({ [A]: { web: 3, app: 1 }, [C]: { app: 4 } });
    for (const p of catalog) {
      await db
        .update(forecastSeries)
        .set({ channelUnits: units.get(p.id) ?? {} })
        .where(and(eq(forecastSeries.runId, 1), eq(forecastSeries.productId, p.id)));
    }
    // Sales recorded after publication leave the run's split as published.
    await addSale(B, 1, addDays(lastDay, -1), 50);
    const rows = new Map((await planRows(db, (await latestRun(db))!)).map((r) => [r.sku, r]));
    expect(rows.get("SKU-A")!.channelShares).toEqual({ web: 0.75, app: 0.25 });
    expect(rows.get("SKU-B")!.channelShares).toEqual({});
    expect(await skus({ channel: "web" })).toEqual(["SKU-A"]);
    expect(await skus({ channel: "app", sort: "demand" })).toEqual(["SKU-C", "SKU-A"]);
    expect(channelDemand(rows.get("SKU-A")!, "web")).toBeCloseTo(97.5, 9);
    expect(channelDemand(rows.get("SKU-A")!, undefined)).toBe(130);
    expect((await page({ category: "home", channel: "app" })).chart[0]).toMatchObject({ p50: 0.25 * 10 + 8 });
    expect(await skus({ channel: "fax" })).toHaveLength(4);
  });

  it("filters by plan status", async () => {
    await markReviewed(db, planner, { runId: 1, productId: C, expectedVersion: 1 });
    await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: B, expectedVersion: 1 }] });
    expect(await skus({ status: "reviewed" })).toEqual(["SKU-C"]);
    expect(await skus({ status: "approved" })).toEqual(["SKU-B"]);
    expect(await skus({ status: "open" })).toEqual(["SKU-A", "SKU-D"]);
    expect((await page()).statusCounts).toEqual({ open: 2, reviewed: 1, approved: 1 });
  });

  it.each([
    [{ sort: "sku" }, ["SKU-A", "SKU-B", "SKU-C", "SKU-D"]],
    [{ sort: "sku", dir: "desc" }, ["SKU-D", "SKU-C", "SKU-B", "SKU-A"]],
    [{ sort: "demand" }, ["SKU-A", "SKU-C", "SKU-B", "SKU-D"]],
    [{ sort: "demand", dir: "asc" }, ["SKU-D", "SKU-B", "SKU-C", "SKU-A"]],
    // Cover: A 1.2 weeks, C 3.75, then B (outlasts the horizon) and D (no stock data), tied, by SKU.
    [{ sort: "cover" }, ["SKU-A", "SKU-C", "SKU-B", "SKU-D"]],
    [{ sort: "mase" }, ["SKU-C", "SKU-B", "SKU-D", "SKU-A"]],
    // Order: A 27, the rest 0, by SKU.
    [{ sort: "order" }, ["SKU-A", "SKU-B", "SKU-C", "SKU-D"]],
  ])("sorts by %o", async (params, expected) => {
    expect(await skus(params)).toEqual(expected);
  });

  it("falls back to no filter on malformed parameters", async () => {
    expect(forecastFilterSchema.parse({ sort: "sideways", exception: "nope", status: "lost", page: "-3", sl: "0.42" })).toMatchObject({
      sort: "urgency",
      exception: undefined,
      status: undefined,
      page: 1,
      sl: 0.95,
    });
    expect(await skus({ sort: "sideways", exception: "nope" })).toEqual(["SKU-A", "SKU-C", "SKU-B", "SKU-D"]);
  });

  it("orders more at a higher service level", async () => {
    const at = async (sl: string) => (await page({ sl })).all.find((r) => r.sku === "SKU-A")!.replenishment!.orderQuantity;
    expect(await at("0.8")).toBeLessThan(await at("0.99"));
  });

  it("gives the Overview the stockout risks of the latest run", async () => {
    const risks = await topStockoutRisks(db, 5);
    expect(risks.run?.id).toBe(1);
    expect(risks.total).toBe(1);
    expect(risks.rows.map((r) => r.sku)).toEqual(["SKU-A"]);
  });

  it("flags a big change against the plan approved in the previous run", async () => {
    await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: A, expectedVersion: 1 }, { productId: C, expectedVersion: 1 }] });
    // Run 2 starts a week later (12 weeks shared) and doubles A's forecast; C moves 25 %.
    await seedRun(2, weekOf(1), { [A]: 2, [C]: 1.25 });
    expect((await latestRun(db))?.id).toBe(2);
    const rows = new Map((await planRows(db, (await latestRun(db))!)).map((r) => [r.sku, r]));
    expect(rows.get("SKU-A")!.exceptions.map((e) => e.kind)).toEqual(["stockout", "big_change"]);
    expect(inEnglish(rows.get("SKU-A")!.exceptions[1]!.detail)).toBe("+100 % against the last approved plan over 12 shared weeks");
    expect(rows.get("SKU-C")!.exceptions.map((e) => e.kind)).toEqual(["poor_accuracy"]);
    expect(await approvedPlans(db, 2)).toEqual([]);
  });
});

describe("the approved plans CSV export", () => {
  const get = () => exportPlans(new Request("http://x/api/export/forecast-plans"));

  it("needs a session and a role that may see forecasts", async () => {
    session.userId = null;
    expect((await get()).status).toBe(401);
    for (const role of ["viewer", "merchandiser", "risk_analyst"] as const) {
      session.userId = idByRole[role];
      expect((await get()).status).toBe(403);
    }
    for (const role of ["planner", "admin"] as const) {
      session.userId = idByRole[role];
      expect((await get()).status).toBe(200);
    }
  });

  it("exports the approved plans of the latest run, largest order first, with formulas neutralised", async () => {
    await approvePlans(db, planner, { runId: 1, serviceLevel: 0.95, items: [{ productId: D, expectedVersion: 1 }, { productId: A, expectedVersion: 1 }] });
    session.userId = idByRole.admin;
    const response = await get();
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="forecast-plans-2024-03-04.csv"');
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("sku,name,category,service_level,safety_stock,reorder_point,on_hand,on_order,position,lead_time_days,order_quantity,approved_by,approved_at");
    expect(lines).toHaveLength(3);
    // A: safety stock 1.645 x sqrt(3) x 3.121 = 8.89, reorder point 20 + 1.645 x sqrt(2) x 3.121 = 27.26, order 27.
    expect(lines[1]).toMatch(/^SKU-A,Alpha mug,home,0\.95,8\.89,27\.26,12,0,12,14,27,planner1@test,\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(lines[2]).toMatch(/^SKU-D,'=SUM\(A1\) hose,garden,0\.95,,,,,,,,planner1@test,/);
  });

  it("names its columns in the reader's language", async () => {
    await db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, idByRole.planner));
    try {
      session.userId = idByRole.planner;
      expect((await (await get()).text()).split("\r\n")[0]).toBe("SKU,名称,品类,服务水平,安全库存,再订货点,现有库存,在途,库存状况,提前期天数,订货量,批准人,批准时间");
    } finally {
      await db.update(users).set({ locale: null }).where(eq(users.id, idByRole.planner));
    }
  });

  it("answers a header only when nothing is approved", async () => {
    session.userId = idByRole.planner;
    expect(await (await get()).text()).toBe("sku,name,category,service_level,safety_stock,reorder_point,on_hand,on_order,position,lead_time_days,order_quantity,approved_by,approved_at\r\n");
  });
});

describe("the Overview's stockout alerts", () => {
  // The alerts are translated (next-intl) and formatted with the reader's formatter: English here.
  const render = async (role: Role) => {
    const [{ NextIntlClientProvider }, { messages }, { englishFormat }] = await Promise.all([import("next-intl"), import("@/lib/i18n/messages"), import("@/lib/format")]);
    const alerts = createElement(StockoutAlerts, { risks: await topStockoutRisks(db, 5), role, f: englishFormat });
    return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages: messages.en, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>, alerts));
  };

  it("lists the products at risk with cover, position against lead-time demand and the suggested order", async () => {
    const html = await render("planner");
    expect(html).toContain("1 product ·");
    expect(html).toContain("SKU-A");
    expect(html).not.toContain("SKU-B");
    expect(html).toContain("1.2 wk");
    expect(html).toContain("12 / 20");
    expect(html).toContain(">27<");
  });

  it("links to the forecasts only for roles that may open them", async () => {
    for (const role of ["planner", "admin"] as const) {
      const html = await render(role);
      expect(html).toContain('href="/forecasts/1"');
      expect(html).toContain('href="/forecasts?exception=stockout"');
    }
    for (const role of ["viewer", "merchandiser", "risk_analyst"] as const) {
      const html = await render(role);
      expect(html).toContain("SKU-A");
      expect(html).not.toContain("/forecasts");
    }
  });

  it("is not shown at all before the first forecast run", async () => {
    await deleteRuns();
    expect(await render("planner")).toBe("");
  });
});
