import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { isTransientDbError } from "@/db/retry";
import { fraudCases, fraudScores, modelVersions, paymentTransactions, type FraudDecision, type ScoreReason } from "@/lib/schema";
import { samePayment, type PaymentValues } from "./payment-input";
import type { PaymentDecision, ScoringContext } from "./decide";

/**
 * Where decided payments meet the database (below scoring.ts; imports only decide.ts's types). `writeScores` stores
 * scores and review cases for the API and the batch job alike (multi-row inserts: the hot path). For the API, the
 * insert-or-read inside the write transaction: the web app and the dedicated scoring process (two processes, one
 * database) may receive the same new transaction id at the same moment; whatever either read before its transaction, the transaction is where it is decided, one payment at a time:
 * - the id is new: the payment is inserted (`ON CONFLICT DO NOTHING`) and scored;
 * - the other process stored it meanwhile with other details: a conflict;
 * - it is stored and already scored (by the other process meanwhile, or before): that stored result, no second score;
 * - it is stored and unscored (seeded, imported): scored, its row left as it is.
 * One payment's error fails that payment only.
 */

export type ScoredPayment = {
  transactionId: string;
  score: number;
  decision: FraudDecision;
  decidedBy: "rule" | "model";
  ruleId: number | null;
  reasons: ScoreReason[];
  anomaly: number | null;
  /** The registry's version number of the model that scored it. */
  modelVersion: number | null;
};

export type ScoreOutcome = (ScoredPayment & { status: "scored" | "idempotent" }) | { status: "conflict"; transactionId: string; message: string };

/** An outcome, or the error that failed this one payment (the batch's others unharmed). */
export type SettledPayment = ScoreOutcome | { status: "failed"; transactionId: string; error: unknown };

/** A decided payment to store: its values, its row when one was found before the transaction, and the decision. */
export type DecidedPayment = { values: PaymentValues; paymentId: number | null; decision: PaymentDecision };

export function conflictOutcome(transactionId: string): ScoreOutcome {
  return { status: "conflict", transactionId, message: `Payment ${transactionId} was already received with different details; a transaction id may not be reused.` };
}

/**
 * Stores decided payments and their scores: all in one transaction (BEGIN IMMEDIATE on SQLite: what it reads is what
 * it writes against; on PostgreSQL the insert's ON CONFLICT waits for the other process's insert, and a stored payment
 * is locked FOR UPDATE before its scores are read). Should one payment's write fail, that transaction is rolled back
 * and each payment is written in a transaction of its own, so only that payment fails. (Not a savepoint per payment on
 * the happy path: measured, that tripled the write time of a 256-payment batch.) A transient database error
 * (SQLITE_BUSY) is nobody's fault: it is thrown, for the caller to try again.
 */
export async function settleDecided(db: Db, context: ScoringContext, decided: readonly DecidedPayment[], now: Date): Promise<SettledPayment[]> {
  // Nothing to write (repeats and conflicts only): no need to wait for the write lock.
  if (decided.length === 0) return [];
  const settle = async (payment: DecidedPayment): Promise<ScoreOutcome> => {
    const { values, decision } = payment;
    const score = async (paymentId: number): Promise<ScoreOutcome> => {
      await writeScores(db, context, [{ paymentId, decision }], "api", now);
      return { status: "scored", transactionId: values.externalId, ...decision, modelVersion: context.scorer.version.version };
    };
    let paymentId = payment.paymentId;
    if (paymentId === null) {
      const inserted = await insertNew(db, values, decision.decision === "block" ? "declined" : "approved");
      if (inserted !== null) return score(inserted);
      // The other process stored this transaction id after we looked.
      const row = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, values.externalId)).get())!;
      if (!samePayment(row, values)) return conflictOutcome(values.externalId);
      paymentId = row.id;
    }
    // PostgreSQL: the other process may be scoring this stored payment right now; its row lock makes this wait until
    // that transaction ends, and the read below then sees its score. (SQLite: the IMMEDIATE transaction already
    // excludes every other writer.)
    if (db.dialect === "postgres") await db.run(sql`SELECT ${paymentTransactions.id} FROM ${paymentTransactions} WHERE ${paymentTransactions.id} = ${paymentId} FOR UPDATE`);
    const stored = (await latestResults(db, [paymentId])).get(paymentId);
    return stored ? { status: "idempotent", ...stored } : score(paymentId);
  };
  try {
    return await db.transaction(async () => {
      const out: ScoreOutcome[] = [];
      for (const payment of decided) out.push(await settle(payment));
      return out;
    });
  } catch (error) {
    if (isTransientDbError(error)) throw error;
  }
  const out: SettledPayment[] = [];
  for (const payment of decided) {
    try {
      out.push(await db.transaction(() => settle(payment)));
    } catch (error) {
      if (isTransientDbError(error)) throw error;
      out.push({ status: "failed", transactionId: payment.values.externalId, error });
    }
  }
  return out;
}

/** The latest score of each payment, as the API returns it. */
export async function latestResults(db: Db, paymentIds: number[]): Promise<Map<number, ScoredPayment>> {
  const out = new Map<number, ScoredPayment>();
  if (paymentIds.length === 0) return out;
  const rows = await db
    .select({ s: fraudScores, externalId: paymentTransactions.externalId, version: modelVersions.version })
    .from(fraudScores)
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, fraudScores.paymentId))
    .leftJoin(modelVersions, eq(modelVersions.id, fraudScores.modelVersionId))
    .where(inArray(fraudScores.paymentId, paymentIds))
    .orderBy(asc(fraudScores.createdAt), asc(fraudScores.id))
    .all();
  // Oldest first: a later score of the same payment replaces an earlier one.
  for (const { s, externalId, version } of rows) {
    out.set(s.paymentId, {
      transactionId: externalId,
      score: s.score,
      decision: s.decision,
      decidedBy: s.decidedBy,
      ruleId: s.ruleId,
      reasons: s.reasons,
      anomaly: s.anomaly,
      modelVersion: version ?? null,
    });
  }
  return out;
}

/** Inserts the payment unless its transaction id is stored already (ON CONFLICT DO NOTHING answers "was it new?"): the new row's id, or null. */
async function insertNew(db: Db, v: PaymentValues, status: "approved" | "declined"): Promise<number | null> {
  const inserted = await db
    .insert(paymentTransactions)
    .values({
      externalId: v.externalId,
      customerId: v.customerId,
      channelId: v.channelId,
      createdAt: v.createdAt,
      amountCents: v.amountCents,
      currency: v.currency,
      status,
      cardHash: v.cardHash,
      cardBin: v.cardBin,
      cardCountry: v.cardCountry,
      email: v.email,
      deviceId: v.deviceId,
      ipAddress: v.ipAddress,
      ipCountry: v.ipCountry,
      billingCountry: v.billingCountry,
      shippingCountry: v.shippingCountry,
      accountAgeDays: v.accountAgeDays,
      isNewDevice: v.isNewDevice,
      cardTxnCount24h: v.cardTxnCount24h,
      deviceAccountCount: v.deviceAccountCount,
      amountToCustomerAvg: v.amountToCustomerAvg,
      hourOfDay: v.hourOfDay,
      source: "api",
    })
    .onConflictDoNothing({ target: paymentTransactions.externalId })
    .returning({ id: paymentTransactions.id })
    .get();
  return inserted?.id ?? null;
}

export type ScoreSource = "api" | "batch";

/** One decided payment to store: its payment row id and the decision. */
export type ScoreWrite = { paymentId: number; decision: PaymentDecision };

/**
 * Rows per multi-row INSERT: 10 values a score row, well under SQLite's and PostgreSQL's limits on bound values
 * (32,766 and 65,535), while a chunk of the batch job (16,384 payments) still takes few statements.
 */
const INSERT_ROWS = 1000;

/**
 * Writes fraud_scores rows (and an open case for each review decision) for decided payments. Call inside a
 * transaction: the API writes a micro-batch, the batch job a chunk, each in one. Returns the score ids in order.
 */
export async function writeScores(db: Db, context: ScoringContext, writes: readonly ScoreWrite[], source: ScoreSource, now: Date): Promise<{ scoreIds: number[]; casesOpened: number }> {
  const dueAt = new Date(now.getTime() + context.settings.reviewHours * 3_600_000);
  const modelVersionId = context.scorer.version.id;
  const scoreIds: number[] = [];
  let casesOpened = 0;
  for (const part of insertParts(writes)) {
    // Each part names a payment once, so the returned rows are matched to the writes by payment (RETURNING's row
    // order is not promised).
    const inserted = await db
      .insert(fraudScores)
      .values(
        part.map(({ paymentId, decision: d }) => ({
          paymentId,
          modelVersionId,
          score: d.score,
          anomaly: d.anomaly,
          decision: d.decision,
          decidedBy: d.decidedBy,
          ruleId: d.ruleId,
          reasons: d.reasons,
          source,
          createdAt: now,
        })),
      )
      .returning({ id: fraudScores.id, paymentId: fraudScores.paymentId });
    const idOf = new Map(inserted.map((r) => [r.paymentId, r.id]));
    const ids = part.map((w) => idOf.get(w.paymentId)!);
    scoreIds.push(...ids);
    const cases = part.flatMap((w, i) => (w.decision.decision === "review" ? [{ paymentId: w.paymentId, scoreId: ids[i]! }] : []));
    if (cases.length > 0) {
      // A payment already in the queue (scored again later) keeps its case.
      const opened = await db
        .insert(fraudCases)
        .values(cases.map((c) => ({ ...c, status: "open" as const, dueAt, version: 1, createdAt: now, updatedAt: now })))
        .onConflictDoNothing({ target: fraudCases.paymentId })
        .run();
      casesOpened += opened.changes;
    }
  }
  return { scoreIds, casesOpened };
}

/** The writes in order, cut into parts of at most INSERT_ROWS that name each payment at most once. */
function insertParts(writes: readonly ScoreWrite[]): ScoreWrite[][] {
  const parts: ScoreWrite[][] = [];
  let part: ScoreWrite[] = [];
  let seen = new Set<number>();
  for (const write of writes) {
    if (part.length >= INSERT_ROWS || seen.has(write.paymentId)) {
      parts.push(part);
      part = [];
      seen = new Set();
    }
    part.push(write);
    seen.add(write.paymentId);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
