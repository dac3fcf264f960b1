import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { isTransientDbError } from "@/db/retry";
import { fraudScores, modelVersions, paymentTransactions, type FraudDecision, type ScoreReason } from "@/lib/schema";
import { samePayment, type PaymentValues } from "./payment-input";
import { perConnection } from "@/lib/prepared";
import type { PaymentDecision, ScoringContext } from "./decide";

/**
 * Where decided payments meet the database (below scoring.ts; imports only decide.ts's types). `writeScores` stores
 * scores and review cases for the API and the batch job alike (prepared statements: the hot path). For the API, the
 * insert-or-read inside the write transaction: the web app and the dedicated scoring process (two processes, one
 * SQLite file) may receive the same new transaction id at the same moment; whatever either read before its transaction, the transaction is where it is decided, one payment at a time:
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
 * Stores decided payments and their scores: all in one IMMEDIATE transaction (what it reads is what it writes
 * against). Should one payment's write fail, that transaction is rolled back and each payment is written in a
 * transaction of its own, so only that payment fails. (Not a savepoint per payment on the happy path: measured, that
 * tripled the write time of a 256-payment batch.) A transient database error (SQLITE_BUSY) is nobody's fault: it is
 * thrown, for the caller to try again.
 */
export function settleDecided(db: Db, context: ScoringContext, decided: readonly DecidedPayment[], now: Date): SettledPayment[] {
  // Nothing to write (repeats and conflicts only): no need to wait for the write lock.
  if (decided.length === 0) return [];
  const settle = (payment: DecidedPayment): ScoreOutcome => {
    const { values, decision } = payment;
    const score = (paymentId: number): ScoreOutcome => {
      writeScores(db, context, [{ paymentId, decision }], "api", now);
      return { status: "scored", transactionId: values.externalId, ...decision, modelVersion: context.scorer.version.version };
    };
    let paymentId = payment.paymentId;
    if (paymentId === null) {
      const inserted = insertNew(db, values, decision.decision === "block" ? "declined" : "approved");
      if (inserted !== null) return score(inserted);
      // The other process stored this transaction id after we looked.
      const row = db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, values.externalId)).get()!;
      if (!samePayment(row, values)) return conflictOutcome(values.externalId);
      paymentId = row.id;
    }
    const stored = latestResults(db, [paymentId]).get(paymentId);
    return stored ? { status: "idempotent", ...stored } : score(paymentId);
  };
  try {
    return db.$client.transaction(() => decided.map(settle)).immediate();
  } catch (error) {
    if (isTransientDbError(error)) throw error;
  }
  const settleAlone = db.$client.transaction(settle);
  return decided.map((payment): SettledPayment => {
    try {
      return settleAlone.immediate(payment);
    } catch (error) {
      if (isTransientDbError(error)) throw error;
      return { status: "failed", transactionId: payment.values.externalId, error };
    }
  });
}

/** The latest score of each payment, as the API returns it. */
export function latestResults(db: Db, paymentIds: number[]): Map<number, ScoredPayment> {
  const out = new Map<number, ScoredPayment>();
  if (paymentIds.length === 0) return out;
  const rows = db
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

// Raw SQL: prepared once per connection, the scoring hot path (ON CONFLICT DO NOTHING answers "was it new?").
const insertPaymentOf = perConnection((client) =>
  client.prepare<unknown[]>(
    `INSERT INTO payment_transactions (external_id, customer_id, channel_id, created_at, amount_cents, currency, status, card_hash,
       card_bin, card_country, email, device_id, ip_address, ip_country, billing_country, shipping_country, account_age_days,
       is_new_device, card_txn_count_24h, device_account_count, amount_to_customer_avg, hour_of_day, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'api')
     ON CONFLICT (external_id) DO NOTHING`,
  ),
);

/** Inserts the payment unless its transaction id is stored already: the new row's id, or null. */
function insertNew(db: Db, v: PaymentValues, status: "approved" | "declined"): number | null {
  const result = insertPaymentOf(db).run(
    v.externalId, v.customerId, v.channelId, v.createdAt.getTime(), v.amountCents, v.currency, status, v.cardHash, v.cardBin,
    v.cardCountry, v.email, v.deviceId, v.ipAddress, v.ipCountry, v.billingCountry, v.shippingCountry, v.accountAgeDays,
    v.isNewDevice === null ? null : v.isNewDevice ? 1 : 0, v.cardTxnCount24h, v.deviceAccountCount, v.amountToCustomerAvg,
    v.hourOfDay,
  );
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}

export type ScoreSource = "api" | "batch";

/** One decided payment to store: its payment row id and the decision. */
export type ScoreWrite = { paymentId: number; decision: PaymentDecision };

/**
 * Writes fraud_scores rows (and an open case for each review decision) for decided payments. Call inside a
 * transaction: the API writes a micro-batch, the batch job a chunk, each in one. Returns the score ids in order.
 */
export function writeScores(db: Db, context: ScoringContext, writes: readonly ScoreWrite[], source: ScoreSource, now: Date): { scoreIds: number[]; casesOpened: number } {
  const statements = statementsOf(db);
  const at = now.getTime();
  const dueAt = at + context.settings.reviewHours * 3_600_000;
  const versionId = context.scorer.version.id;
  const scoreIds: number[] = [];
  let casesOpened = 0;
  for (const { paymentId, decision: d } of writes) {
    const id = Number(
      statements.insertScore.run(paymentId, versionId, d.score, d.anomaly, d.decision, d.decidedBy, d.ruleId, JSON.stringify(d.reasons), source, at).lastInsertRowid,
    );
    scoreIds.push(id);
    if (d.decision === "review") casesOpened += statements.insertCase.run(paymentId, id, dueAt, at, at).changes;
  }
  return { scoreIds, casesOpened };
}

// Raw SQL: prepared once per connection, the scoring hot path (preparing costs about what running one does).
const statementsOf = perConnection((client) => ({
  insertScore: client.prepare<unknown[]>(
    `INSERT INTO fraud_scores (payment_id, model_version_id, score, anomaly, decision, decided_by, rule_id, reasons, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // A payment already in the queue (scored again later) keeps its case.
  insertCase: client.prepare<unknown[]>(
    `INSERT INTO fraud_cases (payment_id, score_id, status, due_at, version, created_at, updated_at)
     VALUES (?, ?, 'open', ?, 1, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
  ),
}));
