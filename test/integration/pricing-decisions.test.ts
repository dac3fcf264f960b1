/**
 * Merchandiser decisions on a price run, on a real (temporary) SQLite file: approval with the second-approver rule,
 * adjustments checked against the guardrails on the server, rejection, optimistic concurrency, all-or-nothing bulk
 * approval, the audit trail, the guardrail settings and product limits, the list's filters, sorts, counts and CSV,
 * and the product's pricing page data.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// test/support/setup-env.ts gives this file its own empty data directory before anything is imported.
vi.mock("next/headers", () => import("../support/request-context"));
import { session } from "../support/request-context";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { and, eq, gt, sql } from "drizzle-orm";
import { ZodError } from "zod";
import { adjustAction, approveAction, refreshRecommendationsAction } from "@/app/(dashboard)/pricing/actions";
import { getDb, type Db } from "@/lib/db";
import {
  auditLog,
  competitorPrices,
  jobs,
  modelVersions,
  priceHistory,
  priceRecommendations,
  priceRuns,
  pricingSettings,
  productPriceLimits,
  products,
  users,
  type Role,
} from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { AppError, ConflictError } from "@/lib/errors";
import { adjust, approve, reject } from "@/lib/pricing/decisions";
import { latestPriceRun, pricingFilterSchema, productPricing, recommendationsCsv, recommendationsPage } from "@/lib/pricing/queries";
import { DEFAULT_PRICING_SETTINGS, getPricingSettings, setProductLimits, toGuardrails, updateSettings } from "@/lib/pricing/settings";

type Merchandiser = { id: number; email: string };
let db: Db;
let merch1: Merchandiser;
let merch2: Merchandiser;
const idByRole = {} as Record<Role, number>;

const [A, B, C, D] = [1, 2, 3, 4];
/** [P10, P50, P90] times a per-unit amount in cents. */
const times = (cents: number, units: number[]) => units.map((u) => u * cents);

/**
 * Four products, prices in cents, with recommendations of run 1:
 * - A: 10.00 -> 10.99 (+9.9 %, under the 15 % second-approval threshold), cost 5.00, bound by maxChange, high
 *   confidence; profit uplift 599 x 90 - 500 x 100 = +3910 a week; the cheapest competitor at 10.49.
 * - B: 20.00 -> 16.99 (-15.05 %, needs a second approval), cost 12.00, not bound, medium; uplift 499 x 40 - 800 x 30 = -4040.
 * - C: 50.00 -> 51.99 (+3.98 %), cost 46.00 (10 % margin floor at 51.12), bound by marginFloor, low; uplift 599 x 7 - 400 x 8 = +993.
 * - D: 8.00 -> 8.00 (same), no cost (no profit), bound by competitor, medium.
 */
const catalog = [
  { id: A, sku: "SKU-A", name: "Alpha mug", category: "home", price: 1000, cost: 500, rec: 1099, boundBy: "maxChange", confidence: "high", units: [[80, 100, 120], [72, 90, 110]], competitors: { shopA: 10.49, shopB: 11.2 } },
  { id: B, sku: "SKU-B", name: "Beta lamp", category: "lighting", price: 2000, cost: 1200, rec: 1699, boundBy: null, confidence: "medium", units: [[20, 30, 40], [30, 40, 52]], competitors: { shopA: 18.5 } },
  { id: C, sku: "SKU-C", name: "Gamma chair", category: "home", price: 5000, cost: 4600, rec: 5199, boundBy: "marginFloor", confidence: "low", units: [[5, 8, 11], [4, 7, 10]], competitors: {} },
  { id: D, sku: "SKU-D", name: "Delta hose", category: "garden", price: 800, cost: null, rec: 800, boundBy: "competitor", confidence: "medium", units: [[10, 15, 20], [10, 15, 20]], competitors: { shopB: 7.99 } },
] as const;

async function addUser(email: string, role: Role): Promise<Merchandiser> {
  const id = (await db.insert(users).values({ email, name: email, role, passwordHash: "$2b$10$abcdefghijklmnopqrstuuJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce", createdAt: new Date() }).returning().get())!.id;
  return { id, email };
}

/** A constant-elasticity (-2) curve in dollars from half to twice the current price, P10/P90 at half/double. */
function curveFor(priceCents: number, units: number) {
  const p = priceCents / 100;
  const mid = [4, 1, 0.25].map((k) => k * units);
  return { price: [p / 2, p, 2 * p], units: mid, lower: mid.map((u) => u / 2), upper: mid.map((u) => u * 2) };
}

const addPriceRun = (id: number) => db.insert(priceRuns).values({ id, modelVersionId: 1, settings: {}, createdAt: new Date() });

async function seedRun(runId: number) {
  await addPriceRun(runId);
  for (const p of catalog) {
    const [now, rec] = p.units;
    const expected = {
      current: { units: [...now], revenue: times(p.price, [...now]), profit: p.cost === null ? null : times(p.price - p.cost, [...now]) },
      recommended: { units: [...rec], revenue: times(p.rec, [...rec]), profit: p.cost === null ? null : times(p.rec - p.cost, [...rec]) },
    };
    await db.insert(priceRecommendations).values({
      runId,
      productId: p.id,
      currentPriceCents: p.price,
      recommendedPriceCents: p.rec,
      unconstrainedPriceCents: p.rec,
      costCents: p.cost,
      elasticity: -2,
      expected,
      confidence: p.confidence,
      boundBy: p.boundBy,
      adjustments: [],
      competitorPrices: { ...p.competitors },
      curve: curveFor(p.price, now[1]),
      status: "pending",
      version: 1,
      updatedAt: new Date(),
    });
  }
}

beforeAll(async () => {
  db = getDb();
  merch1 = await addUser("merch1@test", "merchandiser");
  merch2 = await addUser("merch2@test", "merchandiser");
  idByRole.merchandiser = merch1.id;
  for (const role of ["admin", "planner", "viewer", "risk_analyst"] as const) idByRole[role] = (await addUser(`${role}@test`, role)).id;
  await db.insert(products).values(catalog.map((p) => ({ id: p.id, sku: p.sku, name: p.name, category: p.category, priceCents: p.price, costCents: p.cost, createdAt: new Date(0) })));
  await db.insert(modelVersions).values({ id: 1, task: "pricing", version: 1, status: "champion", params: {}, createdAt: new Date() });
  // A competitor's weekly price for A over 40 weeks (the page shows the last 26).
  await db.insert(competitorPrices).values(Array.from({ length: 40 }, (_, w) => ({ productId: A, competitor: "shopA", date: addDays("2024-01-01", 7 * w), priceCents: 1000 + w })));
});

beforeEach(async () => {
  // Every test starts from run 1 with four pending recommendations at version 1, the catalogue's prices, default
  // settings and no limits; the audit log is append-only and kept.
  for (const table of [priceHistory, priceRecommendations, priceRuns, productPriceLimits, pricingSettings]) await db.delete(table);
  for (const p of catalog) await db.update(products).set({ priceCents: p.price }).where(eq(products.id, p.id)).run();
  await db.insert(priceHistory).values([
    { productId: A, priceCents: 900, effectiveFrom: "2024-01-01", source: "seed" },
    { productId: A, priceCents: 1000, effectiveFrom: "2024-06-01", source: "seed" },
  ]);
  await seedRun(1);
  session.userId = null;
});

const today = () => new Date().toISOString().slice(0, 10);
const recOf = async (productId: number, runId = 1) => (await db.select().from(priceRecommendations).where(and(eq(priceRecommendations.runId, runId), eq(priceRecommendations.productId, productId))).get())!;
const priceOf = async (productId: number) => (await db.select().from(products).where(eq(products.id, productId)).get())!.priceCents;
const approvedHistory = (productId: number) =>
  db
    .select()
    .from(priceHistory)
    .where(and(eq(priceHistory.productId, productId), eq(priceHistory.source, "approved")))
    .orderBy(priceHistory.id)
    .all();
const lastAuditId = async () => Number((await db.get<{ id: number | null }>(sql`SELECT MAX(${auditLog.id}) AS "id" FROM ${auditLog}`))?.id ?? 0);
const auditSince = (id: number) => db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(auditLog.id).all();
const one = (productId: number, expectedVersion = 1) => ({ runId: 1, items: [{ productId, expectedVersion }] });

/** Runs `f`, expecting it to fail, and checks that no recommendation, price, history row or audit entry changed. */
async function refusedWithoutWriting(f: () => Promise<unknown>): Promise<unknown> {
  const snapshot = async () => ({
    recs: await db.select().from(priceRecommendations).orderBy(priceRecommendations.id).all(),
    prices: await db.select({ id: products.id, price: products.priceCents }).from(products).orderBy(products.id).all(),
    history: await db.select().from(priceHistory).orderBy(priceHistory.id).all(),
    audit: await lastAuditId(),
  });
  const before = await snapshot();
  let error: unknown;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeDefined();
  expect(await snapshot()).toEqual(before);
  return error;
}

describe("approving a recommendation", () => {
  it("puts a small change in force at once: approved, price history, the store's price, and the audit", async () => {
    const mark = await lastAuditId();
    const [decided] = await approve(db, merch1, one(A));
    expect(decided).toEqual({ productId: A, sku: "SKU-A", status: "approved", version: 2, decidedPriceCents: 1099 });
    expect(await recOf(A)).toMatchObject({ status: "approved", version: 2, decidedPriceCents: 1099, decidedBy: merch1.id, firstApprovedBy: null, effectiveFrom: addDays(today(), 1) });
    expect((await recOf(A)).decidedAt).toBeInstanceOf(Date);
    expect(await priceOf(A)).toBe(1099);
    expect(await approvedHistory(A)).toEqual([expect.objectContaining({ priceCents: 1099, effectiveFrom: addDays(today(), 1), source: "approved", decisionId: (await recOf(A)).id })]);
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({
        actorId: merch1.id,
        actorEmail: "merch1@test",
        action: "pricing.approve",
        entityType: "price_recommendation",
        entityId: String((await recOf(A)).id),
        before: expect.objectContaining({ status: "pending", version: 1, productPriceCents: 1000 }),
        after: expect.objectContaining({ sku: "SKU-A", priceCents: 1099, currentPriceCents: 1000, changePct: 9.9, status: "approved", version: 2, secondApproval: false }),
      }),
    ]);
  });

  it("records a chosen effective date, and refuses one in the past without writing", async () => {
    const date = addDays(today(), 7);
    await approve(db, merch1, { ...one(A), effectiveFrom: date });
    expect((await recOf(A)).effectiveFrom).toBe(date);
    expect((await approvedHistory(A))[0]!.effectiveFrom).toBe(date);
    const error = await refusedWithoutWriting(() => approve(db, merch1, { ...one(C), effectiveFrom: addDays(today(), -1) }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).message).toMatch(/is in the past; choose today/);
    await expect(approve(db, merch1, { ...one(C), effectiveFrom: "2025-02-30" })).rejects.toThrow(ZodError);
  });

  it("holds a change above the second-approval threshold for a second merchandiser", async () => {
    const mark = await lastAuditId();
    const [first] = await approve(db, merch1, one(B));
    expect(first).toMatchObject({ status: "awaiting_second", version: 2, decidedPriceCents: 1699 });
    expect(await recOf(B)).toMatchObject({ status: "awaiting_second", firstApprovedBy: merch1.id, decidedBy: null });
    expect(await priceOf(B)).toBe(2000);
    expect(await approvedHistory(B)).toEqual([]);
    expect((await auditSince(mark)).map((a) => a.action)).toEqual(["pricing.approve.first"]);
    expect((await auditSince(mark))[0]!.after).toMatchObject({ changePct: 15.05, secondApprovalPct: 15, status: "awaiting_second" });
  });

  it("refuses the second approval from the merchandiser who gave the first, with a clear message", async () => {
    await approve(db, merch1, one(B));
    const error = await refusedWithoutWriting(() => approve(db, merch1, one(B, 2)));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden");
    expect((error as AppError).message).toBe("A change of 15.05 % for SKU-B needs a second merchandiser: you gave the first approval, so another merchandiser must approve it.");
  });

  it("puts the price in force on another merchandiser's second approval", async () => {
    await approve(db, merch1, one(B));
    const mark = await lastAuditId();
    const [second] = await approve(db, merch2, one(B, 2));
    expect(second).toMatchObject({ status: "approved", version: 3, decidedPriceCents: 1699 });
    expect(await recOf(B)).toMatchObject({ status: "approved", firstApprovedBy: merch1.id, decidedBy: merch2.id });
    expect(await priceOf(B)).toBe(1699);
    expect(await approvedHistory(B)).toHaveLength(1);
    expect(await auditSince(mark)).toEqual([expect.objectContaining({ actorId: merch2.id, action: "pricing.approve", after: expect.objectContaining({ secondApproval: true, firstApprovedBy: merch1.id }) })]);
  });

  it("approves without a second merchandiser once the threshold is raised", async () => {
    await updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, secondApprovalPct: 20, expectedVersion: 1 });
    expect((await approve(db, merch1, one(B)))[0]!.status).toBe("approved");
  });

  it("refuses a stale version with a conflict naming who decided, and writes nothing", async () => {
    await approve(db, merch1, one(A));
    const error = await refusedWithoutWriting(() => approve(db, merch2, one(A)));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe("The recommendation for SKU-A changed since you opened it (now approved by merch1@test, version 2). Reload to see the latest before deciding.");
    expect(await refusedWithoutWriting(() => approve(db, merch1, one(C, 3)))).toBeInstanceOf(ConflictError);
  });

  it("refuses to approve or reject a recommendation that is already decided", async () => {
    await approve(db, merch1, one(A));
    const again = await refusedWithoutWriting(() => approve(db, merch2, one(A, 2)));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toBe("The recommendation for SKU-A is already decided (approved by merch1@test).");
    expect(await refusedWithoutWriting(() => reject(db, merch2, { runId: 1, productId: A, expectedVersion: 2, reason: "too dear" }))).toBeInstanceOf(ConflictError);
  });

  it("approves a batch all or nothing: one stale recommendation refuses the whole batch", async () => {
    const error = await refusedWithoutWriting(() =>
      approve(db, merch1, { runId: 1, items: [{ productId: A, expectedVersion: 1 }, { productId: B, expectedVersion: 1 }, { productId: C, expectedVersion: 2 }] }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/SKU-C changed since you opened it/);
    const batch = await approve(db, merch1, { runId: 1, items: [{ productId: A, expectedVersion: 1 }, { productId: B, expectedVersion: 1 }, { productId: C, expectedVersion: 1 }] });
    expect(batch.map((d) => [d.sku, d.status])).toEqual([["SKU-A", "approved"], ["SKU-B", "awaiting_second"], ["SKU-C", "approved"]]);
    expect([await priceOf(A), await priceOf(B), await priceOf(C)]).toEqual([1099, 2000, 5199]);
  });

  it("refuses decisions on a run that a newer run replaced", async () => {
    await addPriceRun(2);
    const error = await refusedWithoutWriting(() => approve(db, merch1, one(A)));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe("Price run 1 has been replaced by run 2; reload and decide on the newer recommendations.");
  });

  it("answers not found for a product without a recommendation in the run", async () => {
    const error = await refusedWithoutWriting(() => approve(db, merch1, one(99)));
    expect((error as AppError).code).toBe("not_found");
  });
});

describe("adjusting a recommendation", () => {
  const adjustA = (priceCents: number, reason = "match the high street") => adjust(db, merch1, { runId: 1, productId: A, expectedVersion: 1, priceCents, reason });

  it("refuses a price below the margin floor, naming the guardrail and the one allowed range, and writes nothing", async () => {
    // C: cost 46.00 at a 10 % minimum margin needs 51.12 or more; with .99 endings and max change up to 55.00, the
    // allowed prices are 51.99 to 54.99. 49.99 is within 10 % of 50.00 and ends in .99.
    const error = await refusedWithoutWriting(() => adjust(db, merch1, { runId: 1, productId: C, expectedVersion: 1, priceCents: 4999, reason: "clear the stock" }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).message).toBe("$49.99 is outside the guardrails for SKU-C. Margin 8.0 % is below the 10 % floor (cost $46.00). Allowed prices: $51.99 to $54.99.");
    expect((error as AppError).details).toEqual({ violations: [expect.objectContaining({ guardrail: "marginFloor" })] });
  });

  it("names one lowest allowed price, which itself meets every guardrail, however many guardrails a price breaks (issue 10, item 12)", async () => {
    // 45.00 breaks the max change (lowest 45.00 on its own), the ending and the margin floor (lowest 51.12 on its own).
    const error = await refusedWithoutWriting(() => adjust(db, merch1, { runId: 1, productId: C, expectedVersion: 1, priceCents: 4400, reason: "clear the stock" }));
    const { violations } = (error as AppError).details as { violations: { guardrail: string; message: string }[] };
    expect(violations.map((v) => v.guardrail)).toEqual(["maxChange", "priceEnding", "marginFloor"]);
    for (const v of violations) expect(v.message).toMatch(/ Allowed prices: \$51\.99 to \$54\.99\.$/);
    expect((error as AppError).message.match(/\$\d+\.\d\d/g)).toEqual(["$44.00", "$50.00", "$44.00", "$46.00", "$51.99", "$54.99"]);
    expect((await adjust(db, merch1, { runId: 1, productId: C, expectedVersion: 1, priceCents: 5199, reason: "the lowest allowed" })).status).toBe("approved");
  });

  it("refuses a price beyond the product's own floor", async () => {
    await setProductLimits(db, merch1, { productId: A, floorCents: 1050, ceilingCents: null });
    const error = await refusedWithoutWriting(() => adjustA(999));
    expect((error as AppError).message).toBe("$9.99 is outside the guardrails for SKU-A. $9.99 is below the floor of $10.50 set for this product. The only allowed price is $10.99.");
    expect((error as AppError).details).toEqual({ violations: [expect.objectContaining({ guardrail: "floorCeiling" })] });
  });

  it("refuses every price while today's guardrails conflict, saying which and with their bounds", async () => {
    // A floor of 12.00 for A is beyond the 10 % max change from 10.00: no price meets both.
    await setProductLimits(db, merch1, { productId: A, floorCents: 1200, ceilingCents: null });
    for (const priceCents of [1099, 1299]) {
      const error = await refusedWithoutWriting(() => adjustA(priceCents));
      expect((error as AppError).message).toMatch(/No price meets every guardrail: floor\/ceiling \(from \$12\.00\) vs max change \(\$9\.00 to \$11\.00\)\.$/);
    }
    expect((await productPricing(db, await latestPriceRun(db), A))!.allowedToday!.text).toBe("No price meets every guardrail: floor/ceiling (from $12.00) vs max change ($9.00 to $11.00).");
  });

  it("refuses a price more than the largest change away from the current price, and one with the wrong ending", async () => {
    const error = await refusedWithoutWriting(() => adjustA(1149));
    expect((error as AppError).details).toEqual({ violations: [expect.objectContaining({ guardrail: "maxChange" }), expect.objectContaining({ guardrail: "priceEnding" })] });
    expect((error as AppError).message).toMatch(/^\$11\.49 is outside the guardrails for SKU-A\. A 14\.9 % rise from \$10\.00 is more than the 10 % allowed in one step.* does not end in \.99/);
  });

  it("approves at the adjusted price within the guardrails, with the reason and both audit entries", async () => {
    const mark = await lastAuditId();
    expect(await adjustA(999)).toEqual({ productId: A, sku: "SKU-A", status: "approved", version: 2, decidedPriceCents: 999 });
    expect(await recOf(A)).toMatchObject({ status: "approved", decidedPriceCents: 999, recommendedPriceCents: 1099, reason: "match the high street", decidedBy: merch1.id });
    expect(await priceOf(A)).toBe(999);
    expect((await approvedHistory(A)).map((h) => h.priceCents)).toEqual([999]);
    const entries = await auditSince(mark);
    expect(entries.map((a) => a.action)).toEqual(["pricing.adjust", "pricing.approve"]);
    expect(entries[0]!.after).toEqual({ sku: "SKU-A", priceCents: 999, reason: "match the high street" });
    expect(entries[0]!.before).toMatchObject({ recommendedPriceCents: 1099, status: "pending" });
  });

  it("applies the second-approver rule to the adjusted change", async () => {
    await updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, secondApprovalPct: 5, expectedVersion: 1 });
    expect((await adjustA(1099)).status).toBe("awaiting_second");
    expect(await priceOf(A)).toBe(1000);
    await expect(approve(db, merch1, one(A, 2))).rejects.toThrow(/you gave the first approval/);
    expect((await approve(db, merch2, one(A, 2)))[0]).toMatchObject({ status: "approved", decidedPriceCents: 1099 });
    expect(await priceOf(A)).toBe(1099);
  });

  it("needs a reason of 3 to 500 characters and a whole, positive price", async () => {
    for (const patch of [{ reason: "" }, { reason: "ok" }, { reason: "x".repeat(501) }, { priceCents: 0 }, { priceCents: 10.5 }]) {
      await expect(adjust(db, merch1, { runId: 1, productId: A, expectedVersion: 1, priceCents: 1049, reason: "a reason", ...patch })).rejects.toThrow(ZodError);
    }
    expect((await recOf(A)).version).toBe(1);
  });

  it("refuses a stale adjustment with a conflict", async () => {
    await approve(db, merch1, one(B));
    expect(await refusedWithoutWriting(() => adjust(db, merch2, { runId: 1, productId: B, expectedVersion: 1, priceCents: 1899, reason: "smaller step" }))).toBeInstanceOf(ConflictError);
  });
});

describe("rejecting a recommendation", () => {
  it("needs a reason", async () => {
    await expect(reject(db, merch1, { runId: 1, productId: A, expectedVersion: 1, reason: "  " })).rejects.toThrow(ZodError);
    await expect(reject(db, merch1, { runId: 1, productId: A, expectedVersion: 1 } as never)).rejects.toThrow(ZodError);
    expect((await recOf(A)).status).toBe("pending");
  });

  it("rejects with the reason, leaves the price alone and audits", async () => {
    const mark = await lastAuditId();
    expect(await reject(db, merch1, { runId: 1, productId: A, expectedVersion: 1, reason: "a promotion is planned" })).toMatchObject({ status: "rejected", version: 2, decidedPriceCents: null });
    expect(await recOf(A)).toMatchObject({ status: "rejected", reason: "a promotion is planned", decidedBy: merch1.id });
    expect(await priceOf(A)).toBe(1000);
    expect(await approvedHistory(A)).toEqual([]);
    expect(await auditSince(mark)).toEqual([expect.objectContaining({ action: "pricing.reject", after: expect.objectContaining({ sku: "SKU-A", status: "rejected", reason: "a promotion is planned" }) })]);
  });

  it("may withdraw a change awaiting its second approval", async () => {
    await approve(db, merch1, one(B));
    expect((await reject(db, merch2, { runId: 1, productId: B, expectedVersion: 2, reason: "too deep a cut" })).status).toBe("rejected");
    expect(await priceOf(B)).toBe(2000);
  });
});

describe("guardrail settings", () => {
  it("creates the defaults on first read, mirroring the optimiser's", async () => {
    const settings = await getPricingSettings(db);
    expect(settings).toMatchObject({ id: 1, objective: "profit", maxChangePct: 10, competitorRule: "maxAboveCheapest", competitorPct: 15, priceEnding: "0.99", minMarginPct: 10, secondApprovalPct: 15, version: 1 });
    expect(toGuardrails(settings)).toEqual({ maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 15 }, floor: null, ceiling: null, priceEnding: "0.99", minMarginPct: 10 });
    expect(toGuardrails({ ...settings, competitorRule: "matchAverage", competitorPct: 5 }, { floorCents: 999, ceilingCents: 1999 })).toMatchObject({ competitor: { kind: "matchAverage", tolerancePct: 5 }, floor: 9.99, ceiling: 19.99 });
    expect(toGuardrails({ ...settings, competitorRule: "none" }).competitor).toBeNull();
  });

  it("saves with the version read and audits before and after", async () => {
    const mark = await lastAuditId();
    const saved = await updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, maxChangePct: null, minMarginPct: 20, expectedVersion: 1 });
    expect(saved).toMatchObject({ version: 2, maxChangePct: null, minMarginPct: 20, updatedBy: merch1.id });
    expect(await auditSince(mark)).toEqual([
      expect.objectContaining({ action: "pricing.settings.update", entityType: "pricing_settings", entityId: "1", before: expect.objectContaining({ maxChangePct: 10, version: 1 }), after: expect.objectContaining({ maxChangePct: null, minMarginPct: 20, version: 2 }) }),
    ]);
  });

  it("refuses a save from a stale version, naming who saved since", async () => {
    await updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, minMarginPct: 20, expectedVersion: 1 });
    const mark = await lastAuditId();
    const stale = () => updateSettings(db, merch2, { ...DEFAULT_PRICING_SETTINGS, minMarginPct: 5, expectedVersion: 1 });
    await expect(stale()).rejects.toThrow(ConflictError);
    await expect(stale()).rejects.toThrow("merch1@test changed the pricing guardrails since you opened them (now version 2). Reload to see their values before saving.");
    expect((await getPricingSettings(db)).minMarginPct).toBe(20);
    expect(await lastAuditId()).toBe(mark);
  });

  it.each([
    ["a largest change of 0 %", { maxChangePct: 0 }],
    ["a largest change above 100 %", { maxChangePct: 101 }],
    ["a minimum margin above 90 %", { minMarginPct: 95 }],
    ["a negative second-approval threshold", { secondApprovalPct: -1 }],
    ["a competitor rule without its percentage", { competitorPct: null }],
    ["an unknown price ending", { priceEnding: "0.49" }],
  ])("refuses %s", async (_label, patch) => {
    await expect(updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, expectedVersion: 1, ...patch } as never)).rejects.toThrow(ZodError);
    expect((await getPricingSettings(db)).version).toBe(1);
  });

  it("clears the competitor percentage with the rule 'none'", async () => {
    expect((await updateSettings(db, merch1, { ...DEFAULT_PRICING_SETTINGS, competitorRule: "none", competitorPct: 15, expectedVersion: 1 })).competitorPct).toBeNull();
  });
});

describe("product price limits", () => {
  it("sets, audits and clears a floor and ceiling", async () => {
    const mark = await lastAuditId();
    expect(await setProductLimits(db, merch1, { productId: A, floorCents: 899, ceilingCents: 1299 })).toEqual({ floorCents: 899, ceilingCents: 1299 });
    expect((await productPricing(db, await latestPriceRun(db), A))!.limits).toEqual({ floorCents: 899, ceilingCents: 1299 });
    await setProductLimits(db, merch1, { productId: A, floorCents: null, ceilingCents: 1199 });
    expect((await productPricing(db, null, A))!.limits).toEqual({ floorCents: null, ceilingCents: 1199 });
    expect(await setProductLimits(db, merch1, { productId: A, floorCents: null, ceilingCents: null })).toBeNull();
    expect((await productPricing(db, null, A))!.limits).toBeNull();
    expect((await auditSince(mark)).map((a) => [a.action, a.entityId])).toEqual([["pricing.limits.update", "1"], ["pricing.limits.update", "1"], ["pricing.limits.update", "1"]]);
    expect((await auditSince(mark))[1]!.before).toEqual({ floorCents: 899, ceilingCents: 1299 });
  });

  it.each([
    ["a floor above the ceiling", { floorCents: 1300, ceilingCents: 1299 }],
    ["a floor of 0", { floorCents: 0, ceilingCents: null }],
    ["a negative ceiling", { floorCents: null, ceilingCents: -5 }],
    ["fractions of a cent", { floorCents: 899.5, ceilingCents: null }],
  ])("refuses %s", async (_label, patch) => {
    await expect(setProductLimits(db, merch1, { productId: A, ...patch })).rejects.toThrow(ZodError);
  });

  it("answers not found for an unknown product", async () => {
    await expect(setProductLimits(db, merch1, { productId: 99, floorCents: 100, ceilingCents: null })).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("the recommendations list", () => {
  const page = async (params: Record<string, string> = {}) => recommendationsPage(db, (await latestPriceRun(db))!, pricingFilterSchema.parse(params));
  const skus = async (params: Record<string, string> = {}) => (await page(params)).rows.map((r) => r.sku);

  it("computes each row's change and expected changes at P50 with the recommended P10-P90", async () => {
    const a = (await page()).rows.find((r) => r.sku === "SKU-A")!;
    expect(a).toMatchObject({ productId: A, name: "Alpha mug", category: "home", currentPriceCents: 1000, recommendedPriceCents: 1099, direction: "up", confidence: "high", boundBy: "maxChange", status: "pending", version: 1, decidedPriceCents: null });
    expect(a.changePct).toBeCloseTo(9.9, 9);
    expect(a.expected.units).toEqual({ change: -10, recommended: { p10: 72, p50: 90, p90: 110 } });
    expect(a.expected.revenue).toEqual({ change: 98_910 - 100_000, recommended: { p10: 79_128, p50: 98_910, p90: 120_890 } });
    expect(a.expected.profit).toEqual({ change: 3910, recommended: { p10: 43_128, p50: 53_910, p90: 65_890 } });
    expect((await page()).rows.find((r) => r.sku === "SKU-D")!.expected.profit).toBeNull();
  });

  it("sorts by profit uplift by default (no profit last), and by change, SKU or confidence", async () => {
    expect(await skus()).toEqual(["SKU-A", "SKU-C", "SKU-B", "SKU-D"]);
    expect(await skus({ dir: "asc" })).toEqual(["SKU-B", "SKU-C", "SKU-A", "SKU-D"]);
    expect(await skus({ sort: "change" })).toEqual(["SKU-A", "SKU-C", "SKU-D", "SKU-B"]);
    expect(await skus({ sort: "sku", dir: "desc" })).toEqual(["SKU-D", "SKU-C", "SKU-B", "SKU-A"]);
    expect(await skus({ sort: "confidence" })).toEqual(["SKU-A", "SKU-B", "SKU-D", "SKU-C"]);
  });

  it("filters by category, guardrail, direction, status and text", async () => {
    expect(await skus({ category: "home" })).toEqual(["SKU-A", "SKU-C"]);
    expect(await skus({ boundBy: "none" })).toEqual(["SKU-B"]);
    expect(await skus({ boundBy: "marginFloor" })).toEqual(["SKU-C"]);
    expect(await skus({ change: "down" })).toEqual(["SKU-B"]);
    expect(await skus({ change: "same" })).toEqual(["SKU-D"]);
    expect(await skus({ q: "LAMP" })).toEqual(["SKU-B"]);
    await approve(db, merch1, { runId: 1, items: [{ productId: A, expectedVersion: 1 }, { productId: B, expectedVersion: 1 }] });
    expect(await skus({ status: "approved" })).toEqual(["SKU-A"]);
    expect(await skus({ status: "awaiting_second" })).toEqual(["SKU-B"]);
    expect((await page({ status: "approved" })).rows[0]).toMatchObject({ decidedPriceCents: 1099, decidedBy: "merch1@test", version: 2 });
  });

  it("counts statuses and guardrails over the whole run, lists categories, and falls back on malformed params", async () => {
    await approve(db, merch1, one(A));
    const result = await page({ category: "garden" });
    expect(result.total).toBe(1);
    expect(result.statusCounts).toEqual({ pending: 3, awaiting_second: 0, approved: 1, rejected: 0 });
    expect(result.boundByCounts).toEqual({ maxChange: 1, competitor: 1, floorCeiling: 0, priceEnding: 0, marginFloor: 1, conflict: 0, none: 1 });
    expect(result.categories).toEqual(["garden", "home", "lighting"]);
    expect(pricingFilterSchema.parse({ boundBy: "vibes", status: "maybe", change: "sideways", sort: "price", dir: "up", page: "-3" })).toEqual({ sort: "uplift", page: 1 });
    expect(await page({ page: "9" })).toMatchObject({ page: 1, pages: 1 });
  });

  it("exports every filtered row as CSV in dollars", async () => {
    const csv = await recommendationsCsv(db, (await latestPriceRun(db))!, pricingFilterSchema.parse({ category: "home" }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "sku,name,category,current_price,recommended_price,change_pct,units_change,units_p10,units_p50,units_p90,revenue_change,revenue_p10,revenue_p50,revenue_p90,profit_change,profit_p10,profit_p50,profit_p90,confidence,bound_by,guardrail_note,status,decided_price,decided_by",
    );
    expect(lines.slice(1)).toEqual([
      "SKU-A,Alpha mug,home,10,10.99,9.9,-10,72,90,110,-10.9,791.28,989.1,1208.9,39.1,431.28,539.1,658.9,high,maxChange,,pending,,",
      "SKU-C,Gamma chair,home,50,51.99,4,-1,4,7,10,-36.07,207.96,363.93,519.9,9.93,23.96,41.93,59.9,low,marginFloor,,pending,,",
    ]);
    expect((await recommendationsCsv(db, (await latestPriceRun(db))!, pricingFilterSchema.parse({}))).trimEnd().split("\r\n")).toHaveLength(5);
  });
});

describe("a recommendation whose guardrails conflicted", () => {
  /** D as the publish job stores a conflict: the current price kept, bound_by 'conflict', the guardrails with their bounds. */
  async function conflictOnD() {
    const adjustments = [
      { guardrail: "maxChange", from: 8, to: 8, change: 0, reason: "at most 10 % from $8.00: $7.20 to $8.80", side: 0 },
      { guardrail: "competitor", from: 8, to: 8, change: 0, reason: "at most 15 % above the cheapest competitor ($5.00): up to $5.75", side: 1 },
    ];
    await db.update(priceRecommendations).set({ boundBy: "conflict", adjustments }).where(eq(priceRecommendations.productId, D)).run();
  }

  it("is marked on the list, filterable, and explained in the CSV", async () => {
    await conflictOnD();
    const list = await recommendationsPage(db, (await latestPriceRun(db))!, pricingFilterSchema.parse({ boundBy: "conflict" }));
    expect(list.rows.map((r) => [r.sku, r.conflict, r.recommendedPriceCents])).toEqual([["SKU-D", "max change vs competitor", 800]]);
    expect(list.boundByCounts.conflict).toBe(1);
    expect(list.rows[0]!.guardrailNote).toBe(
      "Guardrails conflict: max change (at most 10 % from $8.00: $7.20 to $8.80) vs competitor (at most 15 % above the cheapest competitor ($5.00): up to $5.75); the current price is kept.",
    );
    const csv = (await recommendationsCsv(db, (await latestPriceRun(db))!, pricingFilterSchema.parse({ boundBy: "conflict" }))).trimEnd().split("\r\n");
    expect(csv[1]).toContain(",conflict,Guardrails conflict: max change (at most 10 % from $8.00: $7.20 to $8.80) vs competitor");
  });

  it("cannot be approved as recommended, alone or in a batch, and writes nothing", async () => {
    await conflictOnD();
    const error = await refusedWithoutWriting(() => approve(db, merch1, one(D)));
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).message).toBe(
      "The guardrails conflict for SKU-D (max change vs competitor), so there is no recommended price to approve. Adjust it to an allowed price, reject it to keep the current price, or change the guardrails and refresh.",
    );
    expect(await refusedWithoutWriting(() => approve(db, merch1, { runId: 1, items: [{ productId: A, expectedVersion: 1 }, { productId: D, expectedVersion: 1 }] }))).toBeInstanceOf(AppError);
  });

  it("can be adjusted to a price today's guardrails allow, or rejected", async () => {
    await conflictOnD();
    // Today's settings against D (8.00, no cost, cheapest competitor 7.99 + 15 %): max change 7.20 to 8.80, and of the
    // prices ending in .99 only 7.99 lies inside.
    expect((await productPricing(db, await latestPriceRun(db), D))!.allowedToday!.text).toBe("The only allowed price is $7.99.");
    expect(await adjust(db, merch1, { runId: 1, productId: D, expectedVersion: 1, priceCents: 799, reason: "match the competitor" })).toMatchObject({ status: "approved", decidedPriceCents: 799 });
  });
});

describe("a product's pricing", () => {
  it("returns the recommendation with its curve, price history newest first with the approvers, competitor prices, limits and settings", async () => {
    await approve(db, merch1, one(B));
    await approve(db, merch2, one(B, 2));
    await approve(db, merch1, one(A));
    const a = (await productPricing(db, await latestPriceRun(db), A))!;
    expect(a.product).toEqual({ id: A, sku: "SKU-A", name: "Alpha mug", category: "home", priceCents: 1099, costCents: 500 });
    expect(a.recommendation).toMatchObject({ status: "approved", competitorPrices: { shopA: 10.49, shopB: 11.2 }, curve: curveFor(1000, 100), adjustments: [] });
    expect(a.decidedBy).toBe("merch1@test");
    expect(a.priceHistory.map((h) => [h.priceCents, h.effectiveFrom, h.source, h.approvedBy])).toEqual([
      [1099, addDays(today(), 1), "approved", "merch1@test"],
      [1000, "2024-06-01", "seed", null],
      [900, "2024-01-01", "seed", null],
    ]);
    // 40 weekly prices; 26 weeks back from the latest (2024-09-30) is 2024-04-01, the 14th.
    expect(a.competitorHistory).toHaveLength(27);
    expect(a.competitorHistory[0]).toEqual({ competitor: "shopA", date: "2024-04-01", priceCents: 1013 });
    expect(a.limits).toBeNull();
    expect(a.settings.version).toBe(1);

    const b = (await productPricing(db, await latestPriceRun(db), B))!;
    expect(b.priceHistory[0]).toMatchObject({ priceCents: 1699, source: "approved", approvedBy: "merch2@test", firstApprovedBy: "merch1@test" });
    expect(b.firstApprovedBy).toBe("merch1@test");
    expect(b.competitorHistory).toEqual([]);
  });

  it("has no recommendation without a run, and nothing for an unknown product", async () => {
    expect(await productPricing(db, null, A)).toMatchObject({ recommendation: null, run: null });
    expect(await productPricing(db, await latestPriceRun(db), 99)).toBeNull();
  });
});

describe("the pricing actions", () => {
  it("let merchandisers decide and refuse every other role", async () => {
    for (const role of ["admin", "planner", "viewer", "risk_analyst"] as const) {
      session.userId = idByRole[role];
      expect(await approveAction(one(A))).toMatchObject({ ok: false, code: "forbidden" });
    }
    session.userId = null;
    expect(await approveAction(one(A))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await recOf(A)).status).toBe("pending");
    session.userId = merch1.id;
    expect(await approveAction({ runId: 1, items: [{ productId: A, expectedVersion: 1 }, { productId: B, expectedVersion: 1 }] })).toMatchObject({ ok: true, data: { approved: 1, awaitingSecond: 1 } });
  });

  it("turn refusals into messages: a conflict, a guardrail, invalid fields", async () => {
    session.userId = merch1.id;
    expect(await approveAction(one(A, 5))).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/SKU-A changed since you opened it/) });
    expect(await adjustAction({ runId: 1, productId: C, expectedVersion: 1, priceCents: 4999, reason: "clear the stock" })).toMatchObject({ ok: false, code: "validation", error: expect.stringMatching(/margin/i) });
    expect(await adjustAction({ runId: 1, productId: C, expectedVersion: 1, priceCents: 4999, reason: "" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { reason: [expect.any(String)] } });
  });

  it("queue a pricing score job and audit it", async () => {
    session.userId = merch1.id;
    const mark = await lastAuditId();
    const result = await refreshRecommendationsAction({});
    expect(result.ok).toBe(true);
    const jobId = result.ok ? result.data.jobId : 0;
    expect(await db.select().from(jobs).where(eq(jobs.id, jobId)).get()).toMatchObject({ kind: "score", task: "pricing", status: "queued", createdBy: merch1.id });
    expect(await auditSince(mark)).toEqual([expect.objectContaining({ action: "job.score.enqueue", entityId: String(jobId), after: { task: "pricing", kind: "score" } })]);
  });
});
