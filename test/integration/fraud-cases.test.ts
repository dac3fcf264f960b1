/**
 * Risk analysts' review queue on a real (temporary) database, SQLite or PostgreSQL: claims that lapse but are never stolen, decisions
 * with optimistic concurrency and all-or-nothing bulk, escalation, the queue's filters, sorts, paging and
 * next/previous, the case page with linked payments, the per-analyst and per-day aggregates, and the actions' roles.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// test/support/setup-env.ts gives this file its own empty data directory before anything is imported.
vi.mock("next/headers", () => import("../support/request-context"));
import { session } from "../support/request-context";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { and, asc, eq, gt, max } from "drizzle-orm";
import { ZodError } from "zod";
import { bulkDecideAction, claimCaseAction, decideCaseAction } from "@/app/(dashboard)/fraud/actions";
import { getDb, type Db } from "@/lib/db";
import {
  auditLog,
  customers,
  fraudCases,
  fraudRules,
  fraudScores,
  paymentTransactions,
  ruleFields,
  truthTransactions,
  users,
  type CaseStatus,
  type FraudDecision,
  type Role,
  type ScoreReason,
} from "@/lib/schema";
import { AppError, ConflictError } from "@/lib/errors";
import { bulkDecide, caseDetail, CLAIM_IDLE_MS, claimCase, decideCase, releaseCase } from "@/lib/fraud/cases";
import { linkedPayments } from "@/lib/fraud/linked";
import { decisionsByAnalyst, flagVolumeByDay } from "@/lib/fraud/performance";
import { neighbours, QUEUE_PAGE_SIZE, queueFilterSchema, queuePage } from "@/lib/fraud/queue";

type Analyst = { id: number; email: string };
let db: Db;
let ann: Analyst;
let bob: Analyst;
let admin: Analyst;

const HOUR = 3_600_000;
const MIN = 60_000;
const NOW = Date.now();
const at = (ms: number | null) => (ms === null ? null : new Date(ms));

async function addUser(email: string, role: Role): Promise<Analyst> {
  const id = (await db.insert(users).values({ email, name: email, role, passwordHash: "$2b$10$abcdefghijklmnopqrstuuJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce", createdAt: new Date() }).returning({ id: users.id }).get())!.id;
  return { id, email };
}

type PaymentFixture = {
  externalId: string;
  customerId?: number | null;
  createdAt?: number;
  amountCents?: number;
  status?: "approved" | "declined" | "refunded" | "chargeback";
  cardHash?: string;
  email?: string | null;
  deviceId?: string | null;
  ipAddress?: string | null;
  cardTxnCount24h?: number;
};

async function addPayment(p: PaymentFixture): Promise<number> {
  const row = {
    customerId: null,
    createdAt: NOW - 2 * HOUR,
    amountCents: 5000,
    status: "approved" as const,
    cardHash: `card-${p.externalId}`,
    email: `${p.externalId.toLowerCase()}@example.com`,
    deviceId: `dev-${p.externalId}`,
    ipAddress: null,
    cardTxnCount24h: 0,
    ...p,
  };
  return (await db.insert(paymentTransactions).values({ ...row, createdAt: new Date(row.createdAt) }).returning({ id: paymentTransactions.id }).get())!.id;
}

type ScoreFixture = { score: number; decision?: FraudDecision; decidedBy?: "rule" | "model"; ruleId?: number | null; reasons?: ScoreReason[]; createdAt?: number };
async function addScore(paymentId: number, s: ScoreFixture): Promise<number> {
  const values = {
    paymentId,
    score: s.score,
    decision: s.decision ?? "review",
    decidedBy: s.decidedBy ?? "model",
    ruleId: s.ruleId ?? null,
    reasons: s.reasons ?? [{ feature: "amount", text: `amount reason ${s.score}`, contribution: 0.3 }],
    source: "api" as const,
    createdAt: new Date(s.createdAt ?? NOW - HOUR),
  };
  return (await db.insert(fraudScores).values(values).returning({ id: fraudScores.id }).get())!.id;
}

type CaseFixture = { status?: CaseStatus; createdAt?: number; dueAt?: number; assigneeId?: number | null; claimedAt?: number | null; version?: number; decidedBy?: number | null; decidedAt?: number | null };
async function addCase(paymentId: number, scoreId: number, c: CaseFixture = {}): Promise<number> {
  const createdAt = c.createdAt ?? NOW - HOUR;
  const values = {
    paymentId,
    scoreId,
    status: c.status ?? "open",
    assigneeId: c.assigneeId ?? null,
    claimedAt: at(c.claimedAt ?? null),
    dueAt: new Date(c.dueAt ?? createdAt + 24 * HOUR),
    decidedBy: c.decidedBy ?? null,
    decidedAt: at(c.decidedAt ?? null),
    version: c.version ?? 1,
    createdAt: new Date(createdAt),
    updatedAt: new Date(createdAt),
  };
  return (await db.insert(fraudCases).values(values).returning({ id: fraudCases.id }).get())!.id;
}

/** A payment, its score and an open case in one go. */
async function addOpenCase(externalId: string, score: number, options: { payment?: Partial<PaymentFixture>; score?: Partial<ScoreFixture>; case?: CaseFixture } = {}) {
  const paymentId = await addPayment({ externalId, ...options.payment });
  const scoreId = await addScore(paymentId, { score, ...options.score });
  return { paymentId, scoreId, caseId: await addCase(paymentId, scoreId, options.case) };
}

/** Open cases for these payments, one after another (ids in this order). */
async function addOpenCases(externalIds: string[], score: number): Promise<number[]> {
  const out: number[] = [];
  for (const id of externalIds) out.push((await addOpenCase(id, score)).caseId);
  return out;
}

async function addRule(name: string, rule: { kind: "list" | "velocity" | "amount"; field?: (typeof ruleFields)[number]; value?: string; threshold?: number; action: "allow" | "review" | "block"; active?: boolean }): Promise<number> {
  const values = { name, kind: rule.kind, field: rule.field ?? null, value: rule.value ?? null, threshold: rule.threshold ?? null, action: rule.action, active: rule.active !== false, version: 1, createdAt: new Date(NOW), updatedAt: new Date(NOW) };
  return (await db.insert(fraudRules).values(values).returning({ id: fraudRules.id }).get())!.id;
}

const addTruth = (paymentId: number, isFraud: boolean) => db.insert(truthTransactions).values({ transactionId: paymentId, isFraud });

const caseOf = async (id: number) => (await db.select().from(fraudCases).where(eq(fraudCases.id, id)).get())!;
const lastAuditId = async () => (await db.select({ id: max(auditLog.id) }).from(auditLog).get())?.id ?? 0;
const auditSince = (mark: number) => db.select().from(auditLog).where(gt(auditLog.id, mark)).orderBy(asc(auditLog.id)).all();
const auditOf = (caseId: number, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "fraud_case"), eq(auditLog.entityId, String(caseId)), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id))
    .all();
const filter = (params: Record<string, string> = {}) => queueFilterSchema.parse(params);

beforeAll(async () => {
  db = getDb();
  ann = await addUser("ann@test", "risk_analyst");
  bob = await addUser("bob@test", "risk_analyst");
  admin = await addUser("admin@test", "admin");
});

beforeEach(async () => {
  // Every test starts with no payments, scores, cases or rules; the audit log is append-only and kept.
  for (const table of [fraudCases, fraudScores, fraudRules, truthTransactions, paymentTransactions, customers]) await db.delete(table);
  session.userId = null;
});

describe("claims", () => {
  it("claims an unclaimed case without bumping its version, and audits the claim", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    const mark = await lastAuditId();
    const result = await claimCase(db, ann, { caseId });
    expect(result).toMatchObject({ claimed: true, refreshed: false });
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: ann.id, version: 1 });
    expect(await auditSince(mark)).toEqual([expect.objectContaining({ action: "fraud.case.claim", actorEmail: "ann@test", entityId: String(caseId) })]);
  });

  it("does not steal a live claim: the second analyst is told who holds it", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW - 5 * MIN } });
    const result = await claimCase(db, bob, { caseId });
    expect(result).toMatchObject({ claimed: false, heldBy: { userId: ann.id, email: "ann@test" } });
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: ann.id, claimedAt: new Date(NOW - 5 * MIN) });
  });

  it("lets another analyst take a claim idle for longer than 15 minutes", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW - CLAIM_IDLE_MS - MIN } });
    expect(await claimCase(db, bob, { caseId })).toMatchObject({ claimed: true, refreshed: false });
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: bob.id, version: 1 });
    expect((await auditOf(caseId, "fraud.case.claim")).at(-1)?.before).toMatchObject({ assigneeId: ann.id, lapsed: true });
  });

  it("refreshes the analyst's own claim, even a lapsed one, without a new audit entry", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW - 20 * MIN } });
    const mark = await lastAuditId();
    const now = new Date();
    expect(await claimCase(db, ann, { caseId }, now)).toMatchObject({ claimed: true, refreshed: true });
    expect((await caseOf(caseId)).claimedAt).toEqual(now);
    expect(await auditSince(mark)).toEqual([]);
  });

  it("does not claim a closed case", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { status: "fraud", decidedBy: bob.id, decidedAt: NOW } });
    expect(await claimCase(db, ann, { caseId })).toMatchObject({ claimed: false, heldBy: null });
    expect((await caseOf(caseId)).assigneeId).toBeNull();
  });

  it("releases only the analyst's own claim", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW } });
    expect(await releaseCase(db, bob, { caseId })).toEqual({ released: false });
    expect((await caseOf(caseId)).assigneeId).toBe(ann.id);
    expect(await releaseCase(db, ann, { caseId })).toEqual({ released: true });
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: null, claimedAt: null, version: 1 });
  });

  it("refuses an unknown case", async () => {
    await expect(claimCase(db, ann, { caseId: 999 })).rejects.toThrow(AppError);
  });
});

describe("deciding a case", () => {
  it("closes it as fraud with who and when, bumps the version and audits before/after", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    const now = new Date();
    expect(await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "fraud", note: "card tested on 5 accounts" }, now)).toEqual({ caseId, status: "fraud", version: 2 });
    expect(await caseOf(caseId)).toMatchObject({ status: "fraud", decidedBy: ann.id, decidedAt: now, note: "card tested on 5 accounts", version: 2 });
    const [entry] = (await auditOf(caseId, "fraud.case.decide")).slice(-1);
    expect(entry).toMatchObject({ actorEmail: "ann@test", before: { status: "open", version: 1 }, after: { status: "fraud", version: 2, externalId: "PAY-1" } });
  });

  it("refuses the second of two analysts deciding from the same version, names the first decision, and writes nothing", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    const mark = await lastAuditId();
    await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "fraud", note: "stolen card" });
    const stale = () => decideCase(db, bob, { caseId, expectedVersion: 1, decision: "legitimate" });
    await expect(stale()).rejects.toThrow(ConflictError);
    await expect(stale()).rejects.toThrow(/^ann@test decided this case as fraud at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(now version 2\)/);
    expect(await caseOf(caseId)).toMatchObject({ status: "fraud", decidedBy: ann.id, note: "stolen card", version: 2 });
    expect((await auditSince(mark)).map((a) => [a.action, a.actorEmail])).toEqual([["fraud.case.decide", "ann@test"]]);
  });

  it("names an escalation when the version moved because someone escalated", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "escalate", note: "needs the chargeback team" });
    await expect(decideCase(db, bob, { caseId, expectedVersion: 1, decision: "fraud", note: "looks bad" })).rejects.toThrow(/^ann@test escalated this case at .* \(now version 2\)/);
  });

  it("refuses a decision while another analyst holds a live claim, and says who", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW - MIN } });
    const mark = await lastAuditId();
    await expect(decideCase(db, bob, { caseId, expectedVersion: 1, decision: "legitimate" })).rejects.toThrow(/ann@test is working on case/);
    expect(await caseOf(caseId)).toMatchObject({ status: "open", version: 1, assigneeId: ann.id });
    expect(await auditSince(mark)).toEqual([]);
    // The holder may decide; so may anyone once the claim has lapsed.
    expect((await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "legitimate" })).status).toBe("legitimate");
    const lapsed = (await addOpenCase("PAY-2", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW - CLAIM_IDLE_MS - MIN } })).caseId;
    expect((await decideCase(db, bob, { caseId: lapsed, expectedVersion: 1, decision: "legitimate" })).status).toBe("legitimate");
  });

  it("refuses to decide a closed case again", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { status: "legitimate", decidedBy: ann.id, decidedAt: NOW, version: 3 } });
    await expect(decideCase(db, bob, { caseId, expectedVersion: 3, decision: "fraud", note: "changed my mind" })).rejects.toThrow(/ann@test decided this case as legitimate .*closed/);
  });

  it.each([
    ["fraud without a note", { decision: "fraud" }],
    ["escalate with a blank note", { decision: "escalate", note: "   " }],
    ["a note over 1,000 characters", { decision: "legitimate", note: "x".repeat(1001) }],
    ["an unknown decision", { decision: "maybe", note: "hmm hmm" }],
  ])("refuses %s and writes nothing", async (_label, patch) => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    await expect(decideCase(db, ann, { caseId, expectedVersion: 1, ...patch } as Parameters<typeof decideCase>[2])).rejects.toThrow(ZodError);
    expect(await caseOf(caseId)).toMatchObject({ status: "open", version: 1 });
  });

  it("escalation keeps the case in the queue, releases the claim, and lets a colleague decide it", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8, { case: { assigneeId: ann.id, claimedAt: NOW } });
    const mark = await lastAuditId();
    expect(await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "escalate", note: "ring of cards, need a senior" })).toEqual({ caseId, status: "escalated", version: 2 });
    expect(await caseOf(caseId)).toMatchObject({ status: "escalated", assigneeId: null, decidedBy: null, decidedAt: null });
    expect((await auditSince(mark)).map((a) => a.action)).toEqual(["fraud.case.escalate"]);
    expect((await queuePage(db, filter(), ann.id)).rows.map((r) => [r.caseId, r.status])).toEqual([[caseId, "escalated"]]);
    await expect(decideCase(db, bob, { caseId, expectedVersion: 2, decision: "escalate", note: "again" })).rejects.toThrow(/already escalated/);
    expect(await decideCase(db, bob, { caseId, expectedVersion: 2, decision: "fraud", note: "confirmed with issuer" })).toMatchObject({ status: "fraud", version: 3 });
  });

  it("turns decided cases into labels that override the ground truth", async () => {
    const a = await addOpenCase("PAY-1", 0.8, { payment: { cardHash: "shared" } });
    const b = await addOpenCase("PAY-2", 0.3, { payment: { cardHash: "shared" } });
    await addTruth(a.paymentId, false);
    await addTruth(b.paymentId, true);
    const labelOf = async (paymentId: number) => (await linkedPayments(db, paymentId === a.paymentId ? b.paymentId : a.paymentId)).find((l) => l.paymentId === paymentId)?.label;
    expect([await labelOf(a.paymentId), await labelOf(b.paymentId)]).toEqual([0, 1]);
    await decideCase(db, ann, { caseId: a.caseId, expectedVersion: 1, decision: "fraud", note: "confirmed" });
    await decideCase(db, ann, { caseId: b.caseId, expectedVersion: 1, decision: "escalate", note: "unsure" });
    expect([await labelOf(a.paymentId), await labelOf(b.paymentId)]).toEqual([1, 1]);
  });
});

describe("bulk decisions", () => {
  it("decides every case when all versions are current", async () => {
    const ids = await addOpenCases(["PAY-1", "PAY-2", "PAY-3"], 0.6);
    const mark = await lastAuditId();
    const outcomes = await bulkDecide(db, ann, { items: ids.map((caseId) => ({ caseId, expectedVersion: 1 })), decision: "legitimate" });
    expect(outcomes.map((o) => o.status)).toEqual(["legitimate", "legitimate", "legitimate"]);
    expect((await auditSince(mark)).map((a) => a.action)).toEqual(["fraud.case.decide", "fraud.case.decide", "fraud.case.decide"]);
  });

  it("is all or nothing: one stale case refuses the batch and writes nothing", async () => {
    const ids = await addOpenCases(["PAY-1", "PAY-2", "PAY-3"], 0.6);
    await decideCase(db, bob, { caseId: ids[2]!, expectedVersion: 1, decision: "escalate", note: "second look" });
    const mark = await lastAuditId();
    await expect(bulkDecide(db, ann, { items: ids.map((caseId) => ({ caseId, expectedVersion: 1 })), decision: "fraud", note: "same ring" })).rejects.toThrow(/bob@test escalated this case/);
    expect(await Promise.all(ids.map(async (id) => (await caseOf(id)).status))).toEqual(["open", "open", "escalated"]);
    expect(await Promise.all(ids.map(async (id) => (await caseOf(id)).version))).toEqual([1, 1, 2]);
    expect(await auditSince(mark)).toEqual([]);
  });

  it("is all or nothing when one case is claimed by someone else", async () => {
    const free = (await addOpenCase("PAY-1", 0.6)).caseId;
    const held = (await addOpenCase("PAY-2", 0.6, { case: { assigneeId: bob.id, claimedAt: NOW } })).caseId;
    await expect(bulkDecide(db, ann, { items: [{ caseId: free, expectedVersion: 1 }, { caseId: held, expectedVersion: 1 }], decision: "legitimate" })).rejects.toThrow(/bob@test is working on case/);
    expect((await caseOf(free)).status).toBe("open");
  });

  it("refuses a selection that names a case twice, or none", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.6);
    await expect(bulkDecide(db, ann, { items: [{ caseId, expectedVersion: 1 }, { caseId, expectedVersion: 1 }], decision: "legitimate" })).rejects.toThrow(ZodError);
    await expect(bulkDecide(db, ann, { items: [], decision: "legitimate" })).rejects.toThrow(ZodError);
  });
});

describe("the queue", () => {
  async function seedQueue() {
    const model = await addOpenCase("PAY-A", 0.95, { payment: { amountCents: 12000, email: "Alice@Mail.com" }, case: { createdAt: NOW - 5 * HOUR, dueAt: NOW - HOUR } });
    const ruleId = await addRule("Big baskets", { kind: "amount", threshold: 50000, action: "review" });
    const rule = await addOpenCase("PAY-B", 0.4, { payment: { amountCents: 60000 }, score: { decidedBy: "rule", ruleId, reasons: [{ feature: "rule", text: "Amount at or above $500", contribution: 0 }] }, case: { createdAt: NOW - 3 * HOUR } });
    const tieOld = await addOpenCase("PAY-C", 0.7, { payment: { amountCents: 3000 }, case: { createdAt: NOW - 4 * HOUR, assigneeId: ann.id, claimedAt: NOW - MIN } });
    const tieNew = await addOpenCase("PAY-D", 0.7, { payment: { amountCents: 8000 }, case: { createdAt: NOW - 2 * HOUR, assigneeId: bob.id, claimedAt: NOW - CLAIM_IDLE_MS - MIN } });
    const escalated = await addOpenCase("PAY-E", 0.5, { case: { status: "escalated", createdAt: NOW - 6 * HOUR, assigneeId: bob.id, claimedAt: NOW - MIN } });
    const fraud = await addOpenCase("PAY-F", 0.99, { case: { status: "fraud", decidedBy: ann.id, decidedAt: NOW } });
    const legit = await addOpenCase("PAY-G", 0.55, { case: { status: "legitimate", decidedBy: bob.id, decidedAt: NOW } });
    return { model, rule, ruleId, tieOld, tieNew, escalated, fraud, legit };
  }
  const ids = (page: Awaited<ReturnType<typeof queuePage>>) => page.rows.map((r) => r.externalId);

  it("shows open and escalated cases by default, highest score first and the oldest first among equal scores", async () => {
    await seedQueue();
    const page = await queuePage(db, filter(), ann.id);
    expect(ids(page)).toEqual(["PAY-A", "PAY-C", "PAY-D", "PAY-E", "PAY-B"]);
    expect(page).toMatchObject({ total: 5, page: 1, pages: 1, counts: { open: 4, escalated: 1, fraud: 1, legitimate: 1, active: 5, all: 7 } });
  });

  it("describes each row: amount, due and overdue, decided by, top reason, claim", async () => {
    const { ruleId } = await seedQueue();
    const rows = new Map((await queuePage(db, filter(), ann.id)).rows.map((r) => [r.externalId, r]));
    expect(rows.get("PAY-A")).toMatchObject({ amountCents: 12000, overdue: true, decidedBy: "model", ruleName: null, topReason: "amount reason 0.95", assigneeEmail: null, claimLive: false, version: 1 });
    expect(rows.get("PAY-A")!.ageMs).toBeGreaterThanOrEqual(5 * HOUR);
    expect(rows.get("PAY-B")).toMatchObject({ overdue: false, decidedBy: "rule", ruleId, ruleName: "Big baskets", topReason: "Amount at or above $500" });
    expect(rows.get("PAY-C")).toMatchObject({ assigneeEmail: "ann@test", claimLive: true });
    expect(rows.get("PAY-D")).toMatchObject({ assigneeEmail: "bob@test", claimLive: false });
  });

  it.each([
    [{ status: "fraud" }, ["PAY-F"]],
    [{ status: "escalated" }, ["PAY-E"]],
    [{ status: "all" }, ["PAY-F", "PAY-A", "PAY-C", "PAY-D", "PAY-G", "PAY-E", "PAY-B"]],
    [{ minScore: "0.6" }, ["PAY-A", "PAY-C", "PAY-D"]],
    [{ maxScore: "0.6" }, ["PAY-E", "PAY-B"]],
    [{ minScore: "0.5", maxScore: "0.7" }, ["PAY-C", "PAY-D", "PAY-E"]],
    [{ minAmount: "100" }, ["PAY-A", "PAY-B"]],
    [{ maxAmount: "80" }, ["PAY-C", "PAY-D", "PAY-E"]],
    [{ rule: "model" }, ["PAY-A", "PAY-C", "PAY-D", "PAY-E"]],
    [{ assignee: "me" }, ["PAY-C"]],
    [{ assignee: "unassigned" }, ["PAY-A", "PAY-D", "PAY-B"]],
    [{ overdue: "1" }, ["PAY-A"]],
    [{ q: "pay-b" }, ["PAY-B"]],
    [{ q: "alice@mail" }, ["PAY-A"]],
    [{ q: "100%" }, []],
    [{ sort: "amount" }, ["PAY-B", "PAY-A", "PAY-D", "PAY-E", "PAY-C"]],
    [{ sort: "amount", dir: "asc" }, ["PAY-C", "PAY-E", "PAY-D", "PAY-A", "PAY-B"]],
    [{ sort: "age" }, ["PAY-E", "PAY-A", "PAY-C", "PAY-B", "PAY-D"]],
    [{ sort: "age", dir: "asc" }, ["PAY-D", "PAY-B", "PAY-C", "PAY-A", "PAY-E"]],
    [{ sort: "due" }, ["PAY-A", "PAY-E", "PAY-C", "PAY-B", "PAY-D"]],
    [{ sort: "score", dir: "asc" }, ["PAY-B", "PAY-E", "PAY-C", "PAY-D", "PAY-A"]],
  ])("filters and sorts by %o", async (params, expected) => {
    await seedQueue();
    expect(ids(await queuePage(db, filter(params as Record<string, string>), ann.id))).toEqual(expected);
  });

  it("filters by rule id and by another analyst's live claim", async () => {
    const { ruleId } = await seedQueue();
    expect(ids(await queuePage(db, filter({ rule: String(ruleId) }), ann.id))).toEqual(["PAY-B"]);
    // Bob's claim on PAY-D has lapsed; his claim on the escalated PAY-E is live.
    expect(ids(await queuePage(db, filter({ assignee: String(bob.id) }), ann.id))).toEqual(["PAY-E"]);
  });

  it("counts statuses with the other filters applied", async () => {
    await seedQueue();
    expect((await queuePage(db, filter({ minScore: "0.9" }), ann.id)).counts).toEqual({ open: 1, escalated: 0, fraud: 1, legitimate: 0, active: 1, all: 2 });
  });

  it("falls back to no filter on malformed parameters", async () => {
    expect(filter({ status: "nonsense", minScore: "high", maxScore: "", minAmount: "-5", rule: "x", assignee: "everyone", sort: "random", dir: "up", page: "-1" })).toEqual({
      status: "active",
      minScore: undefined,
      maxScore: undefined,
      minAmount: undefined,
      maxAmount: undefined,
      rule: undefined,
      assignee: undefined,
      overdue: false,
      q: undefined,
      sort: "score",
      dir: undefined,
      page: 1,
    });
  });

  it("pages 25 at a time and clamps a page past the end", async () => {
    for (let i = 0; i < 30; i++) await addOpenCase(`PAY-${String(i).padStart(2, "0")}`, 0.5 + i / 100);
    const first = await queuePage(db, filter(), ann.id);
    expect(first).toMatchObject({ total: 30, pages: 2, page: 1 });
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.rows[0]!.externalId).toBe("PAY-29");
    const last = await queuePage(db, filter({ page: "9" }), ann.id);
    expect(last.page).toBe(2);
    expect(ids(last)).toEqual(["PAY-04", "PAY-03", "PAY-02", "PAY-01", "PAY-00"]);
  });

  it("gives the previous and next case in the filter's order, also for a case just decided", async () => {
    const { model, tieOld, tieNew, rule, escalated } = await seedQueue();
    expect(await neighbours(db, filter(), model.caseId, ann.id)).toEqual({ previous: null, next: tieOld.caseId });
    expect(await neighbours(db, filter(), tieNew.caseId, ann.id)).toEqual({ previous: tieOld.caseId, next: escalated.caseId });
    expect(await neighbours(db, filter(), rule.caseId, ann.id)).toEqual({ previous: escalated.caseId, next: null });
    expect(await neighbours(db, filter({ sort: "amount", dir: "asc" }), tieNew.caseId, ann.id)).toEqual({ previous: escalated.caseId, next: model.caseId });
    await decideCase(db, ann, { caseId: tieOld.caseId, expectedVersion: 1, decision: "legitimate" });
    expect(await neighbours(db, filter(), tieOld.caseId, ann.id)).toEqual({ previous: model.caseId, next: tieNew.caseId });
    expect(await neighbours(db, filter({ status: "all" }), 9999, ann.id)).toEqual({ previous: null, next: null });
  });
});

describe("linked payments", () => {
  it("links by card, device, e-mail (ignoring case) and IP, says which, and leaves out the payment itself", async () => {
    const target = await addPayment({ externalId: "T", cardHash: "card-x", deviceId: "dev-x", email: "ring@mail.com", ipAddress: "10.0.0.1", createdAt: NOW - 10 * HOUR });
    await addPayment({ externalId: "CARD", cardHash: "card-x", createdAt: NOW - 1 * HOUR });
    await addPayment({ externalId: "DEVICE", deviceId: "dev-x", createdAt: NOW - 2 * HOUR });
    await addPayment({ externalId: "EMAIL", email: " Ring@Mail.COM", createdAt: NOW - 3 * HOUR });
    await addPayment({ externalId: "IP", ipAddress: "10.0.0.1", createdAt: NOW - 4 * HOUR });
    await addPayment({ externalId: "BOTH", cardHash: "card-x", ipAddress: "10.0.0.1", createdAt: NOW - 5 * HOUR, status: "chargeback" });
    await addPayment({ externalId: "NONE", ipAddress: "10.0.0.2", createdAt: NOW - 6 * HOUR });
    const linked = await linkedPayments(db, target);
    expect(linked.map((l) => [l.externalId, l.links])).toEqual([
      ["CARD", ["card"]],
      ["DEVICE", ["device"]],
      ["EMAIL", ["email"]],
      ["IP", ["ip"]],
      ["BOTH", ["card", "ip"]],
    ]);
    expect(linked.find((l) => l.externalId === "BOTH")).toMatchObject({ status: "chargeback", amountCents: 5000, latestScore: null, caseStatus: null, label: null });
  });

  it("does not link on a missing device or IP", async () => {
    const target = await addPayment({ externalId: "T", deviceId: null, ipAddress: null });
    await addPayment({ externalId: "OTHER", deviceId: null, ipAddress: null });
    expect(await linkedPayments(db, target)).toEqual([]);
  });

  it("shows each linked payment's latest score, case status and known label", async () => {
    const target = await addPayment({ externalId: "T", cardHash: "card-x" });
    const other = await addOpenCase("O", 0.2, { payment: { cardHash: "card-x" }, score: { createdAt: NOW - 3 * HOUR } });
    await addScore(other.paymentId, { score: 0.9, createdAt: NOW - HOUR });
    const truthOnly = await addPayment({ externalId: "TRUTH", cardHash: "card-x" });
    await addTruth(truthOnly, true);
    const linked = new Map((await linkedPayments(db, target)).map((l) => [l.externalId, l]));
    expect(linked.get("O")).toMatchObject({ latestScore: 0.9, caseId: other.caseId, caseStatus: "open", label: null });
    expect(linked.get("TRUTH")).toMatchObject({ latestScore: null, caseStatus: null, label: 1 });
  });

  it("returns at most 50, newest first", async () => {
    const target = await addPayment({ externalId: "T", cardHash: "card-x" });
    for (let i = 0; i < 55; i++) await addPayment({ externalId: `L${i}`, cardHash: "card-x", createdAt: NOW - i * MIN });
    const linked = await linkedPayments(db, target);
    expect(linked).toHaveLength(50);
    expect(linked[0]!.externalId).toBe("L0");
    expect(linked[49]!.externalId).toBe("L49");
  });
});

describe("the case page", () => {
  it("brings the payment, the customer with history, scores newest first, reasons, rules matched and linked payments", async () => {
    await db.insert(customers).values({ id: 1, externalId: "C-1", email: "kim@mail.com", name: "Kim", signupDate: "2024-01-01" });
    const paymentAt = Date.parse("2024-03-01T12:00:00Z");
    const ruleId = await addRule("Block this card", { kind: "list", field: "card", value: "card-k", action: "block" });
    await addRule("Inactive amount rule", { kind: "amount", threshold: 100, action: "review", active: false });
    const velocity = await addRule("Velocity", { kind: "velocity", threshold: 2, action: "review" });
    const { caseId, paymentId, scoreId } = await addOpenCase("PAY-K", 0.7, {
      payment: { customerId: 1, createdAt: paymentAt, cardHash: "card-k", cardTxnCount24h: 3, amountCents: 25000 },
      score: { decidedBy: "rule", ruleId, decision: "block", reasons: [{ feature: "card", text: "Card on the block list", contribution: 0 }], createdAt: paymentAt },
      case: { assigneeId: bob.id, claimedAt: NOW },
    });
    await addScore(paymentId, { score: 0.75, createdAt: paymentAt + HOUR });
    for (let i = 1; i <= 22; i++) await addPayment({ externalId: `K-${i}`, customerId: 1, createdAt: paymentAt - i * HOUR, status: i <= 2 ? "chargeback" : "approved" });
    await addPayment({ externalId: "SAME-CARD", cardHash: "card-k", createdAt: paymentAt - HOUR });

    const detail = (await caseDetail(db, caseId))!;
    expect(detail.case).toMatchObject({ id: caseId, status: "open", version: 1 });
    expect(detail.payment).toMatchObject({ id: paymentId, externalId: "PAY-K", amountCents: 25000, cardHash: "card-k" });
    expect(detail.customer).toMatchObject({ name: "Kim", email: "kim@mail.com", accountAgeDays: 60, lifetimePayments: 23, chargebacks: 2 });
    expect(detail.customer!.otherPayments).toHaveLength(20);
    expect(detail.customer!.otherPayments[0]!.externalId).toBe("K-1");
    expect(detail.scoreHistory.map((s) => s.score)).toEqual([0.75, 0.7]);
    expect(detail.score?.id).toBe(scoreId);
    expect(detail.reasons).toEqual([{ feature: "card", text: "Card on the block list", contribution: 0 }]);
    expect(detail.rules.map((r) => [r.id, r.decidedCase])).toEqual([
      [ruleId, true],
      [velocity, false],
    ]);
    expect(detail.assignee).toMatchObject({ email: "bob@test", live: true });
    expect(detail.linked.map((l) => l.externalId)).toContain("SAME-CARD");
    expect(await caseDetail(db, 9999)).toBeNull();
  });
});

describe("performance aggregates", () => {
  it("counts decisions per analyst with the median time to decide and agreement with the ground truth", async () => {
    const decided = async (externalId: string, status: "fraud" | "legitimate", by: Analyst, hours: number, truth: 0 | 1 | null) => {
      const { paymentId } = await addOpenCase(externalId, 0.5, { case: { status, decidedBy: by.id, createdAt: NOW - 100 * HOUR, decidedAt: NOW - 100 * HOUR + hours * HOUR, version: 2 } });
      if (truth !== null) await addTruth(paymentId, truth === 1);
    };
    await decided("A1", "fraud", ann, 1, 1);
    await decided("A2", "fraud", ann, 2, 0);
    await decided("A3", "legitimate", ann, 6, 0);
    await decided("A4", "legitimate", ann, 10, null);
    await decided("B1", "fraud", bob, 3, 1);
    const before = (await decisionsByAnalyst(db)).find((s) => s.userId === bob.id)?.escalated ?? 0;
    const { caseId } = await addOpenCase("E1", 0.5);
    await decideCase(db, bob, { caseId, expectedVersion: 1, decision: "escalate", note: "over to ann" });

    const stats = new Map((await decisionsByAnalyst(db)).map((s) => [s.email, s]));
    expect(stats.get("ann@test")).toMatchObject({ fraud: 2, legitimate: 2, medianDecideMs: 4 * HOUR, withTruth: 3, agreement: 2 / 3 });
    expect(stats.get("bob@test")).toMatchObject({ fraud: 1, legitimate: 0, escalated: before + 1, medianDecideMs: 3 * HOUR, withTruth: 1, agreement: 1 });
  });

  it("counts allowed, reviewed and blocked payments per day by each payment's latest score", async () => {
    const day = (iso: string, hour = 12) => Date.parse(`${iso}T${String(hour).padStart(2, "0")}:00:00Z`);
    const scored = async (id: string, at: number, ...decisions: FraudDecision[]) => {
      const paymentId = await addPayment({ externalId: id, createdAt: at });
      for (const [i, decision] of decisions.entries()) await addScore(paymentId, { score: 0.5, decision, createdAt: at + i * HOUR });
    };
    await scored("P1", day("2024-05-10"), "allow");
    await scored("P2", day("2024-05-10", 23), "review", "block"); // rescored: counts once, as blocked
    await scored("P3", day("2024-05-09"), "review");
    await scored("P4", day("2024-03-01"), "block"); // before the window
    await addPayment({ externalId: "UNSCORED", createdAt: day("2024-05-11") });
    const volume = await flagVolumeByDay(db);
    expect(volume).toHaveLength(60);
    expect(volume.at(-1)).toEqual({ day: "2024-05-10", allow: 1, review: 0, block: 1 });
    expect(volume.at(-2)).toEqual({ day: "2024-05-09", allow: 0, review: 1, block: 0 });
    expect(volume[0]).toEqual({ day: "2024-03-12", allow: 0, review: 0, block: 0 });
    expect(volume.reduce((s, d) => s + d.allow + d.review + d.block, 0)).toBe(3);
  });
});

describe("actions", () => {
  it("lets risk analysts decide and refuses admins, who see the fraud area read-only", async () => {
    const { caseId } = await addOpenCase("PAY-1", 0.8);
    session.userId = admin.id;
    expect(await decideCaseAction({ caseId, expectedVersion: 1, decision: "legitimate" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await claimCaseAction({ caseId })).toMatchObject({ ok: false, code: "forbidden" });
    session.userId = null;
    expect(await decideCaseAction({ caseId, expectedVersion: 1, decision: "legitimate" })).toMatchObject({ ok: false, code: "unauthenticated" });
    session.userId = ann.id;
    expect(await claimCaseAction({ caseId })).toEqual({ ok: true, data: { claimed: true, version: 1 } });
    expect(await decideCaseAction({ caseId, expectedVersion: 1, decision: "fraud" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { note: [expect.any(String)] } });
    expect(await decideCaseAction({ caseId, expectedVersion: 1, decision: "fraud", note: "stolen card" })).toEqual({ ok: true, data: { caseId, status: "fraud", version: 2 } });
    session.userId = bob.id;
    expect(await bulkDecideAction({ items: [{ caseId, expectedVersion: 1 }], decision: "legitimate" })).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/ann@test decided this case as fraud/) });
  });
});
