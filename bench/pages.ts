import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { demoUsers } from "../db/seed/users";
import { openSqlite, type Db } from "../lib/db";
import { seedDemoAccounts } from "../lib/platform/demo-store";
import { defaultFraudOptions } from "../models/fraud/index";
import { claimNextJob, enqueueJob } from "../lib/jobs/queue";
import { runJob } from "../lib/jobs/run-job";
import { createForecastPipeline } from "../lib/forecasts/pipeline";
import { createFraudPipeline } from "../lib/fraud/pipeline";
import { createPricingPipeline } from "../lib/pricing/pipeline";
import { freePort, launchBrowser, signIn, startApp } from "../test/e2e/harness";
import { benchScratch } from "./demo-store";
import type { BenchRow, BenchSection } from "./types";

/**
 * Page times at 1 and 4 x the demo store: the server side of the pages people open most, served by the production
 * build (`next start`) over loopback to a signed-in admin, each requested 2 times to warm up and then 10 times in a
 * row; the median wall time to the last byte, the server's CPU time per request (its process group's, from /proc:
 * steadier than wall time on a shared machine), and the scale-4 / scale-1 ratio. Goal: under 300 ms at scale 4,
 * detail pages flat (ratio near 1).
 * Each scale runs on a COPY of the bench store (data/bench/demo-seed42-scale{1,4}.db is never written) with the demo
 * sign-ins and quick-fit forecast, pricing and fraud champions trained and published through the app's job runner:
 * a forecast run, price recommendations and fraud cases, as the pages need. What a page costs depends on what is
 * stored, not on how long the models trained. Needs a production build:
 *   NEXT_DIST_DIR=.next-perf npx next build && NEXT_DIST_DIR=.next-perf npm run bench -- pages
 */
const SCALES = [1, 4] as const;
const WARM_UPS = 2;
const REQUESTS = 10;
const GOAL_MS = 300;
const ADMIN = demoUsers.find((u) => u.role === "admin")!;
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");

const quickPipelines = {
  forecast: createForecastPipeline({ network: { maxEpochs: 3, patience: 2, hidden: 16 }, maxWindows: 4000, finalEpochs: 1 }),
  pricing: createPricingPipeline({ members: 2, maxSteps: 100, evalEvery: 20, patience: 3, minRefitSteps: 20, maxSeconds: 30 }),
  fraud: createFraudPipeline({
    classifier: { ...defaultFraudOptions.classifier, members: 1, hidden: [16], maxEpochs: 3, patience: 2, maxSeconds: 30 },
    autoencoder: { ...defaultFraudOptions.autoencoder, maxEpochs: 2, maxRows: 20_000, maxSeconds: 10 },
    refit: false,
  }),
};

type Timing = { wallMs: number; cpuMs: number };
type ScaleResult = { store: string; prepareSeconds: number; pages: Map<string, Timing> };

export async function benchPages(): Promise<BenchSection[]> {
  const section = { task: "pages" as const, dataset: "demo store at scale 1 and 4 (the app's pages, production build)", split: `${WARM_UPS} warm-up requests, then the median of ${REQUESTS}` };
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    return [{ ...section, rows: [], notes: [`skipped: no production build in ${distDir} (run NEXT_DIST_DIR=.next-perf npx next build, and this bench with the same NEXT_DIST_DIR)`] }];
  }
  const results = new Map<number, ScaleResult>();
  for (const scale of SCALES) results.set(scale, await benchScale(scale));
  const [small, large] = SCALES.map((s) => results.get(s)!);
  const rows: BenchRow[] = [...large!.pages].map(([page, at4]) => {
    const at1 = small!.pages.get(page)!;
    return {
      model: page,
      metrics: { "scale 1 ms": at1.wallMs, "scale 4 ms": at4.wallMs, "ratio 4/1": at4.wallMs / at1.wallMs, "cpu 1 ms": at1.cpuMs, "cpu 4 ms": at4.cpuMs, "cpu ratio": at4.cpuMs / at1.cpuMs },
      fitSeconds: 0,
      predictSeconds: 0,
    };
  });
  const over = rows.filter((r) => r.metrics["scale 4 ms"]! >= GOAL_MS).map((r) => r.model);
  return [
    {
      ...section,
      rows,
      notes: [
        `goal: every page under ${GOAL_MS} ms at scale 4, detail pages (<id>) flat (ratio near 1); over the goal: ${over.length === 0 ? "none" : over.join(", ")}`,
        ...SCALES.map((s) => `scale ${s}: ${results.get(s)!.store}; copy prepared (sign-ins, quick champions, publications) in ${results.get(s)!.prepareSeconds.toFixed(0)} s`),
        "ms = median wall time to the last byte; cpu = the server's CPU time per request (mean of the 10); fit s and predict s do not apply here (0)",
        `machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end; client and server share them`,
      ],
    },
  ];
}

async function benchScale(scale: number): Promise<ScaleResult> {
  const scratch = await benchScratch(`pages-${scale}`, { scale });
  const { dir } = scratch;
  const file = scratch.copy(); // storefront.db: the file the app opens in its data directory
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    const started = performance.now();
    const db = openSqlite(file);
    let prepared: Awaited<ReturnType<typeof prepareStore>>;
    try {
      prepared = await prepareStore(db, dir);
    } finally {
      await db.close();
    }
    const { ids, store } = prepared;
    const prepareSeconds = (performance.now() - started) / 1000;
    const port = await freePort();
    app = await startApp(dir, port);
    const cookie = await signedInCookie(app.url);
    const pages = new Map<string, Timing>();
    // Detail pages are labelled "/<id>": the id differs between the stores.
    for (const page of ["/", "/forecasts", "/forecasts?channel=web", `/forecasts/${ids.product}`, "/models", "/fraud", `/fraud/cases/${ids.fraudCase}`, "/pricing", `/pricing/${ids.pricedProduct}`]) {
      pages.set(page.replace(/\/\d+$/, "/<id>"), await timePage(app.url + page, cookie, port));
    }
    return { store, prepareSeconds, pages };
  } finally {
    app?.stop();
    scratch.remove();
  }
}

/** Demo sign-ins, then each quick champion trained, promoted and published by the job runner (train job, then the score job it queues). */
async function prepareStore(db: Db, dataDir: string) {
  await seedDemoAccounts(db);
  for (const task of ["forecast", "pricing", "fraud"] as const) {
    await enqueueJob(db, { kind: "train", task, createdBy: null, params: { promoteIfNoChampion: true } });
    for (let job = await claimNextJob(db); job; job = await claimNextJob(db)) {
      await runJob(db, job, { dataDir, backend: "bench", pipelines: quickPipelines });
    }
  }
  const one = async (query: SQL) => (await db.get<{ id: number | null }>(query))?.id ?? null;
  const ids = {
    product: await one(sql`SELECT MIN(product_id) AS "id" FROM forecast_plans WHERE run_id = (SELECT MAX(id) FROM forecast_runs)`),
    fraudCase: await one(sql`SELECT MIN(id) AS "id" FROM fraud_cases WHERE status = 'open'`),
    pricedProduct: await one(sql`SELECT MIN(product_id) AS "id" FROM price_recommendations WHERE run_id = (SELECT MAX(id) FROM price_runs)`),
  };
  const failed = await db.all<{ task: string; error: string | null }>(sql`SELECT task, error FROM jobs WHERE status <> 'succeeded'`);
  if (failed.length > 0 || Object.values(ids).includes(null)) throw new Error(`the bench store is not ready: ${JSON.stringify({ failed, ids })}`);
  const count = async (table: string) => Number((await db.get<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM ${sql.identifier(table)}`))!.n).toLocaleString("en-US");
  const store = `${await count("products")} products, ${await count("daily_sales")} daily sales, ${await count("orders")} orders, ${await count("payment_transactions")} payments, ${await count("fraud_cases")} fraud cases`;
  return { ids: ids as Record<keyof typeof ids, number>, store };
}

/** Signs in through the real sign-in form in a headless browser, and returns the session as a Cookie header. */
export async function signedInCookie(url: string, user: { email: string; password: string } = ADMIN): Promise<string> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await signIn(page, url, user.email, user.password);
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

async function timePage(url: string, cookie: string, port: number): Promise<Timing> {
  const get = async () => {
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  };
  for (let i = 0; i < WARM_UPS; i++) await get();
  const walls: number[] = [];
  const cpuBefore = serverCpuMs(port);
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await get();
    walls.push(performance.now() - started);
  }
  walls.sort((a, b) => a - b);
  return { wallMs: (walls[REQUESTS / 2 - 1]! + walls[REQUESTS / 2]!) / 2, cpuMs: (serverCpuMs(port) - cpuBefore) / REQUESTS };
}

/** User + system CPU of the `next start -p <port>` process group so far, in ms, from /proc (Linux, 100 ticks a second). */
function serverCpuMs(port: number): number {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return ""; // the process ended meanwhile
    }
  };
  // After the command name: pgrp is the 3rd field, utime and stime the 12th and 13th (fields 5, 14 and 15 of man 5 proc).
  const stats = readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .map((pid) => ({ command: read(`/proc/${pid}/cmdline`).split("\0").join(" "), fields: read(`/proc/${pid}/stat`).replace(/^.*\) /s, "").split(" ") }));
  const group = stats.find((s) => s.command.includes(`start -p ${port}`))?.fields[2];
  if (!group) throw new Error(`no server process for port ${port}`);
  const ticks = stats.filter((s) => s.fields[2] === group).reduce((sum, s) => sum + Number(s.fields[11]) + Number(s.fields[12]), 0);
  return ticks * 10;
}

/** A GET of a page as a signed-in user, timed to its last byte (ms); anything but 200 throws with the start of the body. */
export function pageTimer(base: string, cookie: string): (page: string) => Promise<number> {
  return async (page) => {
    const started = performance.now();
    const response = await fetch(base + page, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${page} answered ${response.status}: ${body.slice(0, 200)}`);
    return performance.now() - started;
  };
}
