import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { dropStoreSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../test/support/postgres";
import { runStoreStep, storeEnv, type JobTiming, type StoreEnv } from "./store-process";
import type { BenchRow, BenchSection } from "./types";

/**
 * Workers on PostgreSQL (issue 16): two training jobs run by one worker process, then the same two jobs run by two
 * worker processes at once (pg-boss hands each job to one worker). A fresh schema in the test database
 * (PG_TEST_URL, postgres://postgres@127.0.0.1:5432/test by default) holds a small demo store (scale DEMO_SCALE);
 * the jobs train the fraud model twice, with seeds 1 and 2 (the same work, so two workers could at best halve it).
 * The workers are `npx tsx lib/jobs/worker.ts` processes as `npm run worker` starts them, started and ready (pg-boss
 * running) before the jobs are queued. Wall time runs from the first job's creation to the last one's end, read
 * from the jobs table; ROUNDS rounds in the order one, two, two, one (..), and the row shows each's median.
 * Training runs TensorFlow.js on the CPU: with two workers on a 2-core machine (shared with the database and
 * anything else running), the two fits compete for the same cores, so the gain is well short of 2x.
 */
const DEMO_SCALE = 0.08;
const JOBS = ["fraud:1", "fraud:2"] as const;
const ROUNDS = Number(process.env.WORKERS_BENCH_ROUNDS ?? 2);
const READY_TIMEOUT_MS = 120_000;
const JOB_TIMEOUT_MS = 600_000;
const STOP_GRACE_MS = 10_000;

type Worker = { index: number; jobsRun: number[]; cpuSeconds: () => number | null; stop: () => Promise<"exited" | "killed">; log: () => string };

/**
 * CPU seconds (user + system) used so far by the processes of a process group, from /proc (Linux; null elsewhere).
 * Assumes the usual 100 clock ticks a second.
 */
function groupCpuSeconds(pgid: number): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      // Fields after the command name (which may hold spaces): state ppid pgrp ... utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

/** One `npx tsx lib/jobs/worker.ts` process on the bench schema, resolved once it says it is ready. */
async function startWorker(target: StoreEnv, index: number): Promise<Worker> {
  const child = spawn("npx", ["tsx", "lib/jobs/worker.ts"], {
    env: { ...storeEnv(target), WORKER_KINDS: "train", WORKER_TASKS: "fraud" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const jobsRun: number[] = [];
  const read = (d: Buffer) => {
    const text = d.toString();
    log += text;
    for (const m of text.matchAll(/\[worker\] job (\d+): train/g)) jobsRun.push(Number(m[1]));
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  // The worker runs under npx and tsx: the whole process group is signalled, and gone only when none of it is left.
  const signal = (name: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-child.pid!, name);
      return true;
    } catch {
      return false; // no process of the group is left
    }
  };
  const goneWithin = async (ms: number) => {
    for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) if (!signal(0)) return true;
    return !signal(0);
  };
  // SIGTERM as a supervisor would send it; what is still running STOP_GRACE_MS later is killed.
  const stop = async (): Promise<"exited" | "killed"> => {
    if (!signal("SIGTERM") || (await goneWithin(STOP_GRACE_MS))) return "exited";
    signal("SIGKILL");
    await goneWithin(5000);
    return "killed";
  };
  const until = Date.now() + READY_TIMEOUT_MS;
  while (!/\[worker\] ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`worker ${index} did not start:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { index, jobsRun, cpuSeconds: () => groupCpuSeconds(child.pid!), stop, log: () => log };
}

type Measured = { workers: number; wallSeconds: number; jobs: (JobTiming & { worker: number | null })[]; killed: number; workerCpuSeconds: number | null; loadAverage: number };

/** Starts `count` workers, queues the jobs, waits until both ended, stops the workers. */
async function measure(target: StoreEnv & { postgres: { url: string; schema: string } }, count: number): Promise<Measured> {
  const workers = await Promise.all(Array.from({ length: count }, (_, i) => startWorker(target, i + 1)));
  const client = new pg.Client({ connectionString: target.postgres.url });
  let stopped: ("exited" | "killed")[] = [];
  let timings: JobTiming[];
  const cpu = (): number | null => {
    let total = 0;
    for (const w of workers) {
      const seconds = w.cpuSeconds();
      if (seconds === null) return null;
      total += seconds;
    }
    return total;
  };
  let cpuBefore: number | null = null;
  let cpuAfter: number | null = null;
  try {
    await client.connect();
    cpuBefore = cpu();
    const ids = await runStoreStep<number[]>(target, "enqueue-train", [...JOBS]);
    const until = Date.now() + JOB_TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ status: string }>(`select status from "${target.postgres.schema}".jobs where id = any($1)`, [ids]);
      if (rows.length === ids.length && rows.every((r) => ["succeeded", "failed", "cancelled"].includes(r.status))) break;
      if (Date.now() > until) throw new Error(`jobs ${ids.join(", ")} did not finish in ${JOB_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    cpuAfter = cpu();
    timings = await runStoreStep<JobTiming[]>(target, "jobs", ids.map(String));
  } finally {
    await client.end().catch(() => undefined);
    // Every worker is gone before the next row starts its own.
    stopped = await Promise.all(workers.map((w) => w.stop()));
  }
  const failed = timings.filter((t) => t.status !== "succeeded");
  if (failed.length) throw new Error(`jobs ended ${failed.map((t) => `${t.id} ${t.status}: ${t.error}`).join("; ")}`);
  return {
    workers: count,
    wallSeconds: (Math.max(...timings.map((t) => t.finishedAt!)) - Math.min(...timings.map((t) => t.createdAt))) / 1000,
    jobs: timings.map((t) => ({ ...t, worker: workers.find((w) => w.jobsRun.includes(t.id))?.index ?? null })),
    killed: stopped.filter((s) => s === "killed").length,
    workerCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    loadAverage: os.loadavg()[0]!,
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchWorkers(): Promise<BenchSection[]> {
  const cores = os.cpus().length;
  const section = (rows: BenchRow[], notes: string[]): BenchSection[] => [
    { task: "workers", dataset: `demo store, scale ${DEMO_SCALE}, on PostgreSQL`, split: `two training jobs (${JOBS.join(", ")}: task:seed), one worker process vs two`, rows, notes },
  ];
  const unreachable = await postgresUnreachable("The workers bench");
  if (unreachable) return section([], [`Skipped: no PostgreSQL at ${postgresUrl} (${unreachable}). Start it or set PG_TEST_URL.`]);

  const schema = testSchemaName("bench_workers");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "storefront-bench-workers-"));
  const target = { dataDir, postgres: { url: postgresUrl, schema } };
  try {
    const seeded = await runStoreStep<{ seconds: number; counts: Record<string, number> }>(target, "seed-demo", [String(DEMO_SCALE)]);
    const runs: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [1, 2] : [2, 1];
      for (const count of order) runs.push(await measure(target, count));
    }
    const of = (count: number) => runs.filter((r) => r.workers === count);
    const row = (count: number): BenchRow => {
      const mine = of(count);
      const jobSeconds = mine.flatMap((r) => r.jobs.map((j) => (j.finishedAt! - j.startedAt!) / 1000));
      const wall = median(mine.map((r) => r.wallSeconds));
      return {
        model: count === 1 ? "one worker process, the two jobs one after the other" : "two worker processes, one job each at once",
        ours: count === 2,
        metrics: { workers: count, wallSeconds: wall, medianJobSeconds: median(jobSeconds), ratioToOneWorker: count === 1 ? 1 : wall / median(of(1).map((r) => r.wallSeconds)) },
        fitSeconds: wall,
        predictSeconds: 0,
      };
    };
    const rows = [row(1), row(2)];
    const describe = (r: Measured) =>
      `${r.workers} worker${r.workers > 1 ? "s" : ""}: wall ${r.wallSeconds.toFixed(1)} s, worker processes' CPU ${r.workerCpuSeconds === null ? "?" : `${r.workerCpuSeconds.toFixed(1)} s (${(r.workerCpuSeconds / r.wallSeconds).toFixed(2)} cores)`}, 1-min load average ${r.loadAverage.toFixed(1)} after; ` +
      r.jobs
        .map((j) => `job ${j.id} (${j.task}, seed ${j.seed}) on worker ${j.worker ?? "?"}: waited ${((j.startedAt! - j.createdAt) / 1000).toFixed(1)} s, ran ${((j.finishedAt! - j.startedAt!) / 1000).toFixed(1)} s, ${j.epochs} epochs`)
        .join("; ");
    const epochsBySeed = new Map<number, Set<number>>();
    for (const j of runs.flatMap((r) => r.jobs)) epochsBySeed.set(j.seed, (epochsBySeed.get(j.seed) ?? new Set()).add(j.epochs));
    const sameWork = [...epochsBySeed.values()].every((e) => e.size === 1);
    // The best two workers could do: the longer job's time alone, over both jobs' times one after the other.
    const ideal = median(of(1).map((r) => Math.max(...r.jobs.map((j) => j.finishedAt! - j.startedAt!)) / r.jobs.reduce((t, j) => t + j.finishedAt! - j.startedAt!, 0)));
    const twoWorkersShared = of(2).every((r) => new Set(r.jobs.map((j) => j.worker)).size === 2);
    return section(rows, [
      `Machine: ${cores} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end; PostgreSQL ${postgresUrl}, schema ${schema}; demo store seeded in ${seeded.seconds.toFixed(1)} s (${seeded.counts.payment_transactions} payments).`,
      `Wall time: first job created to last job finished (jobs table); ${ROUNDS} round(s), order one/two then two/one; the rows show medians. Ratio two/one: ${rows[1]!.metrics.ratioToOneWorker!.toFixed(2)} (with a free core per worker at best ${ideal.toFixed(2)}: the longer job's time over both jobs' times in the one-worker runs).`,
      ...runs.map((r, i) => `run ${i + 1}, ${describe(r)}`),
      runs.some((r) => r.killed > 0)
        ? `${runs.reduce((t, r) => t + r.killed, 0)} of ${runs.reduce((t, r) => t + r.workers, 0)} worker processes had not exited ${STOP_GRACE_MS / 1000} s after SIGTERM and were killed (after the measurement; the times above are unaffected).`
        : "Every worker process exited on SIGTERM.",
      twoWorkersShared ? "With two workers pg-boss handed one job to each, every round." : "With two workers, in some round one worker ran both jobs (the other fetched too late).",
      `Training is TensorFlow.js on the CPU; two fits at once share these ${cores} cores (with PostgreSQL and the bench itself), so two workers cannot halve the wall time here: each job runs longer while the other trains. "cores" above is the worker processes' CPU seconds over the wall time: with one worker, how many cores one fit uses; with two, how many the two fits got between them (other processes on the machine take the rest). ${sameWork ? "Each seed ran the same number of epochs in every run (no time cap cut a fit short), so both rows did the same work." : "Warning: a seed ran different numbers of epochs across runs (a time cap?), so the rows did not do exactly the same work."}`,
    ]);
  } finally {
    await dropStoreSchema(schema).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
