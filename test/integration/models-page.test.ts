/**
 * The Models page's server side on a real (temporary) SQLite file: "Train new version" refused while the task has a
 * train job queued or running, the progress a job reports (one fraction that only grows, stages kept apart for the
 * loss charts) and the time left the page estimates from it.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
import { session } from "../support/request-context";
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { eq, sql } from "drizzle-orm";
import { startJobAction, cancelJobAction } from "@/app/(dashboard)/models/actions";
import { getDb, type Db } from "@/lib/db";
import { auditLog, jobs, users, type Role } from "@/lib/schema";
import { env } from "@/lib/env";
import { lossSegments } from "@/lib/models/progress";
import { jobsForPage, taskOverview } from "@/lib/models/queries";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { claimNextJob, enqueueJob, finishJob, recordProgress, type JobProgress } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { toyPipeline } from "../support/toy-pipeline";

let db: Db;
let adminId: number;

const addUser = async (email: string, role: Role) =>
  (await db.insert(users).values({ email, name: email, role, passwordHash: "$2b$10$abcdefghijklmnopqrstuuJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce", createdAt: new Date() }).returning().get()).id;
const jobRow = async (id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)).get())!;
const enqueueAudits = async () => (await db.select().from(auditLog).where(eq(auditLog.action, "job.train.enqueue")).all()).length;

beforeAll(async () => {
  db = getDb();
  adminId = await addUser("admin@models.test", "admin");
});

beforeEach(async () => {
  await db.run(sql`DELETE FROM jobs`);
  session.userId = adminId;
});

describe("Train new version", () => {
  it("is refused while the task already has a train job queued, and again while it runs", async () => {
    const first = await startJobAction({ task: "fraud", kind: "train" });
    expect(first.ok).toBe(true);
    const jobId = first.ok ? first.data.jobId : -1;
    const audits = await enqueueAudits();

    const queued = await startJobAction({ task: "fraud", kind: "train" });
    expect(queued).toMatchObject({ ok: false, code: "conflict" });
    expect(queued.ok ? "" : queued.error).toBe(`A fraud training job (#${jobId}) is already queued: wait for it to finish, or cancel it, before training another.`);

    expect((await claimNextJob(db))!.id).toBe(jobId);
    const running = await startJobAction({ task: "fraud", kind: "train" });
    expect(running.ok ? "" : running.error).toMatch(/already running/);

    // Nothing was queued or audited by the refusals, and the page links to the job that blocks.
    expect((await db.select().from(jobs).all()).map((j) => j.id)).toEqual([jobId]);
    expect(await enqueueAudits()).toBe(audits);
    expect((await taskOverview(db)).find((o) => o.task === "fraud")!.activeTrain).toEqual({ id: jobId, status: "running" });
  });

  it("still lets other tasks train and the same task check drift, and trains again once the job ended", async () => {
    const first = await startJobAction({ task: "sentiment", kind: "train" });
    expect(first.ok).toBe(true);
    expect((await startJobAction({ task: "pricing", kind: "train" })).ok).toBe(true);
    expect((await startJobAction({ task: "sentiment", kind: "evaluate" })).ok).toBe(true);

    expect((await cancelJobAction({ jobId: first.ok ? first.data.jobId : -1 })).ok).toBe(true);
    expect((await taskOverview(db)).find((o) => o.task === "sentiment")!.activeTrain).toBeNull();
    expect((await startJobAction({ task: "sentiment", kind: "train" })).ok).toBe(true);
  });

  it("is refused to a signed-in user who may not manage models", async () => {
    session.userId = await addUser("planner@models.test", "planner");
    expect(await startJobAction({ task: "fraud", kind: "train" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db.select().from(jobs).all()).toHaveLength(0);
  });
});

describe("job progress and time left", () => {
  const MIN = 60_000;

  it("shows no time left while queued, nor early in a run; then estimates it from the time run and the fraction", async () => {
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const view = async (now: number) => (await jobsForPage(db, 15, now)).find((j) => j.id === job.id)!;
    expect((await view(Date.now())).timing).toEqual({ fraction: 0, secondsLeft: null, elapsedSeconds: null });

    const claim = (await claimNextJob(db))!;
    const started = (await jobRow(job.id)).startedAt!.getTime();
    await recordProgress(db, claim, { stage: "fit", fraction: 0.5, history: [] });
    // Half done after 5 s: too early to say (the first seconds load data and compile kernels).
    expect((await view(started + 5_000)).timing.secondsLeft).toBeNull();
    await recordProgress(db, claim, { stage: "fit", fraction: 0.02, history: [] });
    expect((await view(started + 2 * MIN)).timing.secondsLeft).toBeNull();
    // A quarter done after 2 minutes: about 6 minutes left.
    await recordProgress(db, claim, { stage: "fit", fraction: 0.25, history: [] });
    expect((await view(started + 2 * MIN)).timing).toEqual({ fraction: 0.25, secondsLeft: 360, elapsedSeconds: 120 });

    await finishJob(db, claim, { status: "succeeded" });
    const done = (await view(started + 10 * MIN)).timing;
    expect(done.fraction).toBe(1);
    expect(done.secondsLeft).toBeNull();
    expect(done.elapsedSeconds).toBeCloseTo(((await jobRow(job.id)).finishedAt!.getTime() - started) / 1000, 6);
  });

  it("keeps one overall fraction that never goes back, and the stages' curves apart, whatever the trainer reports", async () => {
    // A fit shaped like the fraud trainer's: a stage reaches 0.45, cross-validation then reports 0.30..0.45, and a
    // refit counts its epochs from 1 again.
    const reports: { stage: string; fraction: number; epoch?: number; loss?: number; validation?: { name: string; value: number } }[] = [
      { stage: "training classifier", epoch: 1, loss: 0.9, validation: { name: "average precision", value: 0.2 }, fraction: 0.2 },
      { stage: "training classifier", epoch: 2, loss: 0.6, validation: { name: "average precision", value: 0.3 }, fraction: 0.45 },
      { stage: "cross-validating", fraction: 0.3 },
      { stage: "cross-validating", fraction: 0.38 },
      { stage: "cross-validating", fraction: 0.45 },
      { stage: "refitting", epoch: 1, loss: 0.7, fraction: 0.6 },
      { stage: "refitting", epoch: 2, loss: 0.5, fraction: 0.9 },
    ];
    const seen: number[] = [];
    const toy = toyPipeline();
    const shaped: TrainingPipeline = {
      ...toy,
      async train(pipelineDb, ctx) {
        for (const report of reports) {
          ctx.onProgress(report);
          // Past the worker's write interval, so every report reaches the database.
          await new Promise((r) => setTimeout(r, 520));
          seen.push(((await jobRow(job.id)).progress as JobProgress).fraction!);
        }
        return toy.train(pipelineDb, { ...ctx, onProgress: () => undefined });
      },
    };
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: shaped } });

    expect((await jobRow(job.id)).status).toBe("succeeded");
    expect(seen).toHaveLength(reports.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[0]).toBeCloseTo(0.2, 6);
    expect(seen[1]).toBeCloseTo(0.45, 6);
    // Cross-validation holds the bar where it was, then moves it on instead of holding it until its own 0.45 (the
    // old freeze), and the refit goes on from there.
    expect(seen[2]).toBeCloseTo(0.45, 6);
    expect(seen[3]).toBeGreaterThan(0.5);
    expect(seen[5]).toBeGreaterThan(seen[4]!);
    expect(seen[seen.length - 1]).toBeLessThan(1);

    const progress = (await jobRow(job.id)).progress as JobProgress;
    expect(progress.fraction).toBe(1);
    const segments = lossSegments(progress.history, progress.validationNames);
    expect(segments.map((s) => [s.stage, s.validationName, s.points.map((p) => p.epoch)])).toEqual([
      ["training classifier", "average precision", [1, 2]],
      ["refitting", null, [1, 2]],
    ]);
  });

  it("cuts an older job's history, recorded without stages, where its epochs restart", () => {
    const history = [1, 2, 3, 1, 2].map((epoch, i) => ({ epoch, loss: 1 / (i + 1) }));
    expect(lossSegments(history, {}, "pinball").map((s) => [s.stage, s.run, s.validationName, s.points.length])).toEqual([
      ["training", 1, "pinball", 3],
      ["training", 2, "pinball", 2],
    ]);
  });
});
