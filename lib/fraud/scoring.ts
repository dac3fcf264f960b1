import type Database from "better-sqlite3";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels, customers, fraudScores, modelVersions, paymentTransactions, type FraudDecision, type ScoreReason } from "@/db/schema";
import { featuresOfValues, paymentValuesOf, rulePaymentOf, samePayment, type PaymentInput, type PaymentValues } from "./payment-input";
import { championScorer, decidePayments, scoringContext, writeScores, type ScoreSource } from "./scorer";

/**
 * The fraud scoring service's entry point for payments that arrive one by one (the API):
 * `scorePayments` scores a list in one model call and one transaction; `scorePaymentQueued` collects concurrent
 * requests into such lists (micro-batching), which is what keeps latency low under many concurrent clients on a
 * couple of cores: 50 payments cost the networks about what one does, and one SQLite transaction commits them all.
 *
 * Idempotent by transaction id (payment_transactions.external_id):
 * - a payment already scored, sent again with the same payload: its latest stored result, nothing written;
 * - the same id with a different payload: a conflict, nothing written;
 * - a payment already stored but never scored (seeded, imported): scored, its row left as it is;
 * - a new payment: stored (source "api", status "declined" when blocked, else "approved") and scored.
 * Within one batch the first occurrence of an id counts; later ones are repeats of it.
 */
export { evaluateRules, compileRules, type RulePayment, type RuleVerdict } from "./rules-eval";
export { getFraudSettings, defaultThresholds } from "./settings";
export { reasonText } from "./reasons";
export { NoChampionError, championScorer, refreshFraudScorer } from "./scorer";

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

type Plan =
  | { kind: "score"; values: PaymentValues; paymentId: number | null; channel: string }
  | { kind: "stored"; result: ScoredPayment }
  | { kind: "repeat"; of: number }
  | { kind: "conflict"; message: string };

export async function scorePayments(db: Db, inputs: readonly PaymentInput[], source: ScoreSource = "api"): Promise<ScoreOutcome[]> {
  const scorer = await championScorer(db);
  const context = scoringContext(db, scorer);
  const channelIds = new Map(
    db
      .select({ id: channels.id, code: channels.code })
      .from(channels)
      .all()
      .map((c) => [c.code, c.id]),
  );
  const customerRefs = [...new Set(inputs.flatMap((i) => (i.customer_id ? [i.customer_id] : [])))];
  const customerIds = new Map(
    customerRefs.length === 0
      ? []
      : db
          .select({ id: customers.id, ref: customers.externalId })
          .from(customers)
          .where(inArray(customers.externalId, customerRefs))
          .all()
          .map((c) => [c.ref, c.id]),
  );
  const ids = [...new Set(inputs.map((i) => i.transaction_id))];
  const existing = new Map(
    db
      .select()
      .from(paymentTransactions)
      .where(inArray(paymentTransactions.externalId, ids))
      .all()
      .map((p) => [p.externalId, p]),
  );
  const stored = latestResults(
    db,
    [...existing.values()].map((p) => p.id),
  );

  const firstIndex = new Map<string, number>();
  const valuesOf: PaymentValues[] = [];
  const plans: Plan[] = inputs.map((input, i) => {
    const values = paymentValuesOf(input, { channelId: channelIds.get(input.channel) ?? null, customerId: input.customer_id ? (customerIds.get(input.customer_id) ?? null) : null });
    valuesOf.push(values);
    const id = input.transaction_id;
    const first = firstIndex.get(id);
    if (first !== undefined) return samePayment(valuesOf[first]!, values) ? { kind: "repeat", of: first } : conflict(id);
    firstIndex.set(id, i);
    const row = existing.get(id);
    if (!row) return { kind: "score", values, paymentId: null, channel: input.channel };
    if (!samePayment(row, values)) return conflict(id);
    const result = stored.get(row.id);
    return result ? { kind: "stored", result } : { kind: "score", values, paymentId: row.id, channel: input.channel };
  });

  const toScore = plans.flatMap((plan, i) => (plan.kind === "score" ? [{ plan, i }] : []));
  const { decisions } = decidePayments(
    context,
    toScore.map(({ plan }) => ({ features: featuresOfValues(plan.values, plan.channel), rule: rulePaymentOf(plan.values) })),
    "all",
  );
  const now = new Date();
  const insertPayment = insertPaymentStatement(db);
  db.$client.transaction(() => {
    const writes = toScore.map(({ plan }, k) => {
      const decision = decisions[k]!;
      const paymentId = plan.paymentId ?? insertNew(insertPayment, plan.values, decision.decision === "block" ? "declined" : "approved", source);
      return { paymentId, decision };
    });
    writeScores(db, context, writes, source, now);
  })();

  const results = new Map<number, ScoredPayment>();
  toScore.forEach(({ plan, i }, k) => {
    const d = decisions[k]!;
    results.set(i, { transactionId: plan.values.externalId, ...d, modelVersion: scorer.version.version });
  });
  return plans.map((plan, i): ScoreOutcome => {
    switch (plan.kind) {
      case "score":
        return { status: "scored", ...results.get(i)! };
      case "stored":
        return { status: "idempotent", ...plan.result };
      case "conflict":
        return { status: "conflict", transactionId: inputs[i]!.transaction_id, message: plan.message };
      case "repeat": {
        const first = plans[plan.of]!;
        if (first.kind === "conflict") return { status: "conflict", transactionId: inputs[i]!.transaction_id, message: first.message };
        const result = first.kind === "stored" ? first.result : results.get(plan.of)!;
        return { status: "idempotent", ...result };
      }
    }
  });
}

function conflict(id: string): Plan {
  return { kind: "conflict", message: `Payment ${id} was already received with different details; a transaction id may not be reused.` };
}

/** The latest score of each payment, as the API returns it. */
function latestResults(db: Db, paymentIds: number[]): Map<number, ScoredPayment> {
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

type InsertPayment = Database.Statement<unknown[]>;
const insertCache = new WeakMap<Db["$client"], InsertPayment>();

function insertPaymentStatement(db: Db): InsertPayment {
  let statement = insertCache.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare<unknown[]>(
      `INSERT INTO payment_transactions (external_id, customer_id, channel_id, created_at, amount_cents, currency, status, card_hash,
         card_bin, card_country, email, device_id, ip_address, ip_country, billing_country, shipping_country, account_age_days,
         is_new_device, card_txn_count_24h, device_account_count, amount_to_customer_avg, hour_of_day, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertCache.set(db.$client, statement);
  }
  return statement;
}

function insertNew(statement: InsertPayment, v: PaymentValues, status: "approved" | "declined", source: ScoreSource): number {
  const result = statement.run(
    v.externalId, v.customerId, v.channelId, v.createdAt.getTime(), v.amountCents, v.currency, status, v.cardHash, v.cardBin,
    v.cardCountry, v.email, v.deviceId, v.ipAddress, v.ipCountry, v.billingCountry, v.shippingCountry, v.accountAgeDays,
    v.isNewDevice === null ? null : v.isNewDevice ? 1 : 0, v.cardTxnCount24h, v.deviceAccountCount, v.amountToCustomerAvg,
    v.hourOfDay, source === "api" ? "api" : "import",
  );
  return Number(result.lastInsertRowid);
}

// ---- micro-batching ------------------------------------------------------------------------------------------

/**
 * Requests arriving within `windowMs` of the first waiting one (or until `maxRows` wait) go to the model together.
 * Batches run one after another; while one runs, the next fills up and is taken as soon as it ends.
 */
export const MICRO_BATCH = { windowMs: 2, maxRows: 256 } as const;

type Waiting = { input: PaymentInput; resolve: (outcome: ScoreOutcome) => void; reject: (error: unknown) => void };
type Batcher = { waiting: Waiting[]; timer: ReturnType<typeof setTimeout> | null; chain: Promise<void> };
const batchers = new WeakMap<Db, Batcher>();

export function scorePaymentQueued(db: Db, input: PaymentInput): Promise<ScoreOutcome> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = { waiting: [], timer: null, chain: Promise.resolve() };
    batchers.set(db, batcher);
  }
  const b = batcher;
  return new Promise<ScoreOutcome>((resolve, reject) => {
    b.waiting.push({ input, resolve, reject });
    if (b.waiting.length >= MICRO_BATCH.maxRows) flush(db, b);
    else b.timer ??= setTimeout(() => flush(db, b), MICRO_BATCH.windowMs);
  });
}

function flush(db: Db, b: Batcher): void {
  if (b.timer) clearTimeout(b.timer);
  b.timer = null;
  b.chain = b.chain.then(() => drain(db, b));
}

async function drain(db: Db, b: Batcher): Promise<void> {
  while (b.waiting.length > 0) {
    const batch = b.waiting.splice(0, MICRO_BATCH.maxRows);
    try {
      const outcomes = await scorePayments(
        db,
        batch.map((w) => w.input),
        "api",
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      batch.forEach((w) => w.reject(error));
    }
    // Let the answers just resolved go out, and requests that arrived meanwhile join the next batch, before the
    // next batch's synchronous model work holds the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
