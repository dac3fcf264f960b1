/**
 * The worker outlives a busy database: another process holding the write lock past the busy timeout (an import, a
 * long transaction) neither ends the worker nor fails the job it is running; the app fails a job whose worker died.
 * On SQLite the lock is the file's write lock (BEGIN IMMEDIATE on a second connection) and the worker's connection
 * gives up on it after its busy timeout; on PostgreSQL it is another session holding every table of the test's
 * schema in EXCLUSIVE mode (reads go on, writes wait), which the worker's statements wait out.
 */
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb, openSqlite, type Db } from "@/lib/db";
import { auditLog, jobs, modelVersions } from "@/lib/schema";
import { env } from "@/lib/env";
import { cancelJob } from "@/lib/models/cancel-job";
import { jobsForPage } from "@/lib/models/queries";
import { claimNextJob, enqueueJob, requestCancel, STALE_AFTER_MS, type JobProgress } from "@/lib/jobs/queue";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { runJob } from "@/lib/jobs/run-job";
import { runWorker } from "@/lib/jobs/worker";
import { onPostgres } from "../support/test-db";
import { toyPipeline } from "../support/toy-pipeline";

// On SQLite the worker's connection gives up on a held lock after 50 ms instead of 5 s, so a lock held for under a
// second is already "longer than the busy timeout" without making the test slow. PostgreSQL: the app's pool.
const workerDb = (): Db => (onPostgres ? getDb() : openSqlite(env.DATABASE_PATH, { busyTimeoutMs: 50 }));
const jobRow = async (db: Db, id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)).get())!;

/** Another process's connection to the test's database, which takes the write lock. */
type Locker = { lock(): Promise<void>; unlock(): Promise<void>; abandon(): Promise<void>; close(): Promise<void> };

function sqliteLocker(): Locker {
  const connection = new Database(env.DATABASE_PATH);
  return {
    async lock() {
      connection.exec("BEGIN IMMEDIATE");
    },
    async unlock() {
      connection.exec("COMMIT");
    },
    async abandon() {
      if (connection.inTransaction) connection.exec("ROLLBACK");
    },
    async close() {
      connection.close();
    },
  };
}

function postgresLocker(): Locker {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  const connected = client.connect();
  let open = false;
  return {
    async lock() {
      await connected;
      // The schema's tables exist once the app's pool has migrated it.
      await getDb().get(sql`select 1`);
      const tables = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")).rows;
      await client.query("BEGIN");
      open = true;
      await client.query(`LOCK TABLE ${tables.map((t) => `"${t.name}"`).join(", ")} IN EXCLUSIVE MODE`);
    },
    async unlock() {
      await client.query("COMMIT");
      open = false;
    },
    async abandon() {
      if (open) await client.query("ROLLBACK");
      open = false;
    },
    close: () => client.end(),
  };
}

let lockerConnection: Locker | null = null;
const locker = (): Locker => (lockerConnection ??= onPostgres ? postgresLocker() : sqliteLocker());

/** Another process's long write: takes the write lock, and holds it for `ms` (`released` resolves once it is let go). */
async function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  await locker().lock();
  return { released: new Promise((resolve, reject) => setTimeout(() => locker().unlock().then(resolve, reject), ms)) };
}

afterEach(async () => {
  await lockerConnection?.abandon();
});

afterAll(async () => {
  await lockerConnection?.close();
});

describe("the training worker and a busy database", () => {
  it("survives a write lock held past its busy timeout while idle, then runs the queued job", async () => {
    const db = workerDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const { released } = await holdWriteLock(700);
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
    await (await holdWriteLock(800)).released;
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
        released = (await holdWriteLock(700)).released;
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
    // On PostgreSQL, with workers on other machines, the job goes back to pg-boss's queue for another worker (tries
    // left); on SQLite's single worker it fails. Either way the page never shows the dead worker's progress.
    const expected = onPostgres ? "queued" : "failed";
    expect(shown.status).toBe(expected);
    expect(shown.error).toMatch(/stopped reporting/);
    expect((await jobRow(db, job.id)).status).toBe(expected);
    // Nothing left queued for the next test's claim.
    if (onPostgres) await requestCancel(db, job.id);
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
