import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { openSqlite, rawSqlite, type Db } from "../lib/db";
import { createApiKey } from "../lib/api-keys";
import { paymentInputSchema } from "../lib/fraud/payment-input";
import { defaultFraudOptions } from "../models/fraud/index";
import { enqueueJob, claimNextJob } from "../lib/jobs/queue";
import { runJob } from "../lib/jobs/run-job";
import { batchScore } from "../lib/fraud/batch-score";
import { createFraudPipeline } from "../lib/fraud/pipeline";
import { championOf } from "../lib/models/versions";
import { freePort, startApp } from "../test/e2e/harness";
import { startScoringProcess } from "../test/support/scoring-process";
import { benchScratch } from "./demo-store";
import type { BenchRow, BenchSection } from "./types";

/**
 * Fraud serving, on a COPY of the bench demo store (data/bench/demo-seed42-scale1.db is never written):
 * (a) batch scoring of the 100,000 most recent payments through the score job's code (rules, model, reasons for the
 *     review and block decisions, scores and cases written one transaction per chunk): features -> scores seconds,
 *     and end to end with the database reads and writes;
 * (b) POST /api/v1/fraud/score under load: the production build (`next start`) on loopback, 50 concurrent clients
 *     with keep-alive connections for 30 s, first at a steady 6 requests a second each, then flat out, each request a new transaction id carrying a real demo payment's
 *     details (so each one inserts a payment and its score). Needs `npx next build` first (in NEXT_DIST_DIR, `.next` by default).
 * The champion is a quick fit (1 network, a few epochs) trained through the app's job runner on the copy: serving
 * speed depends on the architecture, not on how long it trained. Client and server share this machine's cores.
 */
export const LOAD_CLIENTS = 50;
export const LOAD_SECONDS = 30;
const BATCH_PAYMENTS = 100_000;

export async function benchFraudServing(): Promise<BenchSection[]> {
  const scratch = await benchScratch("fraud");
  const { dir } = scratch;
  const file = scratch.copy();
  try {
    const db = openSqlite(file);
    const fitStarted = performance.now();
    const quick = createFraudPipeline({
      classifier: { ...defaultFraudOptions.classifier, members: 1, maxEpochs: 4, maxSeconds: 40 },
      autoencoder: { ...defaultFraudOptions.autoencoder, maxEpochs: 3, maxRows: 20_000, maxSeconds: 15 },
    });
    const job = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null, params: { promoteIfNoChampion: true } });
    await runJob(db, (await claimNextJob(db))!, { dataDir: dir, backend: "bench", pipelines: { fraud: quick } });
    const champion = await championOf(db, "fraud");
    if (!champion?.artifactPath) throw new Error(`the bench's fraud training job ${job.id} registered no champion`);
    const fitSeconds = (performance.now() - fitStarted) / 1000;

    const batch = await batchScore(db, champion.artifactPath, champion, { windowDays: 100_000, limit: BATCH_PAYMENTS });
    const batchRow: BenchRow = {
      model: `batch scoring, ${batch.payments.toLocaleString("en-US")} payments (rules + model + reasons for review/block)`,
      ours: true,
      metrics: {
        payments: batch.payments,
        featuresToScoresSeconds: batch.seconds.featuresToScores,
        explainSeconds: batch.seconds.explain,
        readSeconds: batch.seconds.read,
        writeSeconds: batch.seconds.write,
        endToEndSeconds: batch.seconds.total,
        review: batch.review,
        blocked: batch.blocked,
      },
      fitSeconds,
      predictSeconds: batch.seconds.total,
    };
    const notes = [
      `Copy of the demo store in ${dir}; champion v${champion.version} (quick fit through the job runner, ${fitSeconds.toFixed(0)} s; held-out AUPRC ${champion.metrics?.auprc?.toFixed(3)}).`,
      `Batch: ${batch.payments} payments from ${batch.from} to ${batch.to}; ${batch.review} to review (cases opened: ${batch.casesOpened}), ${batch.blocked} blocked; seconds ${JSON.stringify(batch.seconds)}.`,
    ];
    const rows: BenchRow[] = [batchRow];

    const missing = missingBuild();
    if (missing) {
      notes.push(`API load test skipped: ${missing} (run \`npx next build\`, then the bench again).`);
      await db.close();
    } else {
      const { key } = await createApiKey(db, { id: null, email: "bench" }, { name: "bench load", scopes: ["fraud:score"] });
      const payloads = loadPayloads(db);
      await db.close();
      try {
        const load = await loadTest(dir, key, payloads);
        rows.push(...load.rows);
        notes.push(...load.notes);
      } catch (error) {
        notes.push(`API load test failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // The dedicated scoring process (scripts/scoring-api.ts) needs no build.
    try {
      const reopened = openSqlite(file);
      const { key } = await createApiKey(reopened, { id: null, email: "bench" }, { name: "bench load (scoring process)", scopes: ["fraud:score"] });
      const payloads = loadPayloads(reopened, "DED");
      await reopened.close();
      const dedicated = await loadTestDedicated(dir, key, payloads);
      rows.push(...dedicated.rows);
      notes.push(...dedicated.notes);
    } catch (error) {
      notes.push(`Scoring process load test failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return [{ task: "fraud", dataset: "demo store copy: batch scoring and the scoring API under load", split: "the most recent payments (batch); real payments' details under new ids (API)", rows, notes }];
  } finally {
    scratch.remove();
  }
}

/** Why the production build (in NEXT_DIST_DIR, `.next` by default) cannot serve the route (none, or one built before it), or null. */
export function missingBuild(): string | null {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = path.resolve(dist, "app-path-routes-manifest.json");
  if (!existsSync(path.resolve(dist, "BUILD_ID")) || !existsSync(manifest)) return `no production build in ${dist}`;
  const routes = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>;
  return Object.values(routes).includes("/api/v1/fraud/score") ? null : `the build in ${dist} predates /api/v1/fraud/score`;
}

type PaymentRow = {
  amount_cents: number;
  currency: string;
  created_at: number;
  card_hash: string;
  card_bin: string | null;
  card_country: string | null;
  email: string | null;
  device_id: string | null;
  ip_address: string | null;
  ip_country: string | null;
  billing_country: string | null;
  shipping_country: string | null;
  channel: string | null;
  customer_ref: string | null;
  account_age_days: number | null;
  is_new_device: number | null;
  card_txn_count_24h: number | null;
  device_account_count: number | null;
  amount_to_customer_avg: number | null;
  hour_of_day: number | null;
};

/** The latest 60,000 demo payments as API bodies (JSON text), each under a new transaction id; invalid ones left out. */
function loadPayloads(db: Db, prefix = "LOAD"): string[] {
  // A bulk read of the demo store's SQLite file, synchronous (the bench runs on SQLite only).
  const rows = rawSqlite(db).$client
    .prepare<[], PaymentRow>(
      `SELECT p.amount_cents, p.currency, p.created_at, p.card_hash, p.card_bin, p.card_country, p.email, p.device_id, p.ip_address,
         p.ip_country, p.billing_country, p.shipping_country, c.code AS channel, cu.external_id AS customer_ref, p.account_age_days,
         p.is_new_device, p.card_txn_count_24h, p.device_account_count, p.amount_to_customer_avg, p.hour_of_day
       FROM payment_transactions p LEFT JOIN channels c ON c.id = p.channel_id LEFT JOIN customers cu ON cu.id = p.customer_id
       ORDER BY p.created_at DESC LIMIT 60000`,
    )
    .all();
  const bodies: string[] = [];
  rows.forEach((r, i) => {
    const body = {
      transaction_id: `${prefix}-${process.pid}-${i}`,
      amount: r.amount_cents / 100,
      currency: r.currency,
      created_at: new Date(r.created_at).toISOString(),
      card_hash: r.card_hash,
      card_bin: r.card_bin,
      card_country: r.card_country,
      email: r.email,
      device_id: r.device_id,
      ip_address: r.ip_address,
      ip_country: r.ip_country,
      billing_country: r.billing_country,
      shipping_country: r.shipping_country,
      channel: r.channel,
      customer_id: r.customer_ref,
      account_age_days: r.account_age_days,
      is_new_device: r.is_new_device === null ? null : r.is_new_device === 1,
      card_txn_count_24h: r.card_txn_count_24h,
      device_account_count: r.device_account_count,
      amount_to_customer_avg: r.amount_to_customer_avg,
      hour_of_day: r.hour_of_day,
    };
    if (paymentInputSchema.safeParse(body).success) bodies.push(JSON.stringify(body));
  });
  return bodies;
}

export type Reply = { status: number; ms: number; decision?: string; at?: number };
export type Run = { replies: Reply[]; elapsed: number };
export type Call = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

export function send(agent: http.Agent, port: number, call: Call): Promise<Reply> {
  const started = performance.now();
  const headers = call.body === undefined ? call.headers : { ...call.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(call.body)) };
  return new Promise((resolve) => {
    const request = http.request({ agent, host: "127.0.0.1", port, path: call.path, method: call.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => {
        let decision: string | undefined;
        try {
          decision = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { decision?: string }).decision;
        } catch {
          decision = undefined;
        }
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, decision });
      });
      response.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    });
    request.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(call.body);
  });
}

/** LOAD_CLIENTS closed-loop clients, each sending its next request as soon as the previous one is answered. */
export async function drive(agent: http.Agent, port: number, seconds: number, next: () => Call): Promise<Run> {
  const replies: Reply[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: LOAD_CLIENTS }, async () => {
      while (performance.now() < end) replies.push(await send(agent, port, next()));
    }),
  );
  return { replies, elapsed: (performance.now() - started) / 1000 };
}

export function summarise({ replies, elapsed }: Run): Record<string, number> {
  const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? Number.NaN;
  return {
    requests: replies.length,
    errors: replies.filter((r) => r.status !== 200).length,
    requestsPerSecond: replies.length / elapsed,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: ms[ms.length - 1] ?? Number.NaN,
  };
}

const HEALTH_SECONDS = 10;
/** Paced runs: each client sends this many requests a second (50 clients: 100 and 300 a second; saturation is ~700 here). */
export const PACED_RATES = [2, 6] as const;

/**
 * LOAD_CLIENTS clients that each send `perClient` requests a second on a fixed schedule whether or not earlier
 * answers came back (open loop, like a checkout calling the API at its own pace). Latency runs from the scheduled
 * send time, so a slow answer also counts against the requests queued behind it (no coordinated omission).
 */
export async function drivePaced(agent: http.Agent, port: number, seconds: number, perClient: number, next: () => Call): Promise<Run> {
  const replies: Reply[] = [];
  const interval = 1000 / perClient;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: LOAD_CLIENTS }, async (_, client) => {
      // Clients start spread over one interval so the load is smooth, not 50 at once.
      for (let k = 0; ; k++) {
        const scheduled = started + (client / LOAD_CLIENTS) * interval + k * interval;
        if (scheduled > started + seconds * 1000) break;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(send(agent, port, next()).then((reply) => void replies.push({ ...reply, ms: performance.now() - scheduled, at: scheduled - started })));
      }
    }),
  );
  await Promise.all(inFlight);
  return { replies, elapsed: (performance.now() - started) / 1000 };
}

/**
 * What both servers are put through, each request a new payment: a warm-up (the first request loads the champion,
 * then a short burst so the server's code paths are compiled), a run at each of PACED_RATES, then flat out.
 */
async function driveScoring(agent: http.Agent, port: number, key: string, payloads: string[], server: string): Promise<{ firstMs: number; paced: { perClient: number; run: Run }[]; flat: Run }> {
  let next = 0;
  const score = (): Call => ({ method: "POST", path: "/api/v1/fraud/score", headers: { authorization: `Bearer ${key}` }, body: payloads[next++ % payloads.length]! });
  const warmStarted = performance.now();
  const first = await send(agent, port, score());
  if (first.status !== 200) throw new Error(`${server} answered ${first.status} to the first request`);
  const firstMs = performance.now() - warmStarted;
  await Promise.all(Array.from({ length: LOAD_CLIENTS }, () => send(agent, port, score())));
  const paced: { perClient: number; run: Run }[] = [];
  for (const perClient of PACED_RATES) {
    const run = await drivePaced(agent, port, LOAD_SECONDS, perClient, score);
    if (process.env.FRAUD_BENCH_TIMELINE === "1") printTimeline(run.replies);
    paced.push({ perClient, run });
  }
  return { firstMs, paced, flat: await drive(agent, port, LOAD_SECONDS, score) };
}

export const loadRow = (model: string, metrics: Record<string, number>): BenchRow => ({ model, ours: true, metrics, fitSeconds: 0, predictSeconds: metrics.p99Ms! / 1000 });

/** "n errors (statuses ...)" of a run. */
export function errorCount(replies: Reply[]): string {
  const failed = replies.filter((r) => r.status !== 200);
  return `${failed.length} errors${failed.length ? ` (statuses ${[...new Set(failed.map((r) => r.status))].join(", ")})` : ""}`;
}

async function loadTest(dataDir: string, key: string, payloads: string[]): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const port = await freePort();
  const app = await startApp(dataDir, port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD_CLIENTS });
  try {
    const { firstMs, paced, flat } = await driveScoring(agent, port, key, payloads, "the scoring API");
    const metrics = summarise(flat);
    const decisions = new Map<string, number>();
    for (const r of flat.replies) if (r.decision) decisions.set(r.decision, (decisions.get(r.decision) ?? 0) + 1);
    // The same clients on the cheapest route (one COUNT query): what Next.js and the client cost on these cores.
    const health = summarise(await drive(agent, port, HEALTH_SECONDS, () => ({ method: "GET", path: "/api/health" })));
    return {
      rows: [
        ...paced.map(({ perClient, run }) => loadRow(`POST /api/v1/fraud/score, ${LOAD_CLIENTS} clients x ${perClient}/s paced (${LOAD_CLIENTS * perClient}/s), ${LOAD_SECONDS} s`, summarise(run))),
        { model: `POST /api/v1/fraud/score, ${LOAD_CLIENTS} clients flat out (saturation), ${LOAD_SECONDS} s`, metrics, fitSeconds: 0, predictSeconds: metrics.p99Ms! / 1000 },
        { model: `reference: GET /api/health, same clients, ${HEALTH_SECONDS} s`, metrics: health, fitSeconds: 0, predictSeconds: health.p99Ms! / 1000 },
      ],
      notes: [
        `API: ${metrics.requests} requests in ${flat.elapsed.toFixed(1)} s from ${LOAD_CLIENTS} keep-alive clients on loopback (client and server on the same ${os.cpus().length} cores); ${errorCount(flat.replies)}; decisions ${JSON.stringify(Object.fromEntries(decisions))}.`,
        `API: the first request (loading the champion) took ${firstMs.toFixed(0)} ms; ${payloads.length} distinct real payments were replayed under new transaction ids.`,
        "API paced: an open-loop schedule at the stated rate, latency from each request's scheduled time.",
        "API flat out: closed-loop clients, so latency ~ clients / throughput once the server is saturated; the health route shows the framework's own ceiling on the same cores.",
      ],
    };
  } finally {
    agent.destroy();
    app.stop();
  }
}

/** FRAUD_BENCH_TIMELINE=1: per second of a paced run, the median and worst latency (to tell warm-up from steady stalls). */
function printTimeline(replies: Reply[]): void {
  const bySecond = new Map<number, number[]>();
  for (const r of replies) {
    const second = Math.floor((r.at ?? 0) / 1000);
    bySecond.set(second, [...(bySecond.get(second) ?? []), r.ms]);
  }
  for (const [second, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b);
    console.error(`paced second ${second}: n=${ms.length} p50=${ms[Math.floor(ms.length / 2)]!.toFixed(0)} max=${ms[ms.length - 1]!.toFixed(0)}`);
  }
}

/** scripts/scoring-api.ts on a free port against the same data directory, driven like the app's route. */
async function loadTestDedicated(dataDir: string, key: string, payloads: string[]): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const scoring = await startScoringProcess(dataDir);
  const port = Number(new URL(scoring.url).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD_CLIENTS });
  try {
    const { paced, flat } = await driveScoring(agent, port, key, payloads, "the scoring process");
    const flatMetrics = summarise(flat);
    return {
      rows: [
        ...paced.map(({ perClient, run }) => loadRow(`scoring process, ${LOAD_CLIENTS} clients x ${perClient}/s paced (${LOAD_CLIENTS * perClient}/s), ${LOAD_SECONDS} s`, summarise(run))),
        loadRow(`scoring process, ${LOAD_CLIENTS} clients flat out, ${LOAD_SECONDS} s`, flatMetrics),
      ],
      notes: [`Scoring process (scripts/scoring-api.ts, plain node:http, same handler): flat out ${flatMetrics.requests} requests, ${errorCount(flat.replies)}.`],
    };
  } finally {
    agent.destroy();
    scoring.stop();
  }
}
