/**
 * The worker outlives a busy database: another process holding SQLite's write lock past the busy timeout (an import,
 * a long transaction) neither ends the worker nor fails the job it is running; the app fails a job whose worker died.
 */
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite, type Db } from "@/lib/db";
import { auditLog, jobs, modelVersions } from "@/lib/schema";
import { env } from "@/lib/env";
import { cancelJob } from "@/lib/models/cancel-job";
import { jobsForPage } from "@/lib/models/queries";
import { claimNextJob, enqueueJob, STALE_AFTER_MS, type JobProgress } from "@/lib/jobs/queue";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { runJob } from "@/lib/jobs/run-job";
import { runWorker } from "@/lib/jobs/worker";
import { toyPipeline } from "../support/toy-pipeline";

// The worker's connection gives up on a held lock after 50 ms instead of 5 s, so a lock held for under a second is
// already "longer than the busy timeout" without making the test slow.
const workerDb = (): Db => openSqlite(env.DATABASE_PATH, { busyTimeoutMs: 50 });
const locker = new Database(env.DATABASE_PATH);
const jobRow = async (db: Db, id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)).get())!;

/** Another process's long write: holds the write lock for `ms`. */
function holdWriteLock(ms: number): Promise<void> {
  locker.exec("BEGIN IMMEDIATE");
  return new Promise((resolve) =>
    setTimeout(() => {
      locker.exec("COMMIT");
      resolve();
    }, ms),
  );
}

afterEach(() => {
  if (locker.inTransaction) locker.exec("ROLLBACK");
});

describe("the training worker and a busy database", () => {
  it("survives a write lock held past its busy timeout while idle, then runs the queued job", async () => {
    const db = workerDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const released = holdWriteLock(700);
    const controller = new AbortController();
    const worker = runWorker({ db, dataDir: env.DATA_DIR, pipelines: { recommend: toyPipeline({ epochs: 2 }) }, idleMs: 20, signal: controller.signal });
    await released;
    for (let i = 0; i < 200 && (await jobRow(db, job.id)).status !== "succeeded"; i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await worker;
    expect(await jobRow(db, job.id)).toMatchObject({ status: "succeeded" });
  });

  it("does not fail a job whose progress writes meet a held lock", async () => {
    const db = workerDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const running = runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: toyPipeline({ epochs: 60, msPerEpoch: 20 }) } });
    await new Promise((r) => setTimeout(r, 150));
    await holdWriteLock(800);
    await running;
    const done = await jobRow(db, job.id);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect((done.progress as JobProgress).history).toHaveLength(60);
  });

  it("retries registering the trained version while the lock is held, and registers it once", async () => {
    const db = workerDb();
    const toy = toyPipeline({ epochs: 2 });
    let released: Promise<void> = Promise.resolve();
    const lockedAtTheEnd: TrainingPipeline = {
      ...toy,
      async train(d, ctx) {
        const outcome = await toy.train(d, ctx);
        released = holdWriteLock(700);
        return outcome;
      },
    };
    const before = (await db.select().from(modelVersions).all()).length;
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: lockedAtTheEnd } });
    await released;
    const done = await jobRow(db, job.id);
    expect(done.status).toBe("succeeded");
    expect(await db.select().from(modelVersions).all()).toHaveLength(before + 1);
    expect(done.modelVersionId).not.toBeNull();
  });
});

describe("jobs as the app shows them", () => {
  it("fails a running job whose heartbeat is stale instead of showing its last progress", async () => {
    const db = workerDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await claimNextJob(db);
    const lastBeat = new Date(Date.now() - STALE_AFTER_MS - 5_000);
    await db.update(jobs).set({ heartbeatAt: lastBeat, progress: { stage: "fit", fraction: 0.42, etaSeconds: 24, history: [] } }).where(eq(jobs.id, job.id)).run();
    const shown = (await jobsForPage(db)).find((j) => j.id === job.id)!;
    expect(shown.status).toBe("failed");
    expect(shown.error).toMatch(/stopped reporting/);
    expect((await jobRow(db, job.id)).status).toBe("failed");
  });

  it("keeps showing a running job whose worker beats", async () => {
    const db = workerDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await claimNextJob(db);
    expect((await jobsForPage(db)).find((j) => j.id === job.id)!.status).toBe("running");
  });

  it("audits a cancellation once, however often it is asked for", async () => {
    const db = workerDb();
    const admin = { id: null, email: "admin@test" };
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await claimNextJob(db);
    expect((await cancelJob(db, admin, job.id)).cancelRequested).toBe(true);
    expect((await cancelJob(db, admin, job.id)).cancelRequested).toBe(true);
    const entries = (await db.select().from(auditLog).where(eq(auditLog.action, "job.cancel")).all()).filter((e) => e.entityId === String(job.id));
    expect(entries).toHaveLength(1);
  });
});
