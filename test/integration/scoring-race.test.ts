import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { getDb } from "@/lib/db";
import { fraudCases, fraudScores, paymentTransactions } from "@/lib/schema";
import { createApiKey } from "@/lib/api-keys";
import { env } from "@/lib/env";
import { paymentBody, seedFraudStore, trainQuickChampion } from "@/test/support/fraud-store";
import { startScoringProcess } from "@/test/support/scoring-process";
import { onPostgres } from "@/test/support/test-db";

/**
 * Two scoring processes on one database (a SQLite file, or this run's PostgreSQL schema: the children inherit
 * DATABASE_URL and DATABASE_SCHEMA), as `npm run demo` runs the web app and the dedicated scoring process, are sent
 * the same new transaction ids at the same moment, with unrelated payments in the same micro-batches.
 * Whichever process stores an id first scores it; the other answers with that stored result.
 * To make the two overlap on every run, a third connection holds the write lock while the requests go out: one id
 * goes to both processes first, and both read, score and then wait for the lock with it, so the second to get the
 * lock finds it stored by the first meanwhile; the rest race as they come.
 */
let servers: { url: string; stop: () => void }[] = [];
let key = "";

type Answer = { status: number; json: Record<string, unknown> };
type Sent = { body: Record<string, unknown>; answer: Promise<Answer> };

function send(server: { url: string }, body: unknown): Promise<Answer> {
  return fetch(`${server.url}/api/v1/fraud/score`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
}

beforeAll(async () => {
  const db = getDb();
  await seedFraudStore(db);
  await trainQuickChampion(db, env.DATA_DIR);
  key = (await createApiKey(db, { id: null, email: "test" }, { name: "race", scopes: ["fraud:score"] })).key;
  servers = await Promise.all([startScoringProcess(env.DATA_DIR), startScoringProcess(env.DATA_DIR)]);
  // Both load the champion before the race, so their batches overlap.
  const warm = await Promise.all(servers.map((server, i) => send(server, paymentBody(1 + i))));
  expect(warm.map((a) => a.status)).toEqual([200, 200]);
}, 120_000);

afterAll(() => servers.forEach((server) => server.stop()));

/**
 * A third connection that keeps every scoring write waiting until `release`, reads still answered: SQLite's write
 * lock (BEGIN IMMEDIATE); on PostgreSQL an EXCLUSIVE lock on payment_transactions (blocks inserts, and the scores'
 * foreign-key checks on it, but not plain reads).
 */
async function holdWrites(): Promise<{ release: () => Promise<void>; close: () => Promise<void> }> {
  if (onPostgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${process.env.DATABASE_SCHEMA}` });
    await client.connect();
    await client.query("BEGIN");
    await client.query("LOCK TABLE payment_transactions IN EXCLUSIVE MODE");
    return { release: async () => void (await client.query("COMMIT")), close: () => client.end() };
  }
  const holder = openDb(env.DATABASE_PATH, { migrate: false });
  holder.$client.exec("BEGIN IMMEDIATE");
  return { release: async () => void holder.$client.exec("COMMIT"), close: async () => void holder.$client.close() };
}

describe("scoring the same transaction ids in two processes at once", () => {
  it("answers every request 200 or 409, never 500, and stores one payment and one score per id", async () => {
    const shared = Array.from({ length: 20 }, (_, i) => paymentBody(100 + i));
    // For the first five ids one request carries other details: whichever version is stored first wins.
    const changed = new Set(shared.slice(0, 5).map((b) => b.transaction_id));
    const holder = await holdWrites();
    const sent: Sent[] = [];
    const leader = paymentBody(99);
    for (const server of servers) sent.push({ body: leader, answer: send(server, leader) });
    // Long enough for both to take the leader into a batch and wait for the lock; well within their 5 s wait.
    await new Promise((r) => setTimeout(r, 300));
    // Then 160 requests for 20 ids, each id to both processes at once, four times; 300 unrelated ones among them.
    let unrelated = 1000;
    for (let round = 0; round < 4; round++) {
      for (const body of shared) {
        servers.forEach((server, i) => {
          const variant = round === 3 && i === 1 && changed.has(body.transaction_id) ? { ...body, amount: 43 } : body;
          sent.push({ body: variant, answer: send(server, variant) });
        });
        for (let u = 0; u < 4 && unrelated < 1300; u++) {
          const other = paymentBody(unrelated++);
          sent.push({ body: other, answer: send(servers[u % 2]!, other) });
        }
      }
    }
    const released = new Promise((r) => setTimeout(r, 700)).then(() => holder.release());
    const answers = await Promise.all(sent.map((s) => s.answer));
    await released;
    await holder.close();
    expect(sent.length).toBe(2 + 160 + 300);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);

    const db = getDb();
    const byId = new Map<string, { body: Record<string, unknown>; answer: Answer }[]>();
    sent.forEach((s, i) => byId.set(s.body.transaction_id as string, [...(byId.get(s.body.transaction_id as string) ?? []), { body: s.body, answer: answers[i]! }]));
    for (const [id, tries] of byId) {
      const rows = await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, id)).all();
      expect(rows, id).toHaveLength(1);
      const scores = await db.select().from(fraudScores).where(eq(fraudScores.paymentId, rows[0]!.id)).all();
      expect(scores, id).toHaveLength(1);
      expect((await db.select().from(fraudCases).where(eq(fraudCases.paymentId, rows[0]!.id)).all()).length).toBe(scores[0]!.decision === "review" ? 1 : 0);

      const accepted = tries.filter((t) => t.answer.status === 200);
      // One request scored it; every other accepted one got that stored result back.
      expect(accepted.filter((t) => t.answer.json.idempotent === false), id).toHaveLength(1);
      for (const t of accepted) expect(t.answer.json, id).toMatchObject({ transaction_id: id, score: scores[0]!.score, decision: scores[0]!.decision });
      // The accepted ones all sent the stored details; a 409 only for a request that sent other details.
      for (const t of accepted) expect(Math.round((t.body.amount as number) * 100), id).toBe(rows[0]!.amountCents);
      for (const t of tries.filter((t) => t.answer.status === 409)) expect(Math.round((t.body.amount as number) * 100), id).not.toBe(rows[0]!.amountCents);
      if (!changed.has(id)) expect(accepted).toHaveLength(tries.length);
    }
  });
});
