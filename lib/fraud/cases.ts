import { and, count, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { auditLog, customers, fraudCases, fraudRules, fraudScores, modelVersions, paymentTransactions, type CaseStatus, type FraudCase } from "@/lib/schema";
import { userEmail } from "@/lib/auth/users";
import { audit, type Actor } from "@/lib/audit";
import { DAY_MS, startOfDayMs } from "@/lib/dates";
import { AppError, ConflictError } from "@/lib/errors";
import { msg, type Message } from "@/lib/i18n/message";
import { LABEL_JOINS, LABEL_SQL, linkedPayments } from "./linked";
import type { ReasonRecord } from "./reasons";
import { activeRules, ruleMatches } from "./rules";

/**
 * Analysts' work on review cases.
 *
 * Claims: the analyst's first action on a case claims it ("Take case", starting a note), so two analysts do not work
 * the same payment; merely opening or paging past a case claims nothing, and leaving it releases the claim (the case
 * page sends a beacon to /api/fraud/release). A decision needs no claim of its own: it takes the case, decides and
 * clears the claim in one guarded write, refused only while someone else holds a live claim. A claim lapses after
 * CLAIM_IDLE_MS without being refreshed (claiming again refreshes it); a live claim is never stolen. A claim does NOT
 * bump the case version: the version says "the decision state changed". If claims bumped it, an analyst who merely
 * had the case open while a colleague glanced at it (and claimed it after the first claim lapsed) would be refused as
 * stale although nothing was decided; and every re-open would invalidate the analyst's own other tabs. Claims are
 * enforced separately, at decision time: a live claim by someone else refuses the decision and says who holds it.
 *
 * Decisions: fraud / legitimate close the case (decidedBy/At) and become training labels; escalate hands the case
 * on (status escalated, still in the queue, claim released). Each names the version the analyst saw; the check and
 * the write are one UPDATE … WHERE version = expected, so of two analysts deciding at once exactly one wins and the
 * other is told who decided what and when.
 */

export const CLAIM_IDLE_MS = 15 * 60 * 1000;

export type CaseUser = Actor & { id: number };
const ACTIVE: CaseStatus[] = ["open", "escalated"];
const isActive = (c: FraudCase) => ACTIVE.includes(c.status);

const caseId = z.number().int().positive();
export const claimInput = z.object({ caseId });
export const releaseInput = z.object({ caseId });

export const caseDecisions = ["fraud", "legitimate", "escalate"] as const;
export type CaseDecision = (typeof caseDecisions)[number];

const note = z.string().trim().max(1000, "fraud.validation.noteTooLong").optional();
/** A fraud label trains the model and an escalation goes to someone else: both need a reason. Legitimate may go without. */
const noteRequired = (v: { decision: CaseDecision; note?: string }) => v.decision === "legitimate" || (v.note?.length ?? 0) >= 3;
const noteMessage = { message: "fraud.validation.noteRequired", path: ["note"] };
const decision = z.enum(caseDecisions, { error: "fraud.validation.decision" });

export const decideInput = z.object({ caseId, expectedVersion: z.number().int().positive(), decision, note }).refine(noteRequired, noteMessage);
export const bulkDecideInput = z
  .object({
    items: z
      .array(z.object({ caseId, expectedVersion: z.number().int().positive() }))
      .min(1, "fraud.validation.chooseCase")
      .max(200, "fraud.validation.tooManyCases")
      .refine((items) => new Set(items.map((i) => i.caseId)).size === items.length, "fraud.validation.duplicateCase"),
    decision,
    note,
  })
  .refine(noteRequired, noteMessage);

/** An instant inside an error message: "2026-01-05 14:03 UTC" (the same in every language; messages carry no time zone). */
const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

async function emailOf(db: Db, id: number | null): Promise<string> {
  if (id === null) return "the system";
  return (await userEmail(db, id)) ?? `user ${id}`;
}

async function loadCase(db: Db, id: number): Promise<FraudCase> {
  const row = await db.select().from(fraudCases).where(eq(fraudCases.id, id)).get();
  if (!row) throw new AppError("not_found", msg("fraud.errors.noCase", { id }));
  return row;
}

const claimIsLive = (c: FraudCase, now: number) => c.assigneeId !== null && c.claimedAt !== null && c.claimedAt.getTime() > now - CLAIM_IDLE_MS;

// ---- claims ----

export type ClaimResult =
  | { claimed: true; case: FraudCase; refreshed: boolean }
  /** heldBy null: the case is closed and cannot be claimed. */
  | { claimed: false; case: FraudCase; heldBy: { userId: number; email: string; claimedAt: Date } | null };

/** Claims the case for `user` if nobody holds a live claim (or refreshes the user's own). Never steals a live claim. */
export async function claimCase(db: Db, user: CaseUser, raw: z.input<typeof claimInput>, now = new Date()): Promise<ClaimResult> {
  const input = claimInput.parse(raw);
  return db.transaction(async (): Promise<ClaimResult> => {
    const before = await loadCase(db, input.caseId);
    if (!isActive(before)) return { claimed: false, case: before, heldBy: null };
    const updated = await db
      .update(fraudCases)
      .set({ assigneeId: user.id, claimedAt: now })
      .where(
        and(
          eq(fraudCases.id, before.id),
          inArray(fraudCases.status, ACTIVE),
          or(isNull(fraudCases.assigneeId), eq(fraudCases.assigneeId, user.id), isNull(fraudCases.claimedAt), lte(fraudCases.claimedAt, new Date(now.getTime() - CLAIM_IDLE_MS))),
        ),
      )
      .returning()
      .get();
    if (!updated) {
      const current = await loadCase(db, before.id);
      return { claimed: false, case: current, heldBy: { userId: current.assigneeId!, email: await emailOf(db, current.assigneeId), claimedAt: current.claimedAt! } };
    }
    const refreshed = before.assigneeId === user.id;
    // A refresh is the same person still at work: only a change of hands goes to the audit trail.
    if (!refreshed) {
      await audit(db, {
        actor: user,
        action: "fraud.case.claim",
        entityType: "fraud_case",
        entityId: before.id,
        before: { assigneeId: before.assigneeId, claimedAt: before.claimedAt?.getTime() ?? null, lapsed: before.assigneeId !== null },
        after: { assigneeId: user.id, claimedAt: now.getTime() },
      });
    }
    return { claimed: true, case: updated, refreshed };
  });
}

/** Gives the user's own claim back (a no-op when they do not hold it). */
export async function releaseCase(db: Db, user: CaseUser, raw: z.input<typeof releaseInput>): Promise<{ released: boolean }> {
  const input = releaseInput.parse(raw);
  return db.transaction(async () => {
    const before = await loadCase(db, input.caseId);
    const updated = await db
      .update(fraudCases)
      .set({ assigneeId: null, claimedAt: null })
      .where(and(eq(fraudCases.id, before.id), eq(fraudCases.assigneeId, user.id)))
      .returning()
      .get();
    if (updated) await audit(db, { actor: user, action: "fraud.case.release", entityType: "fraud_case", entityId: before.id, before: { assigneeId: before.assigneeId, claimedAt: before.claimedAt?.getTime() ?? null }, after: { assigneeId: null } });
    return { released: Boolean(updated) };
  });
}

// ---- decisions ----

/** "anna@… decided this case as fraud at 2026-01-05 14:03 UTC": what moved the case on since the analyst's version. */
async function describeChange(db: Db, c: FraudCase): Promise<{ key: "decidedBy" | "decidedByAt" | "escalatedBy" | "changedAt"; values: Record<string, string> }> {
  if ((c.status === "fraud" || c.status === "legitimate") && c.decidedBy !== null) {
    const email = await emailOf(db, c.decidedBy);
    return c.decidedAt ? { key: "decidedByAt", values: { email, status: c.status, at: utc(c.decidedAt) } } : { key: "decidedBy", values: { email, status: c.status } };
  }
  const last = await db
    .select({ email: auditLog.actorEmail, at: auditLog.at, action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "fraud_case"), eq(auditLog.entityId, String(c.id)), inArray(auditLog.action, ["fraud.case.decide", "fraud.case.escalate"])))
    .orderBy(desc(auditLog.id))
    .get();
  if (last?.action === "fraud.case.escalate" && c.status === "escalated") return { key: "escalatedBy", values: { email: last.email, at: utc(last.at) } };
  return { key: "changedAt", values: { at: utc(c.updatedAt) } };
}

/**
 * A refusal naming what changed: `stale` or `closed` around one of the change sentences. ICU cannot nest one message
 * in another, so the sentence is spelled out per case (the keys are the product of the two).
 */
async function changeMessage(db: Db, c: FraudCase, frame: "stale" | "closed"): Promise<Message> {
  const change = await describeChange(db, c);
  return msg(`fraud.errors.${frame}.${change.key}`, { ...change.values, version: c.version });
}

async function stale(db: Db, c: FraudCase): Promise<ConflictError> {
  return new ConflictError(await changeMessage(db, c, "stale"), { caseId: c.id, status: c.status, version: c.version });
}

export type DecisionOutcome = { caseId: number; status: CaseStatus; version: number };

/** One decision inside the caller's transaction: checks, one guarded UPDATE, one audit entry. */
async function decideOne(db: Db, user: CaseUser, item: { caseId: number; expectedVersion: number }, decision: CaseDecision, noteText: string | undefined, now: Date): Promise<DecisionOutcome> {
  const c = await loadCase(db, item.caseId);
  if (c.version !== item.expectedVersion) throw await stale(db, c);
  if (!isActive(c)) throw new ConflictError(await changeMessage(db, c, "closed"), { caseId: c.id, status: c.status, version: c.version });
  if (decision === "escalate" && c.status === "escalated") throw new AppError("validation", msg("fraud.errors.alreadyEscalated", { id: c.id }));
  if (claimIsLive(c, now.getTime()) && c.assigneeId !== user.id) {
    const holder = await emailOf(db, c.assigneeId);
    throw new ConflictError(msg("fraud.errors.heldBy", { email: holder, id: c.id, at: utc(c.claimedAt!) }), { caseId: c.id, heldBy: { userId: c.assigneeId, email: holder } });
  }
  const status: CaseStatus = decision === "escalate" ? "escalated" : decision;
  const closing = decision !== "escalate";
  const updated = await db
    .update(fraudCases)
    .set({
      status,
      note: noteText || null,
      // Escalating hands the case on; closing ends the work: either way nobody holds it any more.
      assigneeId: null,
      claimedAt: null,
      ...(closing ? { decidedBy: user.id, decidedAt: now } : {}),
      version: item.expectedVersion + 1,
      updatedAt: now,
    })
    .where(and(eq(fraudCases.id, c.id), eq(fraudCases.version, item.expectedVersion)))
    .returning()
    .get();
  if (!updated) throw await stale(db, await loadCase(db, c.id));
  const payment = await db.select({ externalId: paymentTransactions.externalId }).from(paymentTransactions).where(eq(paymentTransactions.id, c.paymentId)).get();
  await audit(db, {
    actor: user,
    action: closing ? "fraud.case.decide" : "fraud.case.escalate",
    entityType: "fraud_case",
    entityId: c.id,
    before: { status: c.status, version: c.version, assigneeId: c.assigneeId, note: c.note },
    after: { status: updated.status, version: updated.version, note: updated.note, paymentId: c.paymentId, externalId: payment?.externalId ?? null },
  });
  return { caseId: updated.id, status: updated.status, version: updated.version };
}

export async function decideCase(db: Db, user: CaseUser, raw: z.input<typeof decideInput>, now = new Date()): Promise<DecisionOutcome> {
  const input = decideInput.parse(raw);
  return db.transaction(() => decideOne(db, user, input, input.decision, input.note, now));
}

/** The same decision on many cases; all or nothing: one stale, closed or claimed-by-someone-else case refuses the batch. */
export async function bulkDecide(db: Db, user: CaseUser, raw: z.input<typeof bulkDecideInput>, now = new Date()): Promise<DecisionOutcome[]> {
  const input = bulkDecideInput.parse(raw);
  return db.transaction(async () => {
    const outcomes: DecisionOutcome[] = [];
    for (const item of input.items) outcomes.push(await decideOne(db, user, item, input.decision, input.note, now));
    return outcomes;
  });
}

// ---- the case page ----

type PaymentSummary = { paymentId: number; externalId: string; createdAt: Date; amountCents: number; status: string; latestScore: number | null; caseStatus: CaseStatus | null; label: 0 | 1 | null };

type CustomerTotals = { payments: number; chargebacks: number | null; refunds: number | null };

/** A customer's payments, chargebacks and refunds: conditional sums (null without payments, as SUM is). */
function customerTotals(db: Db, customerId: number): Promise<CustomerTotals | undefined> {
  const p = paymentTransactions;
  return db
    .select({
      payments: count(),
      chargebacks: sql<number | null>`sum(case when ${p.status} = 'chargeback' then 1 else 0 end)`.mapWith((v: unknown) => (v === null ? null : Number(v))),
      refunds: sql<number | null>`sum(case when ${p.status} = 'refunded' then 1 else 0 end)`.mapWith((v: unknown) => (v === null ? null : Number(v))),
    })
    .from(p)
    .where(eq(p.customerId, customerId))
    .get();
}

type OtherPaymentRow = Omit<PaymentSummary, "createdAt" | "label"> & { createdAt: number; label: number | null };

/**
 * The customer's 20 latest payments other than `paymentId`, each with its latest score and label. Raw SQL: the label
 * is the LABEL_SQL text the linked payments and the rule backtest share (a CASE over two joins).
 */
function otherPaymentsOf(db: Db, customerId: number, paymentId: number): Promise<OtherPaymentRow[]> {
  return db.all<OtherPaymentRow>(
    sql`SELECT p.id AS "paymentId", p.external_id AS "externalId", p.created_at AS "createdAt", p.amount_cents AS "amountCents", p.status AS "status",
              (SELECT s.score FROM fraud_scores s WHERE s.payment_id = p.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS "latestScore",
              lc.status AS "caseStatus", ${sql.raw(LABEL_SQL)} AS "label"
         FROM payment_transactions p ${sql.raw(LABEL_JOINS)}
        WHERE p.customer_id = ${customerId} AND p.id <> ${paymentId} ORDER BY p.created_at DESC, p.id DESC LIMIT 20`,
  );
}

async function customerOf(db: Db, customerId: number, paymentId: number, paymentAt: Date) {
  const customer = await db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) return null;
  const totals = await customerTotals(db, customerId);
  const others = await otherPaymentsOf(db, customerId, paymentId);
  const signup = customer.signupDate ? startOfDayMs(customer.signupDate) : Number.NaN;
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    country: customer.country,
    signupDate: customer.signupDate,
    /** Whole days from sign-up to this payment (what was known when it was made). */
    accountAgeDays: Number.isFinite(signup) ? Math.max(0, Math.floor((paymentAt.getTime() - signup) / DAY_MS)) : null,
    lifetimePayments: totals?.payments ?? 0,
    chargebacks: totals?.chargebacks ?? 0,
    refunds: totals?.refunds ?? 0,
    otherPayments: others.map((o): PaymentSummary => ({ ...o, createdAt: new Date(Number(o.createdAt)), label: o.label === null ? null : Number(o.label) ? 1 : 0 })),
  };
}

/** Everything the case page shows; null when there is no such case. */
export async function caseDetail(db: Db, id: number, now = new Date()) {
  const c = await db.select().from(fraudCases).where(eq(fraudCases.id, id)).get();
  if (!c) return null;
  const payment = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.id, c.paymentId)).get())!;
  const scoreHistory = (
    await db
      .select({ score: fraudScores, ruleName: fraudRules.name, modelVersion: modelVersions.version })
      .from(fraudScores)
      .leftJoin(fraudRules, eq(fraudRules.id, fraudScores.ruleId))
      .leftJoin(modelVersions, eq(modelVersions.id, fraudScores.modelVersionId))
      .where(eq(fraudScores.paymentId, c.paymentId))
      .orderBy(desc(fraudScores.createdAt), desc(fraudScores.id))
      .all()
  ).map((r) => ({ ...r.score, ruleName: r.ruleName, modelVersion: r.modelVersion }));
  const caseScore = scoreHistory.find((s) => s.id === c.scoreId) ?? null;
  // Rules matched: the active rules that match the payment now, plus the rule that decided the case's score.
  const matching = (await activeRules(db)).filter((r) => ruleMatches(r, payment));
  const decidingRule = caseScore?.ruleId ? await db.select().from(fraudRules).where(eq(fraudRules.id, caseScore.ruleId)).get() : undefined;
  const rules = [...(decidingRule && !matching.some((r) => r.id === decidingRule.id) ? [decidingRule] : []), ...matching].map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    field: r.field,
    value: r.value,
    threshold: r.threshold,
    action: r.action,
    active: r.active,
    decidedCase: r.id === decidingRule?.id,
  }));
  return {
    case: c,
    assignee: c.assigneeId === null ? null : { id: c.assigneeId, email: await emailOf(db, c.assigneeId), claimedAt: c.claimedAt, live: claimIsLive(c, now.getTime()) },
    decidedByEmail: c.decidedBy === null ? null : await emailOf(db, c.decidedBy),
    overdue: isActive(c) && c.dueAt.getTime() < now.getTime(),
    payment,
    customer: payment.customerId === null ? null : await customerOf(db, payment.customerId, payment.id, payment.createdAt),
    score: caseScore,
    reasons: (caseScore?.reasons ?? []) as ReasonRecord[],
    scoreHistory,
    rules,
    linked: await linkedPayments(db, payment.id),
  };
}
export type CaseDetail = NonNullable<Awaited<ReturnType<typeof caseDetail>>>;
