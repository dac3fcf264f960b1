import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../test/e2e/harness";
import { paymentBody, riskyPayment } from "../test/support/fraud-store";
import { dropStoreSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../test/support/postgres";
import { startService, type RunningService } from "../test/support/service-process";
import { runStoreStep, storeEnv, type ScoreCounts, type StoreEnv } from "./store-process";
import type { BenchRow, BenchSection } from "./types";

/**
 * The fraud scoring API on PostgreSQL with two processes against SQLite with one (issue 16). Each side gets the
 * scoring tests' small store (2,400 payments), a quick champion trained through the job runner and an API key
 * (bench/store-process.ts, through the app's functions); then the dedicated scoring process (scripts/scoring-api.ts)
 * serves it: ONE process on a SQLite file, or TWO processes on two ports against one PostgreSQL schema (a fresh one
 * in the test database), the client sending its requests to them in turn. A third row, for reference, sends the
 * same load to one of the two PostgreSQL processes alone. The same load for every row: CLIENTS closed-loop
 * keep-alive clients for SECONDS s, the same payload mix (a new transaction id each, every 7th looking like fraud;
 * every 10th request re-sends an id already answered, and every 40th new id is sent twice at once, to both processes
 * where there are two). Idempotency is checked under that load: a re-sent id must get 200 and the answer it got
 * first, and in the database no payment may hold two scores. ROUNDS rounds, the rows in turn and then in reverse
 * order (..), after WARM_SECONDS of unmeasured warm-up per row; the rows show medians. The client, the servers and
 * PostgreSQL share this machine's cores.
 */
const CLIENTS = Number(process.env.SCORING_PG_CLIENTS ?? 50);
const SECONDS = Number(process.env.SCORING_PG_SECONDS ?? 10);
const ROUNDS = Number(process.env.SCORING_PG_ROUNDS ?? 2);
const WARM_SECONDS = 3;
const PATH = "/api/v1/fraud/score";

type Answer = { status: number; ms: number; score?: number; decision?: string; idempotent?: boolean };

function post(agent: http.Agent, url: string, key: string, body: string): Promise<Answer> {
  const started = performance.now();
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: "127.0.0.1", port, path: PATH, method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          const ms = performance.now() - started;
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { score?: number; decision?: string; idempotent?: boolean };
            resolve({ status: response.statusCode ?? 0, ms, score: json.score, decision: json.decision, idempotent: json.idempotent });
          } catch {
            resolve({ status: response.statusCode ?? 0, ms });
          }
        });
        response.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
      },
    );
    request.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(body);
  });
}

type Side = {
  name: string;
  target: StoreEnv;
  servers: RunningService[];
  key: string;
  agent: http.Agent;
  /** The first answer per transaction id: re-sends must match it. */
  firstAnswers: Map<string, { body: string; score?: number; decision?: string }>;
  resentIds: Set<string>;
};
type Round = { requests: number; errors: number; statuses: Record<string, number>; requestsPerSecond: number; p50Ms: number; p99Ms: number; resent: number; resentMismatch: number; notIdempotent: number; pairs: number; pairMismatch: number };

let serial = 10_000;
const bodyOf = (n: number) => JSON.stringify(paymentBody(n, { transaction_id: `PGB-${n}`, ...(n % 7 === 0 ? riskyPayment : {}) }));

async function drive(side: Side, seconds = SECONDS): Promise<Round> {
  const answers: Answer[] = [];
  const answered: string[] = [];
  const { firstAnswers, resentIds } = side;
  let next = 0;
  let rr = 0;
  let resent = 0;
  let resentMismatch = 0;
  let notIdempotent = 0;
  let pairs = 0;
  let pairMismatch = 0;
  const server = () => side.servers[rr++ % side.servers.length]!.url;
  const same = (a: Answer, b: { score?: number; decision?: string }) => a.status === 200 && a.score === b.score && a.decision === b.decision;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const n = next++;
        if (n % 10 === 9 && answered.length > 0) {
          // A re-send of an id answered before (same payload): the stored answer, marked idempotent.
          const id = answered[(n * 7919) % answered.length]!;
          const first = firstAnswers.get(id)!;
          const a = await post(side.agent, server(), side.key, first.body);
          answers.push(a);
          resent++;
          resentIds.add(id);
          if (!same(a, first)) resentMismatch++;
          else if (a.idempotent !== true) notIdempotent++;
          continue;
        }
        const s = serial++;
        const id = `PGB-${s}`;
        const body = bodyOf(s);
        if (n % 40 === 0) {
          // A new id sent twice at once (to both processes where there are two): one score, the same answer twice.
          const [a, b] = await Promise.all([post(side.agent, server(), side.key, body), post(side.agent, server(), side.key, body)]);
          answers.push(a, b);
          pairs++;
          resentIds.add(id);
          if (!(a.status === 200 && same(b, a))) pairMismatch++;
          if (a.status === 200) {
            firstAnswers.set(id, { body, score: a.score, decision: a.decision });
            answered.push(id);
          }
          continue;
        }
        const a = await post(side.agent, server(), side.key, body);
        answers.push(a);
        if (a.status === 200) {
          firstAnswers.set(id, { body, score: a.score, decision: a.decision });
          answered.push(id);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? Number.NaN;
  const failed = answers.filter((a) => a.status !== 200);
  const statuses: Record<string, number> = {};
  for (const a of failed) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  return { requests: answers.length, errors: failed.length, statuses, requestsPerSecond: answers.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), resent, resentMismatch, notIdempotent, pairs, pairMismatch };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function startScoring(target: StoreEnv): Promise<RunningService> {
  const port = await freePort();
  return startService("npx", ["tsx", "scripts/scoring-api.ts"], {
    name: "The scoring process",
    url: `http://127.0.0.1:${port}`,
    healthPath: "/health",
    env: { ...storeEnv(target), SCORING_PORT: String(port) },
  });
}

export async function benchScoringPg(): Promise<BenchSection[]> {
  const cores = os.cpus().length;
  const section = (rows: BenchRow[], notes: string[]): BenchSection[] => [
    {
      task: "scoring",
      dataset: "the scoring tests' small store (2,400 payments), a quick champion; SQLite file vs PostgreSQL schema",
      split: `${CLIENTS} closed-loop clients x ${SECONDS} s per round, ${ROUNDS} round(s) per row; new ids, every 7th risky, every 10th request a re-send, every 40th new id sent twice at once`,
      rows,
      notes,
    },
  ];
  const unreachable = await postgresUnreachable("The scoring-pg bench");
  if (unreachable) return section([], [`Skipped: no PostgreSQL at ${postgresUrl} (${unreachable}). Start it or set PG_TEST_URL.`]);

  const schema = testSchemaName("bench_scoring");
  const sqliteDir = mkdtempSync(path.join(os.tmpdir(), "storefront-bench-scoring-sqlite-"));
  const pgDir = mkdtempSync(path.join(os.tmpdir(), "storefront-bench-scoring-pg-"));
  const sides: Side[] = [];
  try {
    const sqliteTarget: StoreEnv = { dataDir: sqliteDir };
    const pgTarget: StoreEnv = { dataDir: pgDir, postgres: { url: postgresUrl, schema } };
    const fresh = () => ({ agent: new http.Agent({ keepAlive: true, maxSockets: CLIENTS }), firstAnswers: new Map(), resentIds: new Set<string>() });
    const prepared = performance.now();
    const sqliteKey = (await runStoreStep<{ key: string }>(sqliteTarget, "fraud-store", [sqliteDir])).key;
    const pgKey = (await runStoreStep<{ key: string }>(pgTarget, "fraud-store", [pgDir])).key;
    const prepareSeconds = (performance.now() - prepared) / 1000;
    sides.push({ name: "SQLite, one scoring process", target: sqliteTarget, servers: [await startScoring(sqliteTarget)], key: sqliteKey, ...fresh() });
    const pgServers = [await startScoring(pgTarget), await startScoring(pgTarget)];
    // For reference: the first of the two alone, so the database's share and the second process's share show apart.
    sides.push({ name: "reference: PostgreSQL, one scoring process", target: pgTarget, servers: [pgServers[0]!], key: pgKey, ...fresh() });
    sides.push({ name: "PostgreSQL, two scoring processes (round robin)", target: pgTarget, servers: pgServers, key: pgKey, ...fresh() });

    // Warm-up, not measured: each process loads the champion, then WARM_SECONDS of the same load so the code paths
    // are compiled and the databases' caches hold the store.
    for (const side of sides) {
      for (const server of side.servers) {
        const first = await post(side.agent, server.url, side.key, bodyOf(serial++));
        if (first.status !== 200) throw new Error(`${side.name} (${server.url}) answered ${first.status} to its first payment`);
      }
      await drive(side, WARM_SECONDS);
    }

    const rounds = new Map<Side, Round[]>(sides.map((s) => [s, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) rounds.get(side)!.push(await drive(side));
    }
    for (const side of sides) side.servers.forEach((s) => s.stop());

    const notes: string[] = [];
    const rows: BenchRow[] = [];
    for (const side of sides) {
      const mine = rounds.get(side)!;
      // Ids sent more than once (up to 400 of them): each must hold one score, with the decision answered.
      const sample = [...side.resentIds].slice(0, 400);
      const counts = await runStoreStep<ScoreCounts>(side.target, "score-counts", sample);
      const stored = counts.replayed.filter((r) => r.scores === 1 && r.decision === side.firstAnswers.get(r.id)?.decision).length;
      const sum = (k: keyof Round) => mine.reduce((t, r) => t + (r[k] as number), 0);
      const metrics = {
        processes: side.servers.length,
        requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
        p50Ms: median(mine.map((r) => r.p50Ms)),
        p99Ms: median(mine.map((r) => r.p99Ms)),
        errors: sum("errors"),
        resentMismatch: sum("resentMismatch") + sum("pairMismatch"),
        duplicateScores: counts.paymentsScoredTwice,
      };
      rows.push({ model: side.name, ours: side.servers.length === 2, metrics, fitSeconds: 0, predictSeconds: metrics.p99Ms / 1000 });
      notes.push(
        `${side.name}: rounds ${mine.map((r) => `${r.requests} requests, ${r.requestsPerSecond.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} errors${r.errors ? ` ${JSON.stringify(r.statuses)}` : ""}`).join(" | ")}.`,
        `${side.name}: idempotency under load: ${sum("resent")} re-sends (${sum("resentMismatch")} with another answer, ${sum("notIdempotent")} not marked idempotent), ${sum("pairs")} ids sent twice at once (${sum("pairMismatch")} with differing answers or not 200); in the database ${counts.apiPayments} API payments with ${counts.scores} scores, ${counts.paymentsScoredTwice} payments scored twice; ${stored} of ${counts.replayed.length} of those ids sent more than once (${sample.length} looked up) hold exactly one score with the decision answered.`,
      );
    }
    const [sqlite, postgresOne, postgres] = rows.map((r) => r.metrics);
    const ratios = (m: Record<string, number>) =>
      `requests/s x${(m.requestsPerSecond! / sqlite!.requestsPerSecond!).toFixed(2)}, p50 x${(m.p50Ms! / sqlite!.p50Ms!).toFixed(2)}, p99 x${(m.p99Ms! / sqlite!.p99Ms!).toFixed(2)}`;
    notes.unshift(
      `PostgreSQL with two processes / SQLite with one: ${ratios(postgres!)}. (PostgreSQL with one process / SQLite: ${ratios(postgresOne!)}.)`,
      `Machine: ${cores} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end; the client, the scoring processes and PostgreSQL (${postgresUrl}, schema ${schema}) all share them. Stores and champions prepared in ${prepareSeconds.toFixed(0)} s.`,
      "Both PostgreSQL rows share one schema, so their duplicateScores count is the same (the whole schema's).",
      "Errors: any answer but 200 (a re-send of the same payload must get 200). duplicateScores: payments holding more than one score (must be 0). resentMismatch: re-sends or simultaneous pairs whose answer differed from the first (must be 0).",
    );
    return section(rows, notes);
  } finally {
    for (const side of sides) {
      side.servers.forEach((s) => s.stop());
      side.agent.destroy();
    }
    await dropStoreSchema(schema).catch(() => undefined);
    rmSync(sqliteDir, { recursive: true, force: true });
    rmSync(pgDir, { recursive: true, force: true });
  }
}
