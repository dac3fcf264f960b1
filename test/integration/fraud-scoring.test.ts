import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/fraud/score/route";
import { openDb } from "@/db/client";
import { getDb, rawSqlite } from "@/lib/db";
import { apiKeys, auditLog, fraudCases, fraudRules, fraudScores, fraudSettings, jobs, paymentTransactions, users } from "@/lib/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { env } from "@/lib/env";
import { loadFraudTrainingRows } from "@/lib/fraud/training-data";
import { getFraudSettings } from "@/lib/fraud/settings";
import { claimNextJob, enqueueJob, type JobProgress } from "@/lib/jobs/queue";
import { artifactFileName, runJob } from "@/lib/jobs/run-job";
import { batchScore } from "@/lib/fraud/batch-score";
import type { FraudEvaluation } from "@/lib/fraud/pipeline";
import { championOf } from "@/lib/models/versions";
import { DAY, DAYS, START, paymentBody, quickFraudPipeline, riskyPayment as risky, seedFraudStore } from "@/test/support/fraud-store";
import { streamedPost } from "@/test/support/streamed-body";
import { onPostgres } from "@/test/support/test-db";
import { expectChoicesRecorded } from "@/test/support/recorded-choices";

/**
 * The small store of test/support/fraud-store.ts; a quick fit through the job runner becomes the first champion,
 * which queues the batch score job; then the API is called with Request objects as Next would.
 */
const context = { dataDir: env.DATA_DIR, backend: "test", pipelines: { fraud: quickFraudPipeline } };
const jobRow = async (id: number) => (await getDb().select().from(jobs).where(eq(jobs.id, id)).get())!;
const countOf = async (table: typeof fraudScores | typeof paymentTransactions | typeof fraudCases) => (await getDb().select({ n: count() }).from(table).get())!.n;

const admin = { id: 1, email: "admin@test" };
let key = "";

function request(body: unknown, authorization: string | null = `Bearer ${key}`): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (authorization !== null) headers.set("authorization", authorization);
  return new Request("http://localhost/api/v1/fraud/score", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

async function call(body: unknown, authorization?: string | null): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await POST(request(body, authorization));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let serial = 0;
/** An ordinary payment at the end of the seeded period; each call a new transaction id unless given. */
const payment = (overrides: Record<string, unknown> = {}) => paymentBody(++serial, overrides);

let beforeChampion: { status: number; json: Record<string, unknown> };
let scoreJobResult: Record<string, unknown>;

beforeAll(async () => {
  const db = getDb();
  await seedFraudStore(db);
  await db.insert(users).values({ id: 1, email: admin.email, name: "Admin", role: "admin", createdAt: new Date() }).run();
  key = (await createApiKey(db, admin, { name: "checkout", scopes: ["fraud:score"] })).key;
  beforeChampion = await call(payment());

  const train = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null, params: { promoteIfNoChampion: true } });
  await runJob(db, (await claimNextJob(db))!, context);
  expect(await jobRow(train.id)).toMatchObject({ status: "succeeded", error: null });
  // The bootstrap promotion queued the batch scoring of the last 30 days.
  const score = (await claimNextJob(db))!;
  expect(score).toMatchObject({ kind: "score", task: "fraud" });
  await runJob(db, score, context);
  const done = await jobRow(score.id);
  expect(done).toMatchObject({ status: "succeeded", error: null });
  scoreJobResult = (done.progress as JobProgress).result!;
}, 180_000);

describe("fraud training for the scoring service", () => {
  it("writes the held-out evaluation beside the champion, small and rounded", async () => {
    const champion = (await championOf(getDb(), "fraud"))!;
    expectChoicesRecorded(champion.params, ["fraud classifier", "anomaly score in the final score"]);
    const file = path.join(champion.artifactPath!, "evaluation.json");
    expect(existsSync(file)).toBe(true);
    const evaluation = JSON.parse(readFileSync(file, "utf8")) as FraudEvaluation;
    const labelled = await loadFraudTrainingRows(getDb());
    expect(evaluation.scores.length).toBe(champion.params.testRows);
    expect(evaluation.labels.length).toBe(evaluation.scores.length);
    expect(evaluation.amounts.length).toBe(evaluation.scores.length);
    expect(evaluation.scores.length).toBeGreaterThan(labelled.length * 0.15);
    expect(evaluation.labels.filter((l) => l === 1).length).toBeGreaterThan(5);
    for (const s of evaluation.scores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(Math.abs(s * 1e5 - Math.round(s * 1e5))).toBeLessThan(1e-6);
    }
    // The latest labelled payments, in order: amounts are the payments' own.
    expect(evaluation.amounts).toEqual(labelled.slice(-evaluation.amounts.length).map((r) => r.features.amount));
    // Extra files stay inside the model's folder and cannot replace its own files.
    for (const name of ["../evil.json", "a/b.json", "metadata.json", ""]) expect(() => artifactFileName(name)).toThrow();
  });

  it("creates the thresholds from the champion: review at its threshold, block well above it", async () => {
    const champion = (await championOf(getDb(), "fraud"))!;
    const settings = await getFraudSettings(getDb());
    expect(settings.reviewThreshold).toBeCloseTo(Math.min(champion.metrics!.threshold!, 0.99), 10);
    expect(settings.blockThreshold).toBeCloseTo(Math.min(0.99, Math.max(0.9, settings.reviewThreshold + 0.3)), 10);
    expect(settings).toMatchObject({ missedFraudCost: 150, reviewCost: 5, reviewHours: 24 });
  });
});

describe("batch scoring", () => {
  it("scored every payment of the last 30 days once, with cases for the review decisions", async () => {
    const db = getDb();
    const latest = START + DAYS * DAY;
    const inWindow = (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM payment_transactions WHERE created_at > ${latest - 30 * DAY - DAY}`))!.n;
    expect(scoreJobResult.payments).toBeGreaterThan(1000);
    expect(scoreJobResult.payments).toBeLessThanOrEqual(inWindow);
    const batch = await db.select().from(fraudScores).where(eq(fraudScores.source, "batch")).all();
    expect(batch.length).toBe(scoreJobResult.payments);
    expect(new Set(batch.map((s) => s.paymentId)).size).toBe(batch.length);
    const reviews = batch.filter((s) => s.decision === "review");
    expect(reviews.length).toBe(scoreJobResult.review);
    expect(scoreJobResult.review as number).toBeGreaterThan(0);
    expect(await countOf(fraudCases)).toBe(reviews.length);
    // Reasons only where a person will read them (review and block); allowed payments carry none.
    expect(batch.filter((s) => s.decision === "allow").every((s) => s.reasons.length === 0)).toBe(true);
    expect(reviews.some((s) => s.reasons.length > 0)).toBe(true);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "fraud.batch_scored")).all()).toHaveLength(1);
    const seconds = scoreJobResult.seconds as { featuresToScores: number; total: number };
    expect(seconds.featuresToScores).toBeGreaterThan(0);
    expect(seconds.total).toBeGreaterThanOrEqual(seconds.featuresToScores);
  });

  it("scores nothing twice: a second run finds no unscored payment", async () => {
    const db = getDb();
    const champion = (await championOf(db, "fraud"))!;
    const again = await batchScore(db, champion.artifactPath!, champion, { windowDays: 30 });
    expect(again.payments).toBe(0);
  });
});

describe("POST /api/v1/fraud/score", () => {
  it("answers 503 while no fraud model is in service", async () => {
    expect(beforeChampion.status).toBe(503);
    expect(beforeChampion.json.code).toBe("unavailable");
  });

  it("refuses requests without a valid key (401), and revoked or out-of-scope keys (403)", async () => {
    expect((await call(payment(), null)).status).toBe(401);
    expect((await call(payment(), "Basic abc")).status).toBe(401);
    expect((await call(payment(), "Bearer sk_live_nope")).status).toBe(401);
    expect((await call(payment(), `Bearer sk_live_00000000_${"A".repeat(43)}`)).status).toBe(401);
    expect((await call(payment(), `Bearer ${key}x`)).status).toBe(401);

    const db = getDb();
    const revoked = await createApiKey(db, admin, { name: "old", scopes: ["fraud:score"] });
    expect((await call(payment(), `Bearer ${revoked.key}`)).status).toBe(200);
    await revokeApiKey(db, admin, revoked.apiKey.id);
    const refused = await call(payment(), `Bearer ${revoked.key}`);
    expect(refused).toMatchObject({ status: 403, json: { code: "forbidden" } });

    const other = await createApiKey(db, admin, { name: "reports", scopes: ["fraud:score"] });
    await db.update(apiKeys).set({ scopes: "reports:read" }).where(eq(apiKeys.id, other.apiKey.id)).run();
    expect((await call(payment(), `Bearer ${other.key}`)).status).toBe(403);
    // Only the hash is stored, never the key.
    expect(JSON.stringify(await db.select().from(apiKeys).all())).not.toContain(key);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "api_key.revoke")).all()).toHaveLength(1);
  });

  it("answers 400 with field errors for a malformed payload", async () => {
    const bad = await call(payment({ amount: -5, created_at: "yesterday", channel: "fax", ip_address: "999.1.1.1", card_hash: undefined }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fieldErrors as object).sort()).toEqual(["amount", "card_hash", "channel", "created_at", "ip_address"]);
    expect((await call("{not json")).status).toBe(400);
  });

  it("scores a payment, stores it with its score, and answers with the decision and reasons", async () => {
    const before = await countOf(paymentTransactions);
    const body = payment(risky);
    const { status, json } = await call(body);
    expect(status).toBe(200);
    const champion = (await championOf(getDb(), "fraud"))!;
    expect(json).toMatchObject({ transaction_id: body.transaction_id, decided_by: "model", rule_id: null, model_version: champion.version, idempotent: false });
    expect(json.score as number).toBeGreaterThan((await getFraudSettings(getDb())).reviewThreshold);
    expect(["review", "block"]).toContain(json.decision);
    const reasons = json.reasons as { text: string; feature: string }[];
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(4);
    for (const r of reasons) expect(r.text.length).toBeGreaterThan(3);
    // Analysts' words, not column names.
    expect(reasons.map((r) => r.text).join(" | ")).toMatch(/Card used 8 times in 24 h|Account 1 day old|differs from|7\.5x the customer's average|New device|Device used by 4 accounts|Amount 880\.00/);

    expect(await countOf(paymentTransactions)).toBe(before + 1);
    const stored = (await getDb().select().from(paymentTransactions).where(eq(paymentTransactions.externalId, body.transaction_id as string)).get())!;
    expect(stored).toMatchObject({ source: "api", amountCents: 88_000, currency: "USD", channelId: 1, customerId: 1, isNewDevice: true, status: json.decision === "block" ? "declined" : "approved" });
    expect(stored.hourOfDay).toBe(new Date(body.created_at as string).getUTCHours());
    const score = (await getDb().select().from(fraudScores).where(eq(fraudScores.paymentId, stored.id)).get())!;
    expect(score).toMatchObject({ source: "api", score: json.score, decision: json.decision, modelVersionId: champion.id });
  });

  it("returns the stored result for a repeated request and writes nothing; a reused id with other details is a 409", async () => {
    const body = payment();
    const first = await call(body);
    expect(first.status).toBe(200);
    const counts = [await countOf(paymentTransactions), await countOf(fraudScores), await countOf(fraudCases)];
    const again = await call(body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, idempotent: true });
    const changed = await call({ ...body, amount: 43 });
    expect(changed.status).toBe(409);
    expect(changed.json.code).toBe("conflict");
    expect([await countOf(paymentTransactions), await countOf(fraudScores), await countOf(fraudCases)]).toEqual(counts);
  });

  it("scores a stored payment that was never scored without touching its row", async () => {
    const db = getDb();
    const old = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, "PAY-000001")).get())!;
    const body = {
      transaction_id: old.externalId,
      amount: old.amountCents / 100,
      currency: old.currency,
      created_at: old.createdAt.toISOString(),
      card_hash: old.cardHash,
      card_bin: old.cardBin,
      card_country: old.cardCountry,
      email: old.email,
      device_id: old.deviceId,
      ip_address: old.ipAddress,
      ip_country: old.ipCountry,
      billing_country: old.billingCountry,
      shipping_country: old.shippingCountry,
      channel: ["web", "app", "marketplace", "store"][old.channelId! - 1],
      account_age_days: old.accountAgeDays,
      is_new_device: old.isNewDevice,
      card_txn_count_24h: old.cardTxnCount24h,
      device_account_count: old.deviceAccountCount,
      amount_to_customer_avg: old.amountToCustomerAvg,
      hour_of_day: old.hourOfDay,
    };
    const { status, json } = await call(body);
    expect(status).toBe(200);
    expect(json.idempotent).toBe(false);
    expect(await db.select().from(paymentTransactions).where(eq(paymentTransactions.id, old.id)).get()).toEqual(old);
    expect((await call(body)).json.idempotent).toBe(true);
  });

  it("applies rules before the model: allow-list beats block, block beats review, and a review opens a case", async () => {
    const db = getDb();
    const now = new Date();
    const rule = async (values: Partial<typeof fraudRules.$inferInsert> & Pick<typeof fraudRules.$inferInsert, "name" | "kind" | "action">) =>
      (await db.insert(fraudRules).values({ createdAt: now, updatedAt: now, ...values }).returning().get()).id;
    const blockCard = await rule({ name: "stolen card", kind: "list", field: "card", value: "card-stolen", action: "block" });
    const allowVip = await rule({ name: "vip", kind: "list", field: "email", value: "vip@example.com", action: "allow" });
    const reviewLarge = await rule({ name: "large", kind: "amount", threshold: 500_000, action: "review" });

    const blocked = await call(payment({ card_hash: "card-stolen" }));
    expect(blocked.json).toMatchObject({ decision: "block", decided_by: "rule", rule_id: blockCard });
    // No case for a block: the payment is declined, nobody has to act.
    const blockedRow = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, blocked.json.transaction_id as string)).get())!;
    expect(blockedRow.status).toBe("declined");
    expect(await db.select().from(fraudCases).where(eq(fraudCases.paymentId, blockedRow.id)).get()).toBeUndefined();

    const vip = await call(payment({ ...risky, card_hash: "card-stolen", email: "VIP@example.com", amount: 6000 }));
    expect(vip.json).toMatchObject({ decision: "allow", decided_by: "rule", rule_id: allowVip });

    const large = await call(payment({ amount: 6000 }));
    expect(large.json).toMatchObject({ decision: "review", decided_by: "rule", rule_id: reviewLarge });
    const row = (await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, large.json.transaction_id as string)).get())!;
    const opened = (await db.select().from(fraudCases).where(eq(fraudCases.paymentId, row.id)).get())!;
    const settings = (await db.select().from(fraudSettings).get())!;
    expect(opened).toMatchObject({ status: "open", version: 1, assigneeId: null });
    expect(opened.dueAt.getTime() - opened.createdAt.getTime()).toBe(settings.reviewHours * 3_600_000);

    await db.update(fraudRules).set({ active: false }).run();
    expect((await call(payment({ card_hash: "card-stolen" }))).json).toMatchObject({ decided_by: "model" });
  });

  it("scores concurrent requests together in one batch, each answered on its own", async () => {
    const bodies = Array.from({ length: 24 }, (_, i) => payment(i % 3 === 0 ? risky : {}));
    const duplicate = bodies[5]!;
    const responses = await Promise.all([...bodies, duplicate, { ...duplicate, amount: 1 }].map((b) => call(b)));
    expect(responses.slice(0, 24).every((r) => r.status === 200)).toBe(true);
    expect(responses.slice(0, 24).map((r) => r.json.transaction_id)).toEqual(bodies.map((b) => b.transaction_id));
    // The same id twice in one batch: the first is scored, an identical repeat is idempotent, a different one a conflict.
    expect(responses[24]).toMatchObject({ status: 200, json: { idempotent: true, score: responses[5]!.json.score } });
    expect(responses[25]!.status).toBe(409);
    const db = getDb();
    const ids = await Promise.all(bodies.map(async (b) => (await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, b.transaction_id as string)).get())!.id));
    const scores = await Promise.all(ids.map((id) => db.select().from(fraudScores).where(eq(fraudScores.paymentId, id)).all()));
    expect(scores.every((s) => s.length === 1)).toBe(true);
    // One transaction per micro-batch: the rows share their timestamp.
    expect(new Set(scores.map((s) => s[0]!.createdAt.getTime())).size).toBeLessThanOrEqual(2);
  });
});

describe("POST /api/v1/fraud/score under stress", () => {
  const rowOf = async (transactionId: string) => getDb().select().from(paymentTransactions).where(eq(paymentTransactions.externalId, transactionId)).get();
  const scoresOf = async (paymentId: number) => getDb().select().from(fraudScores).where(eq(fraudScores.paymentId, paymentId)).all();

  it("refuses a body over 64 KB with 413 and stores nothing, however the size is sent", async () => {
    const before = await countOf(paymentTransactions);
    // No Content-Length: refused while reading, a 10 MB padding field after a valid payment.
    const huge = await call(JSON.stringify({ ...payment(), padding: "x".repeat(10 * 1024 * 1024) }));
    expect(huge).toMatchObject({ status: 413, json: { code: "validation" } });
    expect(huge.json.error).toMatch(/64 KB/);
    // A declared Content-Length past what is ever drained (16 MB): refused before a byte of the body is read.
    let pulled = false;
    const small = new TextEncoder().encode(JSON.stringify(payment()));
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(small);
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": String(100 * 1024 * 1024) };
    const declared = await POST(new Request("http://localhost/api/v1/fraud/score", streamedPost(stream, headers)));
    expect(declared.status).toBe(413);
    expect(declared.headers.get("connection")).toBe("close");
    expect(pulled).toBe(false);
    expect(await countOf(paymentTransactions)).toBe(before);
    // Just under the limit is still a payment.
    const body = payment();
    const padded = JSON.stringify({ ...body, padding: "" });
    expect((await call(JSON.stringify({ ...body, padding: "x".repeat(64 * 1024 - Buffer.byteLength(padded)) }))).status).toBe(200);
  });

  /** A trigger refusing payments with this transaction id: a temp trigger on SQLite's one connection; on PostgreSQL one in this file's schema. */
  async function refuseInserts(transactionId: string, error: "abort" | "serialization-once"): Promise<() => Promise<void>> {
    const db = getDb();
    if (db.dialect === "sqlite") {
      if (error !== "abort") throw new Error("SQLite's transient error is a held write lock, not a trigger");
      rawSqlite(db).$client.exec(`CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON payment_transactions WHEN NEW.external_id = '${transactionId}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      return async () => void rawSqlite(db).$client.exec("DROP TRIGGER refuse_poison");
    }
    // A sequence is not rolled back with the transaction: "once" survives the failed attempt.
    await db.run(sql.raw("CREATE SEQUENCE refuse_poison_tries"));
    const raise =
      error === "abort" ? "RAISE EXCEPTION 'refused by the test';" : "IF nextval('refuse_poison_tries') = 1 THEN RAISE EXCEPTION 'could not serialize access (by the test)' USING ERRCODE = '40001'; END IF;";
    await db.run(sql.raw(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.external_id = '${transactionId}' THEN ${raise} END IF; RETURN NEW; END; $$`));
    await db.run(sql.raw("CREATE TRIGGER refuse_poison BEFORE INSERT ON payment_transactions FOR EACH ROW EXECUTE FUNCTION refuse_poison()"));
    return async () => {
      await db.run(sql.raw("DROP TRIGGER refuse_poison ON payment_transactions"));
      await db.run(sql.raw("DROP FUNCTION refuse_poison()"));
      await db.run(sql.raw("DROP SEQUENCE refuse_poison_tries"));
    };
  }

  it("fails only the payment whose write fails, never the others in its batch", async () => {
    const dropTrigger = await refuseInserts("POISON", "abort");
    try {
      const bodies = Array.from({ length: 6 }, () => payment());
      const poison = payment({ transaction_id: "POISON" });
      const responses = await Promise.all([...bodies.slice(0, 3), poison, ...bodies.slice(3)].map((b) => call(b)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 500, 200, 200, 200]);
      expect(await rowOf("POISON")).toBeUndefined();
      for (const b of bodies) expect(await scoresOf((await rowOf(b.transaction_id as string))!.id)).toHaveLength(1);
    } finally {
      await dropTrigger();
    }
  });

  // SQLite's transient error: another connection to the file holds the write lock (busy at once here, not after 5 s).
  it.skipIf(onPostgres)("tries a batch again when another connection holds the write lock, instead of answering 500", async () => {
    const db = getDb();
    const other = openDb(env.DATABASE_PATH, { migrate: false });
    // Busy at once rather than after the 5 s wait; the other connection lets go when the server first reports it.
    const sqlite = rawSqlite(db).$client;
    const busyTimeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
    sqlite.pragma("busy_timeout = 0");
    const release = () => other.$client.inTransaction && other.$client.exec("COMMIT");
    const logged = vi.spyOn(console, "error").mockImplementation(release);
    try {
      other.$client.exec("BEGIN IMMEDIATE");
      const body = payment();
      const answer = await call(body);
      expect(answer).toMatchObject({ status: 200, json: { transaction_id: body.transaction_id, idempotent: false } });
      expect(await scoresOf((await rowOf(body.transaction_id as string))!.id)).toHaveLength(1);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      release();
      other.$client.close();
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
  });

  // PostgreSQL's transient error: the batch's transaction loses a race (a serialization failure, once) and is rolled back whole.
  it.runIf(onPostgres)("tries a batch again when its transaction fails with a serialization failure, instead of answering 500", async () => {
    const body = payment();
    const dropTrigger = await refuseInserts(body.transaction_id as string, "serialization-once");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const answer = await call(body);
      expect(answer).toMatchObject({ status: 200, json: { transaction_id: body.transaction_id, idempotent: false } });
      expect(await scoresOf((await rowOf(body.transaction_id as string))!.id)).toHaveLength(1);
      expect(logged).toHaveBeenCalled();
      expect((await getDb().get<{ n: number }>(sql`SELECT last_value AS "n" FROM refuse_poison_tries`))!.n).toBeGreaterThanOrEqual(2);
    } finally {
      logged.mockRestore();
      await dropTrigger();
    }
  });
});
