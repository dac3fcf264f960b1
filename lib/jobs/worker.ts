import { pathToFileURL } from "node:url";
import path from "node:path";
import { getDb, openSqlite, type Db } from "../db";
import { usesPostgres } from "../db-dialect";
import { backoffMs, isTransientDbError } from "../../db/retry";
import { env } from "../env";
import { ensureBackend } from "../../models/backend";
import type { TrainingPipeline } from "./pipeline";
import { jobKinds, modelTasks } from "../schema";
import { bossFor, stopBosses } from "./boss";
import { jobQueueName, workJobs, type QueueOrder } from "./pg-boss-queue";
import { claimJob, claimNextJob, failStaleJobs, sweepStaleJobs, waitingJobs, type JobFilter } from "./queue";
import { runJob } from "./run-job";

export type WorkerOptions = {
  db: Db;
  dataDir: string;
  modelDir?: string;
  pipelines: Partial<Record<string, TrainingPipeline>>;
  /** The kinds and tasks this worker takes (all when empty): e.g. a GPU machine `train`, a CPU machine `score`. */
  filter?: JobFilter;
  once?: boolean;
  idleMs?: number;
  signal?: AbortSignal;
};

/**
 * The training worker: one job at a time, off the web server's request path. Started beside the web server by
 * `npm run demo` (and `npm run worker`), which restarts it if it exits; as a process it also runs the queue of large
 * CSV imports (lib/csv/queue.ts). On start it fails any job a previous worker left running.
 *
 * It outlives a busy database: when another process holds SQLite's write lock past the busy timeout (a long import),
 * the failed step is logged and tried again after a growing pause (0.25 s doubling to 10 s), and the loop goes on.
 * Other errors between jobs are logged and retried the same way rather than ending the process.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  if (options.db.dialect === "postgres") return runPostgresWorker(options);
  const backend = await ensureBackend();
  const stopping = () => options.signal?.aborted ?? false;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let orphansSwept = false;
  let failures = 0;
  console.error(`[worker] ready on the ${backend.name} backend (${backend.reason})`);
  while (!stopping()) {
    try {
      if (!orphansSwept) {
        const orphaned = await failStaleJobs(options.db, 0, "The worker stopped while this job was running (it was restarted or killed).");
        if (orphaned > 0) console.error(`[worker] marked ${orphaned} orphaned job(s) failed`);
        orphansSwept = true;
      }
      const job = await claimNextJob(options.db, options.filter);
      failures = 0;
      if (job) {
        console.error(`[worker] job ${job.id}: ${job.kind} ${job.task}`);
        await runJob(options.db, job, { dataDir: options.dataDir, modelDir: options.modelDir, backend: backend.name, pipelines: options.pipelines });
        continue;
      }
      if (options.once) break;
      await sweepStaleJobs(options.db);
    } catch (error) {
      failures++;
      const wait = backoffMs(failures);
      const what = isTransientDbError(error) ? "the database is busy (another process holds the write lock)" : "unexpected error";
      console.error(`[worker] ${what}; trying again in ${wait} ms (failure ${failures} in a row)`, isTransientDbError(error) ? "" : error);
      await sleep(wait);
      continue;
    }
    await sleep(options.idleMs ?? 1000);
  }
}

/**
 * On PostgreSQL any number of workers, on any number of machines, take jobs from pg-boss (lib/jobs/pg-boss-queue.ts):
 * each job goes to one worker, which marks its row running (claimJob) and runs it as on SQLite. A run that throws
 * (the database went away mid-job) is retried by pg-boss after its backoff; nothing it half-wrote is used. Jobs whose
 * worker stopped beating are handed back to pg-boss (recoverLostJobs), which gives them to another worker. Unlike
 * SQLite's single worker, a starting worker does not fail the running jobs it finds: they may be other workers'.
 */
async function runPostgresWorker(options: WorkerOptions): Promise<void> {
  const backend = await ensureBackend();
  const { db } = options;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let boss = null;
  for (let failures = 1; !boss; failures++) {
    try {
      boss = await bossFor(db, { maintenance: true });
    } catch (error) {
      if (options.signal?.aborted) return;
      const wait = backoffMs(failures);
      console.error(`[worker] cannot reach PostgreSQL's job queue; trying again in ${wait} ms`, error instanceof Error ? error.message : error);
      await sleep(wait);
    }
  }
  const only = [options.filter?.kinds?.join(","), options.filter?.tasks?.join(",")].filter(Boolean).join(" / ");
  console.error(`[worker] ready on the ${backend.name} backend (${backend.reason}); PostgreSQL queue${only ? ` (${only})` : ""}`);
  let lastSweep = 0;
  const sweep = async () => {
    if (Date.now() - lastSweep < 15_000) return;
    lastSweep = Date.now();
    const recovered = await sweepStaleJobs(db).catch(() => 0);
    if (recovered > 0) console.error(`[worker] handed ${recovered} job(s) of lost workers back to the queue`);
  };
  const run = async (jobId: number) => {
    const job = await claimJob(db, jobId);
    if (!job) return "ended"; // cancelled meanwhile, or already finished
    console.error(`[worker] job ${job.id}: ${job.kind} ${job.task}`);
    return runJob(db, job, { dataDir: options.dataDir, modelDir: options.modelDir, backend: backend.name, pipelines: options.pipelines });
  };
  // Each pass sweeps for lost workers' jobs (at most every 15 s) and reads the order again; workJobs runs until
  // stopped (or, `once`, until nothing is left), and is started again after an error of the queue.
  const order = async () => {
    await sweep();
    return queueOrder(db);
  };
  while (!options.signal?.aborted) {
    try {
      await workJobs(boss, options.filter ?? {}, run, { signal: options.signal, idleMs: options.idleMs, once: options.once, order });
      return;
    } catch (error) {
      console.error("[worker] the queue failed; trying again", error instanceof Error ? error.message : error);
    }
    await sleep(options.idleMs ?? 1000);
  }
}

/**
 * pg-boss's queue names of the jobs waiting in the jobs table, oldest first (one pass of the worker runs them in
 * order), and those of score and evaluate jobs waiting behind a training of their task, left for now.
 */
async function queueOrder(db: Db): Promise<QueueOrder> {
  const waiting = await waitingJobs(db);
  const names = (list: typeof waiting) => [...new Set(list.map((j) => jobQueueName(j.kind, j.task)))];
  return { first: names(waiting), skip: names(waiting.filter((j) => j.behind)) };
}

/** `--kinds train,evaluate --tasks forecast,fraud` (or WORKER_KINDS / WORKER_TASKS): what this worker takes. */
export function workerFilter(argv: readonly string[], fromEnv: { kinds?: string; tasks?: string }): JobFilter {
  const listAfter = (flag: string, fallback?: string) => {
    const i = argv.indexOf(flag);
    const raw = i >= 0 ? argv[i + 1] : fallback;
    return raw ? raw.split(",").map((v) => v.trim()).filter(Boolean) : [];
  };
  const kinds = listAfter("--kinds", fromEnv.kinds);
  const tasks = listAfter("--tasks", fromEnv.tasks);
  for (const k of kinds) if (!(jobKinds as readonly string[]).includes(k)) throw new Error(`Unknown job kind '${k}' (expected ${jobKinds.join(", ")})`);
  for (const t of tasks) if (!(modelTasks as readonly string[]).includes(t)) throw new Error(`Unknown task '${t}' (expected ${modelTasks.join(", ")})`);
  return { kinds: kinds as JobFilter["kinds"], tasks: tasks as JobFilter["tasks"] };
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  const { pipelines } = await import("./pipelines");
  const { runImportQueue } = await import("../csv/queue");
  const once = process.argv.includes("--once");
  const stop = new AbortController();
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stop.abort());
  // Large CSV imports queued from the Data page run beside the training jobs, on a connection of their own (a
  // file is read in chunks between which training goes on; neither waits for the other to finish). On PostgreSQL
  // both share the app's pool, which gives each transaction a connection of its own.
  const connection = (): Db => (usesPostgres() ? getDb() : openSqlite(env.DATABASE_PATH));
  const imports = once ? Promise.resolve() : runImportQueue({ db: connection(), dataDir: env.DATA_DIR, signal: stop.signal });
  const filter = workerFilter(process.argv, { kinds: env.WORKER_KINDS, tasks: env.WORKER_TASKS });
  runWorker({ db: connection(), dataDir: env.DATA_DIR, modelDir: env.MODEL_DIR, pipelines, filter, once, signal: stop.signal })
    .then(async () => {
      stop.abort();
      await imports;
      // pg-boss's timers and the pools would keep the process alive after SIGTERM: stop them, then leave.
      await stopBosses();
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
