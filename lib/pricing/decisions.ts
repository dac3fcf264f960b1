import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { priceHistory, priceRecommendations, products, type PriceRecommendationRow, type PricingSettings } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { userEmail } from "@/lib/auth/users";
import { addDays, isoOfMs, startOfDayMs } from "@/lib/dates";
import { AppError, ConflictError } from "@/lib/errors";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { msg } from "@/lib/i18n/message";
import { createFormat } from "@/lib/format";
import { guardrailViolations } from "@/models/pricing/guardrail-check";
import { allowedPrices } from "@/models/pricing/guardrails";
import { CONFLICT, conflictSides } from "@/models/pricing/stored-guardrails";
import { allowedText, breachText, conflictWords, guardrailInputFor } from "./allowed";
import { latestPriceRun, recommendationOf } from "./queries";
import { getPricingSettings, productLimits } from "./settings";

/**
 * Merchandiser decisions on a price run's recommendations: approve (one or many), adjust (approve at another price,
 * checked against the guardrails here on the server) and reject. A recommendation whose guardrails conflicted kept
 * the current price: there is nothing to approve as recommended, so it is adjusted or rejected. Every decision names the version the merchandiser
 * saw; a recommendation that moved on since is refused with a conflict. A change larger than the settings'
 * secondApprovalPct needs a second, different merchandiser.
 *
 * An approved price is in force in the app from approval: products.price_cents changes at once (what the store
 * reads) and price_history gets an 'approved' row. effectiveFrom (default: tomorrow, UTC) is recorded for the
 * store's own systems, which switch the shelf price on that day.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "pricing.validation.dateFormat")
  .refine((s) => {
    const ms = startOfDayMs(s);
    return Number.isFinite(ms) && isoOfMs(ms) === s;
  }, "pricing.validation.dateMissing");
const reason = z.string({ error: "pricing.validation.reasonRequired" }).trim().min(3, "pricing.validation.reasonMin").max(500, "pricing.validation.reasonMax");
const ref = { runId: z.number().int().positive(), productId: z.number().int().positive(), expectedVersion: z.number().int().positive() };

export const approveInput = z.object({
  runId: z.number().int().positive(),
  items: z.array(z.object({ productId: z.number().int().positive(), expectedVersion: z.number().int().positive() })).min(1, "pricing.validation.chooseProduct").max(1000),
  effectiveFrom: isoDate.optional(),
});
export const adjustInput = z.object({ ...ref, priceCents: z.number({ error: "pricing.validation.priceRequired" }).int("pricing.validation.wholeCents").positive("pricing.validation.pricePositive"), reason, effectiveFrom: isoDate.optional() });
export const rejectInput = z.object({ ...ref, reason });

type Merchandiser = Actor & { id: number };
type Recommendation = PriceRecommendationRow;

export type DecisionOutcome = { productId: number; sku: string; status: Recommendation["status"]; version: number; decidedPriceCents: number | null };

const todayIso = () => isoOfMs(Date.now());

function effectiveDate(requested: string | undefined, recorded: string | null): string {
  const today = todayIso();
  const date = requested ?? (recorded && recorded >= today ? recorded : addDays(today, 1));
  if (date < today) throw new AppError("validation", msg("pricing.errors.pastDate", { date, today }));
  return date;
}

async function emailOf(db: Db, id: number | null): Promise<string | null> {
  return id === null ? null : ((await userEmail(db, id)) ?? `user ${id}`);
}

async function product(db: Db, productId: number) {
  const row = await db.select({ sku: products.sku, priceCents: products.priceCents, costCents: products.costCents }).from(products).where(eq(products.id, productId)).get();
  if (!row) throw new AppError("not_found", msg("pricing.errors.noProduct", { id: productId }));
  return row;
}

async function load(db: Db, runId: number, productId: number): Promise<Recommendation> {
  const latest = await latestPriceRun(db);
  if (latest && latest.id !== runId) throw new ConflictError(msg("pricing.errors.runReplaced", { runId, latest: latest.id }), { runId: latest.id });
  const rec = await recommendationOf(db, runId, productId);
  if (!rec) throw new AppError("not_found", msg("pricing.errors.noRecommendation", { productId, runId }));
  return rec;
}

/** The recommendation's state and who brought it there, as values of the "changed" and "decided" messages. */
async function statusValues(db: Db, rec: Recommendation): Promise<{ status: string; who: string }> {
  const who = rec.status === "awaiting_second" ? await emailOf(db, rec.firstApprovedBy) : rec.status === "pending" ? null : await emailOf(db, rec.decidedBy);
  return { status: rec.status, who: who ?? "" };
}

async function checkVersion(db: Db, rec: Recommendation, expected: number, sku: string): Promise<void> {
  if (rec.version !== expected) {
    throw new ConflictError(msg("pricing.errors.changed", { sku, ...(await statusValues(db, rec)), version: rec.version }), {
      productId: rec.productId,
      version: rec.version,
      status: rec.status,
    });
  }
}

async function checkOpen(db: Db, rec: Recommendation, sku: string): Promise<void> {
  if (rec.status === "approved" || rec.status === "rejected") throw new ConflictError(msg("pricing.errors.decided", { sku, ...(await statusValues(db, rec)) }), { productId: rec.productId, status: rec.status });
}

/** A pending recommendation whose guardrails conflicted kept the current price: approving it "as recommended" decides nothing. */
function checkNotConflict(rec: Recommendation, sku: string, locale: Locale): void {
  if (rec.boundBy === CONFLICT && rec.status === "pending") {
    const sides = conflictSides(rec.boundBy, rec.adjustments) ?? [];
    throw new AppError("validation", msg("pricing.errors.conflict", { sku, conflict: conflictWords(sides.map((side) => side.map((a) => a.guardrail)), locale) }), { productId: rec.productId });
  }
}

/** Bumps the version only if it is still the expected one (the WHERE makes the check and the write one step). */
async function bump(db: Db, rec: Recommendation, expected: number, sku: string, changes: Partial<Recommendation>): Promise<Recommendation> {
  const updated = await db
    .update(priceRecommendations)
    .set({ ...changes, version: expected + 1, updatedAt: new Date() })
    .where(and(eq(priceRecommendations.id, rec.id), eq(priceRecommendations.version, expected)))
    .returning()
    .get();
  if (updated) return updated;
  await checkVersion(db, await load(db, rec.runId, rec.productId), expected, sku);
  throw new AppError("not_found", msg("pricing.errors.notUpdated", { sku }));
}

const changePct = (priceCents: number, currentCents: number) => (Math.abs(priceCents - currentCents) / currentCents) * 100;

/**
 * The approval step shared by approve and adjust: a first approval of a big change waits for a second merchandiser;
 * otherwise (or on the second approval) the price is decided and put in force.
 */
async function decide(
  db: Db,
  user: Merchandiser,
  settings: PricingSettings,
  rec: Recommendation,
  expected: number,
  sku: string,
  priceCents: number,
  options: { effectiveFrom?: string; reason?: string; adjusted: boolean },
): Promise<Recommendation> {
  const change = changePct(priceCents, rec.currentPriceCents);
  const needsTwo = change > settings.secondApprovalPct + 1e-9;
  // An adjustment is a new decision at another price: any earlier first approval was for a different price.
  const isSecond = rec.status === "awaiting_second" && !options.adjusted;
  const before = { status: rec.status, version: rec.version, decidedPriceCents: rec.decidedPriceCents, firstApprovedBy: rec.firstApprovedBy };
  const base = { sku, priceCents, currentPriceCents: rec.currentPriceCents, recommendedPriceCents: rec.recommendedPriceCents, changePct: Math.round(change * 100) / 100 };
  const reasonChange = options.reason === undefined ? {} : { reason: options.reason };

  if (isSecond && rec.firstApprovedBy === user.id) {
    throw new AppError("forbidden", msg("pricing.errors.needsSecond", { pct: base.changePct, sku }));
  }
  if (needsTwo && !isSecond) {
    const effectiveFrom = effectiveDate(options.effectiveFrom, null);
    const updated = await bump(db, rec, expected, sku, { status: "awaiting_second", decidedPriceCents: priceCents, firstApprovedBy: user.id, effectiveFrom, ...reasonChange });
    await audit(db, { actor: user, action: "pricing.approve.first", entityType: "price_recommendation", entityId: rec.id, before, after: { ...base, status: updated.status, version: updated.version, effectiveFrom, secondApprovalPct: settings.secondApprovalPct } });
    return updated;
  }
  const effectiveFrom = effectiveDate(options.effectiveFrom, rec.effectiveFrom);
  const now = new Date();
  const updated = await bump(db, rec, expected, sku, { status: "approved", decidedPriceCents: priceCents, decidedBy: user.id, decidedAt: now, effectiveFrom, ...(isSecond ? {} : { firstApprovedBy: null }), ...reasonChange });
  await db.insert(priceHistory).values({ productId: rec.productId, priceCents, effectiveFrom, source: "approved", decisionId: rec.id }).run();
  const previous = (await product(db, rec.productId)).priceCents;
  await db.update(products).set({ priceCents }).where(eq(products.id, rec.productId)).run();
  await audit(db, {
    actor: user,
    action: "pricing.approve",
    entityType: "price_recommendation",
    entityId: rec.id,
    before: { ...before, productPriceCents: previous },
    after: { ...base, status: updated.status, version: updated.version, effectiveFrom, firstApprovedBy: updated.firstApprovedBy, secondApproval: isSecond },
  });
  return updated;
}

const outcome = (rec: Recommendation, sku: string): DecisionOutcome => ({ productId: rec.productId, sku, status: rec.status, version: rec.version, decidedPriceCents: rec.decidedPriceCents });

/**
 * Approves recommendations at their recommended price (or, awaiting a second approval, at the price first approved).
 * All or nothing: one stale or decided recommendation, or a second approval by the first approver, refuses the batch.
 */
export async function approve(db: Db, user: Merchandiser, raw: z.input<typeof approveInput>, locale: Locale = defaultLocale): Promise<DecisionOutcome[]> {
  const input = approveInput.parse(raw);
  return db.transaction(async () => {
    const settings = await getPricingSettings(db);
    const outcomes: DecisionOutcome[] = [];
    for (const item of input.items) {
      const rec = await load(db, input.runId, item.productId);
      const { sku } = await product(db, item.productId);
      await checkVersion(db, rec, item.expectedVersion, sku);
      await checkOpen(db, rec, sku);
      checkNotConflict(rec, sku, locale);
      const price = rec.status === "awaiting_second" ? (rec.decidedPriceCents ?? rec.recommendedPriceCents) : rec.recommendedPriceCents;
      outcomes.push(outcome(await decide(db, user, settings, rec, item.expectedVersion, sku, price, { effectiveFrom: input.effectiveFrom, adjusted: false }), sku));
    }
    return outcomes;
  });
}

/**
 * Approves at a price the merchandiser chose, after checking it against today's guardrails and the product's limits
 * (the optimiser's own guardrailViolations, in dollars). A refusal names each guardrail broken and quotes the one
 * allowed range (or the conflict that leaves none).
 */
export async function adjust(db: Db, user: Merchandiser, raw: z.input<typeof adjustInput>, locale: Locale = defaultLocale): Promise<DecisionOutcome> {
  const input = adjustInput.parse(raw);
  return db.transaction(async () => {
    const rec = await load(db, input.runId, input.productId);
    const item = await product(db, input.productId);
    await checkVersion(db, rec, input.expectedVersion, item.sku);
    await checkOpen(db, rec, item.sku);
    const settings = await getPricingSettings(db);
    const guardrails = guardrailInputFor(rec, item.costCents, settings, await productLimits(db, rec.productId));
    const violations = guardrailViolations(input.priceCents / 100, guardrails);
    if (violations.length > 0) {
      const price = input.priceCents / 100;
      const breaches = violations.map((v) => breachText(v.guardrail, price, guardrails, locale)).join(" ");
      const allowed = allowedText(allowedPrices(guardrails), locale);
      throw new AppError("validation", msg("pricing.errors.outside", { price: createFormat(locale).money(input.priceCents), sku: item.sku, breaches, allowed }), { violations });
    }
    await audit(db, {
      actor: user,
      action: "pricing.adjust",
      entityType: "price_recommendation",
      entityId: rec.id,
      before: { status: rec.status, version: rec.version, recommendedPriceCents: rec.recommendedPriceCents, decidedPriceCents: rec.decidedPriceCents },
      after: { sku: item.sku, priceCents: input.priceCents, reason: input.reason },
    });
    return outcome(await decide(db, user, settings, rec, input.expectedVersion, item.sku, input.priceCents, { effectiveFrom: input.effectiveFrom, reason: input.reason, adjusted: true }), item.sku);
  });
}

export async function reject(db: Db, user: Merchandiser, raw: z.input<typeof rejectInput>): Promise<DecisionOutcome> {
  const input = rejectInput.parse(raw);
  return db.transaction(async () => {
    const rec = await load(db, input.runId, input.productId);
    const { sku } = await product(db, input.productId);
    await checkVersion(db, rec, input.expectedVersion, sku);
    await checkOpen(db, rec, sku);
    const updated = await bump(db, rec, input.expectedVersion, sku, { status: "rejected", decidedPriceCents: null, decidedBy: user.id, decidedAt: new Date(), reason: input.reason });
    await audit(db, {
      actor: user,
      action: "pricing.reject",
      entityType: "price_recommendation",
      entityId: rec.id,
      before: { status: rec.status, version: rec.version, decidedPriceCents: rec.decidedPriceCents },
      after: { sku, status: updated.status, version: updated.version, recommendedPriceCents: rec.recommendedPriceCents, reason: input.reason },
    });
    return outcome(updated, sku);
  });
}
