import { pathToFileURL } from "node:url";
import path from "node:path";
import { getDb, openSqlite, type Db } from "../db";
import { usesPostgres } from "../db-dialect";
import { backoffMs, isTransientDbError } from "../../db/retry";
import { env } from "../env";
import { ensureBackend } from "../../models/backend";
import type { TrainingPipeline } from "./pipeline";
import { claimNextJob, failStaleJobs, sweepStaleJobs } from "./queue";
import { runJob } from "./run-job";

export type WorkerOptions = { db: Db; dataDir: string; modelDir?: string; pipelines: Partial<Record<string, TrainingPipeline>>; once?: boolean; idleMs?: number; signal?: AbortSignal };

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
      const job = await claimNextJob(options.db);
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
  runWorker({ db: connection(), dataDir: env.DATA_DIR, modelDir: env.MODEL_DIR, pipelines, once, signal: stop.signal })
    .then(() => {
      stop.abort();
      return imports;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
