import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { backoffMs, isTransientDbError } from "@/db/retry";
import { channels, customers, paymentTransactions, type ModelVersion } from "@/lib/schema";
import { AppError } from "@/lib/errors";
import { verifiedArtifactDir } from "@/lib/models/artifacts";
import { championOf } from "@/lib/models/versions";
import type { FraudModel } from "@/models/fraud/index";
import { disposeScoringModel, loadScoringModel, servedFraudModel } from "@/models/fraud/serve";
import { decidePayments, NoChampionError, scoringContext, type DecideTimings, type LoadedScorer, type PaymentDecision, type ScoringContext, type ScoringRow } from "./decide";
import { featuresOfValues, paymentValuesOf, rulePaymentOf, samePayment, type PaymentInput, type PaymentValues } from "./payment-input";
import { conflictOutcome, latestResults, settleDecided, writeScores, type ScoreOutcome, type SettledPayment } from "./score-store";

/**
 * The fraud scoring service's one entry point: the API (score-endpoint.ts, through `scorePaymentQueued`) and the
 * batch job (batch-score.ts, through `loadVersionScorer` and `scoreStoredPayments`) score here, and nothing else
 * calls the layers below. Calls go one way, down: decide.ts (rules + model + thresholds + reasons), score-store.ts
 * (the writes), and models/fraud/serve.ts (the loaded models).
 *
 * For payments that arrive one by one (the API): `scorePayments` scores a list in one model call and one
 * transaction; `scorePaymentQueued` collects concurrent requests into such lists (micro-batching), which is what
 * keeps latency low under many concurrent clients on a couple of cores: 50 payments cost the networks about what one
 * does, and one SQLite transaction commits them all.
 *
 * Idempotent by transaction id (payment_transactions.external_id), also across the two processes that serve the
 * API (the web app and scripts/scoring-api.ts) on one database:
 * - a payment already scored, sent again with the same payload: its latest stored result, nothing written;
 * - the same id with a different payload: a conflict, nothing written;
 * - a payment already stored but never scored (seeded, imported): scored, its row left as it is;
 * - a new payment: stored (source "api", status "declined" when blocked, else "approved") and scored.
 * Within one batch the first occurrence of an id counts; later ones are repeats of it. What was read before the
 * model ran is checked again inside the write transaction (score-store.ts), where the other process's writes of the
 * meantime are seen: one payment row and one score per id, whichever process comes first.
 */
export { NoChampionError, scoringContext, type LoadedScorer, type PaymentDecision, type ScoringContext, type ScoringRow } from "./decide";
export type { ScoreOutcome, ScoredPayment, SettledPayment } from "./score-store";

// ---- the champion in service (the API) ----------------------------------------------------------------------

/** How often the API checks whether the champion changed (a cheap query; the load happens only on change). */
export const CHAMPION_CHECK_MS = 3000;

type ChampionCheck = { current: LoadedScorer | null; checkedAt: number; checking: Promise<LoadedScorer> | null };

// On globalThis, like the database connection and the served model (models/fraud/serve.ts), for dev hot reloads.
const globalForChampion = globalThis as unknown as { fraudChampionCheck?: ChampionCheck };
const check: ChampionCheck = (globalForChampion.fraudChampionCheck ??= { current: null, checkedAt: 0, checking: null });

/**
 * The champion fraud model, as models/fraud/serve.ts keeps it loaded; the registry is asked which version is champion
 * at most every CHAMPION_CHECK_MS, and a new champion is loaded (and the old one let go) when it changed. Concurrent
 * callers share one check. Throws NoChampionError.
 */
export async function championScorer(db: Db): Promise<LoadedScorer> {
  if (check.current && Date.now() - check.checkedAt < CHAMPION_CHECK_MS) return check.current;
  if (check.checking) return check.checking;
  check.checking = (async () => {
    const champion = await championOf(db, "fraud");
    if (!champion?.artifactPath) throw new NoChampionError();
    let model: FraudModel;
    try {
      // The files are checked when this version is first loaded; the model in service is not re-read, so not re-checked.
      const dir = check.current?.version.id === champion.id ? champion.artifactPath : verifiedArtifactDir(champion);
      model = await servedFraudModel(dir, champion.id);
    } catch (error) {
      console.error(error);
      throw new NoChampionError(`The fraud champion v${champion.version} could not be loaded from its files.`);
    }
    const current = check.current;
    check.current = current && current.model === model && current.version.id === champion.id ? current : { version: champion, model };
    check.checkedAt = Date.now();
    return check.current;
  })().finally(() => {
    check.checking = null;
  });
  return check.checking;
}

/** Makes the next request look the champion up again at once (after a promotion in tests, or on demand). */
export function refreshFraudScorer(): void {
  check.checkedAt = 0;
}

// ---- the API: a list of payments, idempotent ----------------------------------------------------------------

type Plan =
  | { kind: "score"; values: PaymentValues; paymentId: number | null; channel: string }
  | { kind: "settled"; outcome: ScoreOutcome }
  | { kind: "repeat"; of: number };

export async function scorePayments(db: Db, inputs: readonly PaymentInput[]): Promise<SettledPayment[]> {
  const scorer = await championScorer(db);
  const context = await scoringContext(db, scorer);
  const channelIds = new Map((await db.select({ id: channels.id, code: channels.code }).from(channels).all()).map((c) => [c.code, c.id]));
  const customerRefs = [...new Set(inputs.flatMap((i) => (i.customer_id ? [i.customer_id] : [])))];
  const customerIds = new Map(
    customerRefs.length === 0
      ? []
      : (await db.select({ id: customers.id, ref: customers.externalId }).from(customers).where(inArray(customers.externalId, customerRefs)).all()).map((c) => [c.ref, c.id]),
  );
  // A first look outside the transaction, so repeats and conflicts already stored cost no model work; the
  // transaction decides again for the rest (score-store.ts).
  const ids = [...new Set(inputs.map((i) => i.transaction_id))];
  const existing = new Map((await db.select().from(paymentTransactions).where(inArray(paymentTransactions.externalId, ids)).all()).map((p) => [p.externalId, p]));
  const stored = await latestResults(
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
    if (first !== undefined) return samePayment(valuesOf[first]!, values) ? { kind: "repeat", of: first } : { kind: "settled", outcome: conflictOutcome(id) };
    firstIndex.set(id, i);
    const row = existing.get(id);
    if (!row) return { kind: "score", values, paymentId: null, channel: input.channel };
    if (!samePayment(row, values)) return { kind: "settled", outcome: conflictOutcome(id) };
    const result = stored.get(row.id);
    return result ? { kind: "settled", outcome: { status: "idempotent", ...result } } : { kind: "score", values, paymentId: row.id, channel: input.channel };
  });

  const toScore = plans.flatMap((plan, i) => (plan.kind === "score" ? [{ plan, i }] : []));
  const { decisions } = decidePayments(
    context,
    toScore.map(({ plan }) => ({ features: featuresOfValues(plan.values, plan.channel), rule: rulePaymentOf(plan.values) })),
    "all",
  );
  const now = new Date();
  const decided = toScore.map(({ plan }, k) => ({ values: plan.values, paymentId: plan.paymentId, decision: decisions[k]! }));
  const settled = await writeRetryingBusy(() => settleDecided(db, context, decided, now));

  const outcomes = new Map<number, SettledPayment>(toScore.map(({ i }, k) => [i, settled[k]!]));
  const outcomeOf = (plan: Plan, i: number): SettledPayment => (plan.kind === "settled" ? plan.outcome : outcomes.get(i)!);
  return plans.map((plan, i): SettledPayment => {
    if (plan.kind !== "repeat") return outcomeOf(plan, i);
    // A repeat within the batch fares as its first occurrence did, answered as a repeat.
    const first = outcomeOf(plans[plan.of]!, plan.of);
    return first.status === "scored" ? { ...first, status: "idempotent" } : first;
  });
}

/**
 * The batch's write transaction waits up to the connection's busy timeout for the write lock (another process
 * importing, say); should it still find the lock taken, it is tried twice more after a short backoff (about 25, then
 * 50 ms), and then answered 503 (try again), never 500: nothing is wrong with the payments.
 */
const BUSY_RETRIES = { attempts: 3, baseMs: 25, maxMs: 200 } as const;

async function writeRetryingBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      if (attempt >= BUSY_RETRIES.attempts) throw new AppError("unavailable", "The fraud database is busy; please send the payment again shortly.");
      const wait = backoffMs(attempt, BUSY_RETRIES);
      console.error(`[db] fraud scoring batch: database busy (attempt ${attempt} of ${BUSY_RETRIES.attempts}); retrying in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

// ---- micro-batching ------------------------------------------------------------------------------------------

/**
 * Requests arriving within `windowMs` of the first waiting one (or until `maxRows` wait) go to the model together.
 * Batches run one after another; while one runs, the next fills up and is taken as soon as it ends.
 */
const MICRO_BATCH = { windowMs: 2, maxRows: 256 } as const;

type Waiting = { input: PaymentInput; resolve: (outcome: ScoreOutcome) => void; reject: (error: unknown) => void };
type Batcher = { waiting: Waiting[]; timer: ReturnType<typeof setTimeout> | null; chain: Promise<void> };
// One per database (a plain JS value, kept weakly: a closed test database is let go with its batcher).
const batchers = new WeakMap<Db, Batcher>();
function batcherOf(db: Db): Batcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = { waiting: [], timer: null, chain: Promise.resolve() }));
  return b;
}

export function scorePaymentQueued(db: Db, input: PaymentInput): Promise<ScoreOutcome> {
  const b = batcherOf(db);
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
      const outcomes = await scorePayments(db, batch.map((w) => w.input));
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.status === "failed") w.reject(outcome.error);
        else w.resolve(outcome);
      });
    } catch (error) {
      batch.forEach((w) => w.reject(error));
    }
    // Let the answers just resolved go out, and requests that arrived meanwhile join the next batch, before the
    // next batch's synchronous model work holds the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// ---- the batch job: stored payments with a given model version ----------------------------------------------

/** A model version loaded for one run of the batch job (not the API's champion, not kept): free it with releaseScorer. */
export async function loadVersionScorer(dir: string, version: ModelVersion): Promise<LoadedScorer> {
  return { version, model: await loadScoringModel(dir) };
}

export function releaseScorer(scorer: LoadedScorer): void {
  disposeScoringModel(scorer.model);
}

/** A stored payment to score: its row id and what the rules and the model read of it. */
export type StoredPayment = { paymentId: number; row: ScoringRow };

export type StoredScoring = { decisions: PaymentDecision[]; casesOpened: number; timings: DecideTimings & { writeSeconds: number } };

/**
 * Decides stored payments (one model pass; reasons for `explain`) and writes their scores and review cases in one
 * transaction (source "batch").
 */
export async function scoreStoredPayments(db: Db, context: ScoringContext, payments: readonly StoredPayment[], explain: "flagged" | "all"): Promise<StoredScoring> {
  const { decisions, timings } = decidePayments(
    context,
    payments.map((p) => p.row),
    explain,
  );
  const started = performance.now();
  const now = new Date();
  const written = await db.transaction(() =>
    writeScores(
      db,
      context,
      payments.map((p, i) => ({ paymentId: p.paymentId, decision: decisions[i]! })),
      "batch",
      now,
    ),
  );
  return { decisions, casesOpened: written.casesOpened, timings: { ...timings, writeSeconds: (performance.now() - started) / 1000 } };
}
