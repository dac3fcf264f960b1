import { pathToFileURL } from "node:url";
import path from "node:path";
import { openDb, type Db } from "../../db/client";
import { env } from "../../lib/env";
import { ensureBackend } from "../backend";
import type { TrainingPipeline } from "./pipeline";
import { claimNextJob, failStaleJobs } from "./queue";
import { runJob } from "./run-job";

/** A job whose worker has not reported for this long is taken to be dead (epochs report far more often). */
export const STALE_AFTER_MS = 60_000;

/**
 * The training worker: one job at a time, off the web server's request path. Started beside the web server by
 * `npm run demo` (and `npm run worker`). On start it fails any job a previous worker left running.
 */
export async function runWorker(options: { db: Db; dataDir: string; pipelines: Partial<Record<string, TrainingPipeline>>; once?: boolean; idleMs?: number }) {
  const backend = await ensureBackend();
  const orphaned = failStaleJobs(options.db, 0, "The worker stopped while this job was running (it was restarted or killed).");
  if (orphaned > 0) console.error(`[worker] marked ${orphaned} orphaned job(s) failed`);
  let stopping = false;
  const stop = () => (stopping = true);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  console.error(`[worker] ready on the ${backend.name} backend (${backend.reason})`);
  while (!stopping) {
    const job = claimNextJob(options.db);
    if (job) {
      console.error(`[worker] job ${job.id}: ${job.kind} ${job.task}`);
      await runJob(options.db, job, { dataDir: options.dataDir, backend: backend.name, pipelines: options.pipelines });
      continue;
    }
    if (options.once) break;
    failStaleJobs(options.db, STALE_AFTER_MS, "The worker stopped reporting progress.");
    await new Promise((r) => setTimeout(r, options.idleMs ?? 1000));
  }
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  const { pipelines } = await import("../pipelines/index");
  runWorker({ db: openDb(env.DATABASE_PATH), dataDir: env.DATA_DIR, pipelines, once: process.argv.includes("--once") }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
