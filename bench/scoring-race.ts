import os from "node:os";
import path from "node:path";
import { openSqlite, rawSqlite } from "../lib/db";
import { createApiKey } from "../lib/api-keys";
import { freePort, startApp, tempDataDir } from "../test/e2e/harness";
import { paymentBody, seedFraudStore, trainQuickChampion } from "../test/support/fraud-store";
import { startScoringProcess } from "../test/support/scoring-process";
import type { RunningService } from "../test/support/service-process";
import { missingBuild } from "./fraud-serving";
import type { BenchSection } from "./types";

/**
 * The two-process scoring race: the web app and the dedicated scoring process (scripts/scoring-api.ts) on one
 * database, as `npm run demo` runs them, sent the same new transaction ids at the same moment. Each of ROUNDS rounds
 * fires at once 160 requests for 20 new ids (each id 4 times to each server, 5 of them once with other details) and
 * 300 requests for unrelated new ids, half to each server. Counted: errors (anything but 200 and 409; must be 0),
 * 409s, and in the database payments answered but missing, and payments scored twice (both must be 0).
 * The web app is `next start` on the production build when there is one (NEXT_DIST_DIR, `.next` by default), else a
 * second scoring process with the same handler: a server inside this process would hold the event loop that sends
 * the other server's requests, and the two would never overlap. The store is the small one of the scoring tests.
 */
const ROUNDS = 5;
const SHARED_IDS = 20;
const SENDS_PER_SERVER = 4;
const CHANGED_IDS = 5;
const UNRELATED = 300;

type Reply = { status: number; ms: number; idempotent?: boolean };

async function post(server: RunningService, key: string, body: unknown): Promise<Reply> {
  const started = performance.now();
  try {
    const response = await fetch(`${server.url}/api/v1/fraud/score`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { idempotent?: boolean };
    return { status: response.status, ms: performance.now() - started, idempotent: json.idempotent };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

export async function benchScoringRace(): Promise<BenchSection[]> {
  const { dir, cleanup } = tempDataDir();
  const servers: RunningService[] = [];
  try {
    const db = openSqlite(path.join(dir, "storefront.db"));
    await seedFraudStore(db);
    await trainQuickChampion(db, dir);
    const { key } = await createApiKey(db, { id: null, email: "bench" }, { name: "bench race", scopes: ["fraud:score"] });
    const missing = missingBuild();
    servers.push(missing ? await startScoringProcess(dir) : await startApp(dir, await freePort()));
    servers.push(await startScoringProcess(dir));
    const appKind = missing ? `a second scoring process (${missing})` : "the web app (next start)";
    // Both load the champion before the race.
    for (const [i, server] of servers.entries()) {
      const warm = await post(server, key, paymentBody(1 + i));
      if (warm.status !== 200) throw new Error(`server ${i + 1} answered ${warm.status} to its first payment`);
    }

    const replies: Reply[] = [];
    const answered = new Set<string>();
    let serial = 100;
    for (let round = 0; round < ROUNDS; round++) {
      const sends: { body: Record<string, unknown>; reply: Promise<Reply> }[] = [];
      const shared = Array.from({ length: SHARED_IDS }, () => paymentBody(serial++));
      for (let k = 0; k < SENDS_PER_SERVER; k++) {
        for (const [i, body] of shared.entries()) {
          for (const [s, server] of servers.entries()) {
            const changed = k === SENDS_PER_SERVER - 1 && s === 1 && i < CHANGED_IDS;
            const sent = changed ? { ...body, amount: (body.amount as number) + 1 } : body;
            sends.push({ body: sent, reply: post(server, key, sent) });
          }
        }
      }
      for (let u = 0; u < UNRELATED; u++) {
        const body = paymentBody(serial++);
        sends.push({ body, reply: post(servers[u % 2]!, key, body) });
      }
      const done = await Promise.all(sends.map((s) => s.reply));
      replies.push(...done);
      done.forEach((r, i) => r.status === 200 && answered.add(sends[i]!.body.transaction_id as string));
    }

    const stored = rawSqlite(db).$client.prepare<[], { id: string; scores: number }>(
      "SELECT p.external_id AS id, (SELECT count(*) FROM fraud_scores s WHERE s.payment_id = p.id) AS scores FROM payment_transactions p WHERE p.source = 'api'",
    ).all();
    await db.close();
    const scoresOf = new Map(stored.map((r) => [r.id, r.scores]));
    const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
    const errors = replies.filter((r) => r.status !== 200 && r.status !== 409);
    const metrics = {
      requests: replies.length,
      errors: errors.length,
      conflicts409: replies.filter((r) => r.status === 409).length,
      idempotent: replies.filter((r) => r.idempotent === true).length,
      missingPayments: [...answered].filter((id) => !scoresOf.has(id)).length,
      scoredTwice: stored.filter((r) => r.scores > 1).length,
      p50Ms: ms[Math.floor(ms.length / 2)]!,
      p99Ms: ms[Math.floor(ms.length * 0.99)]!,
    };
    return [
      {
        task: "scoring",
        dataset: "the scoring tests' small store (2,400 payments), a quick champion",
        split: `${ROUNDS} rounds of ${SHARED_IDS * SENDS_PER_SERVER * 2} requests for ${SHARED_IDS} shared new ids and ${UNRELATED} for unrelated ones, all at once`,
        rows: [{ model: `two-process race: ${appKind} + the scoring process`, ours: true, metrics, fitSeconds: 0, predictSeconds: metrics.p99Ms / 1000 }],
        notes: [
          `Server 1: ${appKind}; server 2: scripts/scoring-api.ts; both on ${path.join(dir, "storefront.db")}, client and servers on the same ${os.cpus().length} cores.`,
          `Errors by status: ${JSON.stringify(Object.fromEntries([...new Set(errors.map((e) => e.status))].map((s) => [s, errors.filter((e) => e.status === s).length])))}.`,
        ],
      },
    ];
  } finally {
    servers.forEach((server) => server.stop());
    cleanup();
  }
}
