import { beforeAll, describe, expect, it } from "vitest";
import { getDb, openSqlite, rawSqlite } from "@/lib/db";
import { fraudCases, fraudScores, paymentTransactions, truthTransactions } from "@/lib/schema";
import { env } from "@/lib/env";
import { LINKED_LIMIT, linkedPayments, linkKinds, type LinkedPayment } from "@/lib/fraud/linked";
import { mulberry32 } from "@/models/random";
import { queryPlan, recordStatements } from "@/test/support/statement-log";
import { onPostgres } from "@/test/support/test-db";

/**
 * The case page's linked payments: the same answer as the plain definition (any payment but this one sharing its
 * card, device, e-mail lower-cased and trimmed, or IP; newest first, ties by id), read through indexes only, so a
 * case page costs the same on a table of any size.
 */
const PAYMENTS = 3000;
/** A fraud ring: this many more payments on one card and one IP address. */
const RING = 600;
const MINUTE = 60_000;

type Payment = { id: number; card: string; device: string | null; email: string | null; ip: string | null; createdAt: number; status: LinkedPayment["status"] };
type Score = { paymentId: number; score: number; createdAt: number; id: number };

const payments: Payment[] = [];
const scores: Score[] = [];
const cases = new Map<number, { id: number; status: "open" | "escalated" | "fraud" | "legitimate" }>();
const truth = new Map<number, 0 | 1>();

/** Small pools of identifiers, so most payments link to dozens of others; few distinct times, so ties are common. */
async function seed(): Promise<void> {
  const random = mulberry32(20260501);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const maybe = <T,>(share: number, value: () => T) => (random() < share ? null : value());
  const spellings = (e: string) => [e, e.toUpperCase(), ` ${e}`, `${e}  `];
  const paymentRows: (typeof paymentTransactions.$inferInsert)[] = [];
  const scoreRows: (typeof fraudScores.$inferInsert)[] = [];
  const caseRows: (typeof fraudCases.$inferInsert)[] = [];
  const truthRows: (typeof truthTransactions.$inferInsert)[] = [];
  for (let id = 1; id <= PAYMENTS + RING; id++) {
    const ring = id > PAYMENTS;
    const p: Payment = {
      id,
      card: ring ? "card-ring" : `card-${Math.floor(random() * 60)}`,
      device: maybe(0.2, () => `dev-${Math.floor(random() * 80)}`),
      email: maybe(0.1, () => pick(spellings(`shopper${Math.floor(random() * 70)}@mail.example`))),
      ip: ring ? "10.9.9.9" : maybe(0.2, () => `10.0.0.${Math.floor(random() * 50)}`),
      createdAt: Date.UTC(2025, 0, 1) + Math.floor(random() * 400) * MINUTE,
      status: pick(["approved", "approved", "declined", "chargeback"] as const),
    };
    payments.push(p);
    paymentRows.push({ id: p.id, externalId: `P${id}`, createdAt: new Date(p.createdAt), amountCents: 1000, currency: "USD", status: p.status, cardHash: p.card, email: p.email, deviceId: p.device, ipAddress: p.ip, source: "seed" });
    for (let k = Math.floor(random() * 3); k > 0; k--) {
      const s: Score = { id: scores.length + 1, paymentId: id, score: Math.round(random() * 1000) / 1000, createdAt: p.createdAt + Math.floor(random() * 3) * MINUTE };
      scores.push(s);
      scoreRows.push({ id: s.id, paymentId: s.paymentId, score: s.score, decision: "review", decidedBy: "model", reasons: [], source: "batch", createdAt: new Date(s.createdAt) });
    }
    const latest = scores.at(-1);
    if (latest?.paymentId === id && random() < 0.3) {
      const c = { id: cases.size + 1, status: pick(["open", "escalated", "fraud", "legitimate"] as const) };
      cases.set(id, c);
      caseRows.push({ id: c.id, paymentId: id, scoreId: latest.id, status: c.status, dueAt: new Date(0), version: 1, createdAt: new Date(0), updatedAt: new Date(0) });
    }
    if (random() < 0.5) {
      truth.set(id, random() < 0.1 ? 1 : 0);
      truthRows.push({ transactionId: id, isFraud: truth.get(id) === 1 });
    }
  }
  const db = getDb();
  const parts = <T,>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 500) }, (_, k) => rows.slice(k * 500, (k + 1) * 500));
  await db.transaction(async () => {
    for (const part of parts(paymentRows)) await db.insert(paymentTransactions).values(part);
    for (const part of parts(scoreRows)) await db.insert(fraudScores).values(part);
    for (const part of parts(caseRows)) await db.insert(fraudCases).values(part);
    for (const part of parts(truthRows)) await db.insert(truthTransactions).values(part);
  });
}

/** The definition, computed by hand over every payment. */
function bruteForce(target: Payment, limit: number): LinkedPayment[] {
  const latestScore = new Map<number, Score>();
  for (const s of scores) {
    const seen = latestScore.get(s.paymentId);
    if (!seen || s.createdAt > seen.createdAt || (s.createdAt === seen.createdAt && s.id > seen.id)) latestScore.set(s.paymentId, s);
  }
  const norm = (e: string | null) => (e === null ? null : e.trim().toLowerCase());
  return payments
    .filter((p) => p.id !== target.id)
    .map((p) => ({ p, shares: [p.card === target.card, target.device !== null && p.device === target.device, target.email !== null && norm(p.email) === norm(target.email), target.ip !== null && p.ip === target.ip] }))
    .filter(({ shares }) => shares.some(Boolean))
    .sort((a, b) => b.p.createdAt - a.p.createdAt || b.p.id - a.p.id)
    .slice(0, limit)
    .map(({ p, shares }) => {
      const latest = latestScore.get(p.id);
      const c = cases.get(p.id);
      const label = c?.status === "fraud" ? 1 : c?.status === "legitimate" ? 0 : (truth.get(p.id) ?? null);
      return {
        paymentId: p.id,
        externalId: `P${p.id}`,
        createdAt: new Date(p.createdAt),
        amountCents: 1000,
        currency: "USD",
        status: p.status,
        links: linkKinds.filter((_, i) => shares[i]),
        latestScore: latest?.score ?? null,
        caseId: c?.id ?? null,
        caseStatus: c?.status ?? null,
        label,
      };
    });
}

beforeAll(seed);

describe("linked payments", () => {
  it("equal the plain definition on random payments, at the page's limit and at a small one", async () => {
    const random = mulberry32(5);
    const targets = [...Array.from({ length: 40 }, () => payments[Math.floor(random() * payments.length)]!), payments[PAYMENTS]!];
    let cutOff = 0;
    for (const target of targets) {
      for (const limit of [50, 5]) {
        const expected = bruteForce(target, limit);
        if (expected.length === limit) cutOff++;
        expect(await linkedPayments(getDb(), target.id, limit), `payment ${target.id}, limit ${limit}`).toEqual(expected);
      }
    }
    // The limit mattered: most targets link to more payments than are shown.
    expect(cutOff).toBeGreaterThan(40);
    expect(await linkedPayments(getDb(), PAYMENTS + RING + 1)).toEqual([]);
  });

  // SQLite's query plans (EXPLAIN QUERY PLAN on a second connection to the file); PostgreSQL plans by table statistics.
  it.skipIf(onPostgres)("reads payments, scores, cases and labels through indexes only, never scanning a table", async () => {
    // A connection of its own, so the statements are prepared (and seen) here.
    const fresh = openSqlite(env.DATABASE_PATH, { migrate: false });
    const { value: linked, statements } = await recordStatements(fresh, () => linkedPayments(fresh, payments[0]!.id));
    expect(linked.length).toBeGreaterThan(0);
    expect(statements.length).toBeGreaterThan(0);

    const tables = ["payment_transactions", "fraud_scores", "fraud_cases", "truth_transactions"];
    const searched = new Set<string>();
    for (const statement of statements) {
      const { sql } = statement;
      const aliases = new Set(tables);
      for (const m of sql.matchAll(new RegExp(`\\b(?:${tables.join("|")})\\s+(?:AS\\s+)?(\\w+)`, "gi"))) aliases.add(m[1]!);
      const plan = queryPlan(fresh, statement);
      const scans = plan.filter((d) => /^SCAN /.test(d) && aliases.has(d.split(" ")[1]!));
      expect(scans, sql).toEqual([]);
      for (const d of plan) for (const index of /USING (?:COVERING )?INDEX (\w+)/.exec(d)?.slice(1) ?? []) searched.add(index);
    }
    for (const index of ["payment_transactions_card_idx", "payment_transactions_device_idx", "payment_transactions_email_idx", "payment_transactions_ip_idx"]) {
      expect(searched).toContain(index);
    }
    await fresh.close();
  });

  // Counts rows through a SQLite user function replacing lower() on a connection of its own; none such on PostgreSQL.
  it.skipIf(onPostgres)("reads a bounded number of payments for a member of a ring, not every payment the ring shares", async () => {
    // lower() runs once for each payment row the query reads past the indexes (its e-mail flag), so counting its
    // calls on a connection of this test's own counts those rows: at most the limit per identifier, plus one.
    const counting = openSqlite(env.DATABASE_PATH, { migrate: false });
    let rowsRead = 0;
    rawSqlite(counting).$client.function("lower", { deterministic: true }, (text: unknown) => {
      rowsRead++;
      return typeof text === "string" ? text.toLowerCase() : text;
    });
    try {
      const member = payments[PAYMENTS]!;
      expect(await linkedPayments(counting, member.id)).toEqual(bruteForce(member, LINKED_LIMIT));
      expect(RING).toBeGreaterThan(4 * LINKED_LIMIT);
      expect(rowsRead).toBeGreaterThan(0);
      expect(rowsRead).toBeLessThanOrEqual(linkKinds.length * LINKED_LIMIT + 1);
    } finally {
      await counting.close();
    }
  });
});
