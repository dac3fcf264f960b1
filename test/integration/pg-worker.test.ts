/**
 * Workers on PostgreSQL take their jobs from pg-boss (lib/jobs/worker.ts, queue.ts, pg-boss-queue.ts): a queued job
 * runs once, on a worker that takes its kind; a cancelled one never runs; a job whose worker was lost goes back to
 * the queue for another worker. Runs in the PostgreSQL run only (DATABASE_URL set, see setup-env.ts).
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { bossFor } from "@/lib/jobs/boss";
import { bossJobId, jobQueueName } from "@/lib/jobs/pg-boss-queue";
import { enqueueJob, LOST_JOB_RETRY, requestCancel, STALE_AFTER_MS, sweepStaleJobs } from "@/lib/jobs/queue";
import { runWorker, workerFilter } from "@/lib/jobs/worker";
import { jobs } from "@/lib/schema";
import { toyPipeline } from "../support/toy-pipeline";
import { onPostgres } from "../support/test-db";

const pipelines = { recommend: toyPipeline({ epochs: 2 }) };
const jobRow = async (id: number) => (await getDb().select().from(jobs).where(eq(jobs.id, id)).get())!;

describe("workerFilter", () => {
  it("reads the kinds and tasks a worker takes, and refuses unknown ones", () => {
    expect(workerFilter(["--kinds", "train,evaluate", "--tasks", "forecast"], {})).toEqual({ kinds: ["train", "evaluate"], tasks: ["forecast"] });
    expect(workerFilter([], { kinds: "score" })).toEqual({ kinds: ["score"], tasks: [] });
    expect(() => workerFilter(["--kinds", "paint"], {})).toThrow(/Unknown job kind 'paint'/);
  });
});

describe.skipIf(!onPostgres)("workers on PostgreSQL", () => {
  it("runs a queued job once, on a worker that takes its kind", async () => {
    const db = getDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", params: { promoteIfNoChampion: true }, createdBy: null });
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, filter: { kinds: ["score"] }, once: true, idleMs: 10 });
    expect((await jobRow(job.id)).status).toBe("queued");
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, filter: { kinds: ["train"] }, once: true, idleMs: 10 });
    expect(await jobRow(job.id)).toMatchObject({ status: "succeeded" });
    const boss = (await bossFor(db))!;
    expect((await boss.getJobById(jobQueueName("train", "recommend"), bossJobId(job.id)))?.state).toBe("completed");
  });

  it("leaves a score job queued behind its task's training until the training has run, on any worker", async () => {
    const db = getDb();
    const train = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const score = await enqueueJob(db, { kind: "evaluate", task: "recommend", createdBy: null });
    // A worker that does not train (a CPU machine) finds only the evaluate job, and leaves it while the training waits.
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, filter: { kinds: ["evaluate"] }, once: true, idleMs: 10 });
    expect((await jobRow(score.id)).status).toBe("queued");
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, filter: { kinds: ["train"] }, once: true, idleMs: 10 });
    expect((await jobRow(train.id)).status).toBe("succeeded");
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, filter: { kinds: ["evaluate"] }, once: true, idleMs: 10 });
    const evaluated = await jobRow(score.id);
    expect(evaluated.status).not.toBe("queued");
    expect(evaluated.startedAt!.getTime()).toBeGreaterThanOrEqual((await jobRow(train.id)).finishedAt!.getTime());
  });

  it("never runs a job cancelled while queued", async () => {
    const db = getDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await requestCancel(db, job.id);
    await runWorker({ db, dataDir: env.DATA_DIR, pipelines, once: true, idleMs: 10 });
    expect(await jobRow(job.id)).toMatchObject({ status: "cancelled", startedAt: null });
  });

  it("hands the job of a lost worker back to the queue", async () => {
    const db = getDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    // A worker took it and died: pg-boss holds it active, the row is running and its heartbeat went stale.
    const boss = (await bossFor(db))!;
    const [taken] = await boss.fetch(jobQueueName("train", "recommend"));
    expect(taken?.id).toBe(bossJobId(job.id));
    const longAgo = new Date(Date.now() - STALE_AFTER_MS - 1000);
    await db.update(jobs).set({ status: "running", startedAt: longAgo, heartbeatAt: longAgo }).where(eq(jobs.id, job.id));
    expect(await sweepStaleJobs(db)).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ status: "queued", error: LOST_JOB_RETRY });
    expect((await boss.getJobById(jobQueueName("train", "recommend"), bossJobId(job.id)))?.state).toBe("retry");
  });
});
