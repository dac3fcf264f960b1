import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLog, jobs, modelVersions, users } from "@/lib/schema";
import { env } from "@/lib/env";
import { claimJob, claimNextJob, enqueueJob, failStaleJobs, finishJob, JobSupersededError, requestCancel, waitingBehindTraining } from "@/lib/jobs/queue";
import type { JobProgress } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { championOf, promote, registerVersion, rollback } from "@/lib/models/versions";
import { toyPipeline } from "../support/toy-pipeline";

const admin = { id: null, email: "admin@test" };
const context = (pipeline = toyPipeline()) => ({ dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: pipeline } });
const jobRow = async (id: number) => (await getDb().select().from(jobs).where(eq(jobs.id, id)).get())!;

describe("training jobs", () => {
  it("run off the queue one at a time, report progress per epoch, and register a version with its artifacts", async () => {
    const db = getDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", params: { promoteIfNoChampion: true }, createdBy: null });
    const claimed = (await claimNextJob(db))!;
    expect(claimed.id).toBe(job.id);
    expect(await claimNextJob(db)).toBeUndefined();
    await runJob(db, claimed, context(toyPipeline({ epochs: 4 })));
    const done = await jobRow(job.id);
    expect(done.status).toBe("succeeded");
    expect((done.progress as JobProgress).history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    const version = (await db.select().from(modelVersions).where(eq(modelVersions.id, done.modelVersionId!)).get())!;
    expect(version).toMatchObject({ task: "recommend", version: 1, status: "champion", backend: "test" });
    expect(existsSync(path.join(version.artifactPath!, "model.json"))).toBe(true);
    expect(readdirSync(path.dirname(version.artifactPath!)).some((d) => d.startsWith(".staging"))).toBe(false);
  });

  it("can be cancelled while queued or while training, and a cancelled fit registers nothing", async () => {
    const db = getDb();
    const queued = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    expect((await requestCancel(db, queued.id))!.job.status).toBe("cancelled");

    const before = (await db.select().from(modelVersions).all()).length;
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const claimed = (await claimNextJob(db))!;
    expect(claimed.id).toBe(job.id);
    const running = runJob(db, claimed, context(toyPipeline({ epochs: 10_000, msPerEpoch: 5 })));
    await new Promise((r) => setTimeout(r, 300));
    await requestCancel(db, job.id);
    await running;
    expect(await jobRow(job.id)).toMatchObject({ status: "cancelled" });
    expect((await db.select().from(modelVersions).all()).length).toBe(before);
  });

  it("marks a job failed with its error when training throws, leaving the champion alone", async () => {
    const db = getDb();
    const champion = (await championOf(db, "recommend"))!;
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    await runJob(db, (await claimNextJob(db))!, context(toyPipeline({ epochs: 5, failAtEpoch: 2 })));
    expect(await jobRow(job.id)).toMatchObject({ status: "failed", error: "toy model diverged" });
    expect((await championOf(db, "recommend"))!.id).toBe(champion.id);
  });

  it("fails the job of a worker killed mid-training and keeps the champion", async () => {
    const db = getDb();
    const champion = (await championOf(db, "recommend"))!;
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    // Its own process group: npx starts node as a child, and the whole worker (both processes) must die, as when a
    // machine loses the worker; killing npx alone left node training on.
    const worker = spawn("npx", ["tsx", "test/support/toy-worker.ts"], { env: { ...process.env }, stdio: "ignore", detached: true });
    const killWorker = () => {
      try {
        process.kill(-worker.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    try {
      for (let i = 0; i < 300 && (((await jobRow(job.id)).progress as JobProgress | null)?.epoch ?? 0) < 3; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await jobRow(job.id)).status).toBe("running");
      const exited = new Promise((r) => worker.once("exit", r));
      killWorker();
      await exited;
    } finally {
      killWorker();
    }
    const epochAtKill = ((await jobRow(job.id)).progress as JobProgress | null)?.epoch;
    await new Promise((r) => setTimeout(r, 1000));
    // Nothing is still training: the job's progress did not move after the kill.
    expect(((await jobRow(job.id)).progress as JobProgress | null)?.epoch).toBe(epochAtKill);
    expect((await jobRow(job.id)).status).toBe("running");
    // A new worker (or the stale-heartbeat sweep) fails what the dead one left running.
    expect(await failStaleJobs(db, 0, "The worker stopped while this job was running.")).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ status: "failed", error: "The worker stopped while this job was running." });
    expect((await championOf(db, "recommend"))!.id).toBe(champion.id);
    expect(await db.select().from(modelVersions).where(eq(modelVersions.status, "candidate")).all()).toHaveLength(0);
  }, 60_000);
});

describe("the order of a task's jobs across workers", () => {
  it("keeps a score job queued behind its task's training until the training ends; another task's runs meanwhile", async () => {
    const db = getDb();
    const train = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null });
    const score = await enqueueJob(db, { kind: "score", task: "fraud", createdBy: null });
    const other = await enqueueJob(db, { kind: "evaluate", task: "forecast", createdBy: null });
    expect(await waitingBehindTraining(db)).toEqual([{ kind: "score", task: "fraud" }]);
    // A second worker, while the first trains: not the fraud score job, but the forecast one.
    const training = (await claimNextJob(db))!;
    expect(training.id).toBe(train.id);
    expect((await claimNextJob(db))?.id).toBe(other.id);
    expect(await claimNextJob(db)).toBeUndefined();
    await finishJob(db, training, { status: "failed", error: "test" });
    expect(await waitingBehindTraining(db)).toEqual([]);
    expect((await claimNextJob(db))?.id).toBe(score.id);
    await db.update(jobs).set({ status: "cancelled" }).where(inArray(jobs.id, [score.id, other.id]));
  });
});

describe("a job taken over by another worker", () => {
  it("refuses the first worker's end of the job once another worker has claimed it", async () => {
    const db = getDb();
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const first = (await claimNextJob(db))!;
    const second = (await claimJob(db, job.id, new Date(first.startedAt!.getTime() + 61_000)))!;
    await expect(finishJob(db, first, { status: "failed", error: "first worker" })).rejects.toBeInstanceOf(JobSupersededError);
    expect(await jobRow(job.id)).toMatchObject({ status: "running", startedAt: second.startedAt, error: null });
    await finishJob(db, second, { status: "succeeded" });
    expect((await jobRow(job.id)).status).toBe("succeeded");
  });

  it("lets a worker that stalled and wakes up register nothing, write no files over its successor's, and leave the job to it", async () => {
    const db = getDb();
    const versionsBefore = (await db.select().from(modelVersions).all()).length;
    const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
    const first = (await claimNextJob(db))!;
    // The first worker stalls before its fit (as a frozen event loop or a paused machine would) ...
    let wake!: () => void;
    const stalled = new Promise<void>((resolve) => (wake = resolve));
    const toy = toyPipeline({ epochs: 3 });
    const stalling: TrainingPipeline = { ...toy, train: async (db, ctx) => (await stalled, toy.train(db, ctx)) };
    const firstRun = runJob(db, first, context(stalling));
    // ... long enough for its job to be handed to a second worker, which claims it ...
    const second = (await claimJob(db, job.id, new Date(first.startedAt!.getTime() + 61_000)))!;
    // ... and then wakes up and finishes its fit.
    wake();
    await firstRun;
    expect((await db.select().from(modelVersions).all()).length).toBe(versionsBefore);
    expect(await jobRow(job.id)).toMatchObject({ status: "running", startedAt: second.startedAt, progress: null });
    const folders = readdirSync(path.join(env.DATA_DIR, "models", "recommend"));
    expect(folders.filter((f) => f.includes(`job-${job.id}-`))).toEqual([]);

    // The second worker's run is the job's.
    await runJob(db, second, context(toyPipeline({ epochs: 2 })));
    const done = await jobRow(job.id);
    expect(done.status).toBe("succeeded");
    const version = (await db.select().from(modelVersions).where(eq(modelVersions.id, done.modelVersionId!)).get())!;
    expect(path.basename(version.artifactPath!)).toBe(`job-${job.id}-${second.startedAt!.getTime().toString(36)}`);
    expect(existsSync(path.join(version.artifactPath!, "model.json"))).toBe(true);
  });
});

describe("model registry", () => {
  const base = { params: {}, metrics: { accuracy: 0.8 }, trainFrom: null, trainTo: null, dataHash: "x", backend: "test", durationMs: 1, artifactPath: "/tmp/x" };

  const adminUser = (email: string) =>
    getDb().insert(users).values({ email, name: email, role: "admin", passwordHash: null, createdAt: new Date() }).returning().get();

  it("enforces four-eyes: the admin who trained a model cannot promote it when it is on", async () => {
    const db = getDb();
    const [a, b] = [await adminUser("a@test"), await adminUser("b@test")];
    const v = await registerVersion(db, { ...base, task: "fraud", trainedBy: a.id });
    await expect(promote(db, { versionId: v.id, actor: { id: a.id, email: a.email }, fourEyes: true })).rejects.toThrow(/another admin/);
    expect(await championOf(db, "fraud")).toBeUndefined();
    expect((await promote(db, { versionId: v.id, actor: { id: b.id, email: b.email }, fourEyes: true })).status).toBe("champion");
  });

  it("rolls back to the previous champion in one action, audited", async () => {
    const db = getDb();
    const first = (await championOf(db, "fraud"))!;
    const second = await registerVersion(db, { ...base, task: "fraud", trainedBy: null });
    await promote(db, { versionId: second.id, actor: admin, fourEyes: false });
    expect((await championOf(db, "fraud"))!.id).toBe(second.id);
    expect((await rollback(db, { task: "fraud", actor: admin })).id).toBe(first.id);
    expect((await championOf(db, "fraud"))!.id).toBe(first.id);
    const actions = (await db.select({ a: auditLog.action }).from(auditLog).all()).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["model.promote", "model.rollback"]));
  });
});
