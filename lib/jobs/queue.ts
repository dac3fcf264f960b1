import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { isTransientDbError } from "../../db/retry";
import type { Db } from "../db";
import { jobs, type Job, type ModelTask } from "../schema";
import type { TrainingProgress } from "../../models/task";
import type { DriftReport } from "./drift";
import { lockFor } from "../transaction-lock";
import { bossFor } from "./boss";
import { cancelSentJob, failLostJob, sendJob } from "./pg-boss-queue";

export type JobKind = Job["kind"];

/** One epoch's training loss (and validation metric); `stage` is absent in jobs recorded before it was kept. */
export type LossPoint = { stage?: string; epoch: number; loss: number; validation?: number };

/** What the Models page draws: the latest progress plus the loss history for the charts. */
export type JobProgress = TrainingProgress & {
  history: LossPoint[];
  /** The validation metric's name per stage (a fit's stages may judge by different metrics). */
  validationNames?: Record<string, string>;
  /** Written by older workers; the page now estimates the time left from the start time and the fraction. */
  etaSeconds?: number;
  backend?: string;
  message?: string;
  /** Set by evaluate jobs. */
  drift?: DriftReport;
  /** Set by score jobs: what the champion wrote (e.g. the forecast run published). */
  result?: Record<string, unknown>;
};

/**
 * Queues a job: its row, and on PostgreSQL its pg-boss message in the same transaction (lib/jobs/pg-boss-queue.ts),
 * so a worker on any machine can take it. On SQLite the row is the queue (claimNextJob).
 */
export async function enqueueJob(db: Db, input: { kind: JobKind; task: ModelTask; params?: Record<string, unknown>; createdBy: number | null }): Promise<Job> {
  const boss = bossFor(db);
  const insert = (on: Db) =>
    on
      .insert(jobs)
      .values({ kind: input.kind, task: input.task, status: "queued", params: input.params ?? {}, createdBy: input.createdBy, createdAt: new Date() })
      .returning()
      .get();
  if (!boss) return insert(db);
  const started = await boss;
  return db.transaction(async (tx) => {
    const job = await insert(tx);
    await sendJob(started, tx, job);
    return job;
  });
}

/** Which jobs a worker takes: some kinds (a GPU machine trains) and some tasks; all when empty. */
export type JobFilter = { kinds?: readonly JobKind[]; tasks?: readonly ModelTask[] };

/**
 * Tasks whose champion publishes outputs the app reads (their pipeline has `score`): forecast's weekly forecasts,
 * pricing's price recommendations, fraud's batch scores of recent payments not scored yet (by the API or a batch),
 * sentiment's per-sentence scores and aspects of reviews not read by the champion yet.
 */
export const publishingTasks: readonly ModelTask[] = ["forecast", "pricing", "fraud", "sentiment"];

/**
 * Queues a score job after a task's champion changed (bootstrap promotion, promote, rollback), so the app shows the
 * new champion's outputs. Nothing for tasks that publish nothing, nor when a score job is already queued (it will
 * load the champion when it starts). Returns the job queued, if any.
 */
export async function enqueuePublishIfNeeded(db: Db, task: ModelTask, createdBy: number | null = null): Promise<Job | undefined> {
  if (!publishingTasks.includes(task)) return undefined;
  return db.transaction(async (tx) => {
    await lockFor(tx, `jobs:${task}`);
    const queued = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.kind, "score"), eq(jobs.status, "queued")))
      .get();
    if (queued) return undefined;
    return enqueueJob(tx, { kind: "score", task, createdBy });
  });
}

/**
 * A score or evaluate job waits while a training job of its task queued before it is still queued or running, so
 * several workers keep one worker's order: the score job queued behind a training uses the champion it may promote
 * (and a task's first score job does not fail for want of a champion that is being trained). The candidate row is the
 * query's `jobs`; `t` is the training looked for.
 */
const behindTraining = sql`${jobs.kind} in ('score', 'evaluate') and exists (select 1 from ${jobs} t where t.task = ${jobs.task} and t.kind = 'train' and t.status in ('queued', 'running') and t.id < ${jobs.id})`;

/**
 * The jobs waiting to run, oldest first, each with whether it waits behind a training of its task: queued ones, and
 * running ones (a run that threw is retried by pg-boss while its row still says running). One read per worker pass.
 */
export function waitingJobs(db: Db): Promise<{ kind: JobKind; task: ModelTask; behind: boolean }[]> {
  return db
    .select({
      kind: jobs.kind,
      task: jobs.task,
      behind: sql<boolean>`case when ${jobs.status} = 'queued' and ${behindTraining} then 1 else 0 end`.mapWith((v) => Number(v) === 1),
    })
    .from(jobs)
    .where(inArray(jobs.status, ["queued", "running"]))
    .orderBy(asc(jobs.id))
    .all();
}

/** The kinds and tasks of queued jobs that wait behind a training of their task (PostgreSQL workers skip those queues). */
export async function waitingBehindTraining(db: Db): Promise<{ kind: JobKind; task: ModelTask }[]> {
  const behind = new Map((await waitingJobs(db)).filter((j) => j.behind).map((j) => [`${j.kind}.${j.task}`, { kind: j.kind, task: j.task }]));
  return [...behind.values()];
}

/**
 * SQLite's queue: takes the oldest queued job (of the kinds and tasks the worker takes) that does not wait behind a
 * training, atomically, so two workers can never run the same job. (PostgreSQL's workers take theirs from pg-boss and
 * then claimJob.)
 */
export function claimNextJob(db: Db, filter: JobFilter = {}): Promise<Job | undefined> {
  const now = new Date();
  // One UPDATE … RETURNING whose subquery picks the oldest queued row: atomic across processes on SQLite (one writer)
  // and on PostgreSQL (a second worker that picked the same row waits for the first one's lock, then finds it no
  // longer queued and claims nothing this round).
  const only = [
    filter.kinds?.length ? sql` and ${jobs.kind} in (${sql.join(filter.kinds.map((k) => sql`${k}`), sql`, `)})` : sql``,
    filter.tasks?.length ? sql` and ${jobs.task} in (${sql.join(filter.tasks.map((t) => sql`${t}`), sql`, `)})` : sql``,
  ];
  const oldestQueued = sql`(select ${jobs.id} from ${jobs} where ${jobs.status} = ${"queued"}${only[0]}${only[1]} and not (${behindTraining}) order by ${jobs.id} limit 1)`;
  return db
    .update(jobs)
    .set({ status: "running", startedAt: now, heartbeatAt: now })
    .where(and(eq(jobs.id, oldestQueued), eq(jobs.status, "queued")))
    .returning()
    .get();
}

/**
 * A worker that pg-boss handed job `jobId` marks it running. Refused (undefined) when it is no longer to be run:
 * cancelled, or finished. A row still "running" is from an earlier try that failed (its worker threw when the
 * database went away, or was lost and failed by recoverLostJobs): pg-boss hands a job to one worker at a time, so
 * this worker takes it over, with a new startedAt that fences the earlier claim (JobClaim). A cancel asked for
 * meanwhile is kept.
 */
export function claimJob(db: Db, jobId: number, now = new Date()): Promise<Job | undefined> {
  return db
    .update(jobs)
    .set({ status: "running", startedAt: now, heartbeatAt: now })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ["queued", "running"])))
    .returning()
    .get();
}

/**
 * A running job beats at least this often (every progress write, and a timer in between), so a job whose heartbeat
 * is older than STALE_AFTER_MS has lost its worker (killed, crashed, machine restarted).
 */
export const HEARTBEAT_EVERY_MS = 5_000;
export const STALE_AFTER_MS = 60_000;
export const STALE_JOB_ERROR = "The worker stopped reporting progress (it died or was killed); nothing it half-wrote is used.";

/**
 * One claim of a job: the worker that claimed it and when. A job whose worker stopped beating can be claimed again by
 * another worker (claimJob, after recoverLostJobs), which sets a new startedAt; the first worker's writes are then
 * refused (fenced), should it wake up (a stalled event loop, a paused VM), so two workers never both end the job.
 */
export type JobClaim = Pick<Job, "id" | "startedAt">;

/** This worker no longer holds the job: another worker took it over, or it was failed as lost meanwhile. */
export class JobSupersededError extends Error {
  constructor(readonly jobId: number) {
    super(`Job ${jobId} is no longer this worker's: it was handed to another worker or failed as lost.`);
    this.name = "JobSupersededError";
  }
}

/** The job is still running under this claim. */
function heldBy(claim: JobClaim) {
  return and(eq(jobs.id, claim.id), eq(jobs.status, "running"), claim.startedAt ? eq(jobs.startedAt, claim.startedAt) : sql`false`);
}

/** Progress of a job this claim holds; false (nothing written) once it no longer holds it. */
export async function recordProgress(db: Db, claim: JobClaim, progress: JobProgress): Promise<boolean> {
  return (await db.update(jobs).set({ progress, heartbeatAt: new Date() }).where(heldBy(claim)).run()).changes > 0;
}

/** A heartbeat of a job this claim holds; false (nothing written) once it no longer holds it. */
export async function recordHeartbeat(db: Db, claim: JobClaim): Promise<boolean> {
  return (await db.update(jobs).set({ heartbeatAt: new Date() }).where(heldBy(claim)).run()).changes > 0;
}

/** Whether a running job should stop: a user asked to cancel it, or this worker no longer holds it. */
export async function stopRequested(db: Db, claim: JobClaim): Promise<"cancel" | "superseded" | null> {
  const row = await db.select({ cancel: jobs.cancelRequested }).from(jobs).where(heldBy(claim)).get();
  if (!row) return "superseded";
  return row.cancel ? "cancel" : null;
}

/**
 * Ends a job this claim holds. Throws JobSupersededError when it no longer does, so a transaction that registers a
 * version and ends the job rolls back whole. (On PostgreSQL the UPDATE locks the row: a takeover waits for this
 * transaction and then finds the job ended; on SQLite the transaction holds the write lock.)
 */
export async function finishJob(db: Db, claim: JobClaim, outcome: { status: "succeeded" | "failed" | "cancelled"; error?: string; modelVersionId?: number }): Promise<void> {
  const ended = await db
    .update(jobs)
    .set({ status: outcome.status, error: outcome.error ?? null, modelVersionId: outcome.modelVersionId ?? null, finishedAt: new Date() })
    .where(heldBy(claim))
    .run();
  if (ended.changes === 0) throw new JobSupersededError(claim.id);
}

/**
 * A queued job is cancelled at once; a running one is asked to stop at its next epoch. Returns the job as it now
 * stands and whether this call changed it (a second click on "Cancel" changes nothing and is not audited again).
 */
export function requestCancel(db: Db, jobId: number): Promise<{ job: Job; changed: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const job = await tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
    if (!job) return undefined;
    // Each write is guarded by the state it was decided on: on PostgreSQL a worker may claim or finish the job
    // between the read and the write (it does not take this transaction's lock), and then this call changes nothing.
    if (job.status === "queued") {
      const cancelled = await tx
        .update(jobs)
        .set({ status: "cancelled", finishedAt: new Date(), error: "Cancelled before it started." })
        .where(and(eq(jobs.id, jobId), eq(jobs.status, "queued")))
        .returning()
        .get();
      if (cancelled) {
        // On PostgreSQL its message leaves pg-boss's queue too (a worker that fetched it already finds it cancelled).
        const boss = bossFor(tx);
        if (boss) await cancelSentJob(await boss, tx, cancelled);
        return { job: cancelled, changed: true };
      }
    } else if (job.status === "running" && !job.cancelRequested) {
      const asked = await tx
        .update(jobs)
        .set({ cancelRequested: true })
        .where(and(eq(jobs.id, jobId), eq(jobs.status, "running"), eq(jobs.cancelRequested, false)))
        .returning()
        .get();
      if (asked) return { job: asked, changed: true };
    } else {
      return { job, changed: false };
    }
    // Changed by someone else meanwhile: the job as it stands now, unchanged by this call.
    const now = await tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
    return now ? { job: now, changed: false } : undefined;
  });
}

/**
 * Running jobs whose worker stopped beating (killed, crashed, machine restarted) are marked failed, so nothing
 * waits forever and nothing they half-wrote is used. It reads first and writes only when there is something to fail,
 * so the usual call never asks for the write lock.
 */
/** Running jobs whose last heartbeat is older than `olderThanMs`. */
const staleRunning = (olderThanMs: number, now: number) => and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, new Date(now - olderThanMs)));

export async function failStaleJobs(db: Db, olderThanMs: number, reason: string, now = Date.now()): Promise<number> {
  const stale = staleRunning(olderThanMs, now);
  if (!(await db.select({ id: jobs.id }).from(jobs).where(stale).get())) return 0;
  return (await db.update(jobs).set({ status: "failed", error: reason, finishedAt: new Date(now) }).where(stale).run()).changes;
}

/**
 * For the app's pages: a dead worker's job shows as failed rather than "about 24 s left · 42 %", whether or not a
 * worker is running to sweep it. When the write lock is busy the sweep is left to the next reader.
 */
export async function sweepStaleJobs(db: Db, now = Date.now()): Promise<number> {
  try {
    if (db.dialect === "postgres") return await recoverLostJobs(db, now);
    return await failStaleJobs(db, STALE_AFTER_MS, STALE_JOB_ERROR, now);
  } catch (error) {
    if (isTransientDbError(error)) return 0;
    throw error;
  }
}

export const LOST_JOB_RETRY = "Its worker stopped reporting progress (it died or lost the database); queued again for another worker.";

/**
 * PostgreSQL, several workers: a running job whose heartbeat is stale lost its worker. pg-boss is told (failLostJob),
 * and retries it after its backoff while tries remain: the row goes back to "queued" (what it half-wrote is never
 * used: a version is registered only in the transaction that ends a job). Out of tries, the row fails.
 */
export async function recoverLostJobs(db: Db, now = Date.now()): Promise<number> {
  const boss = bossFor(db);
  if (!boss) return failStaleJobs(db, STALE_AFTER_MS, STALE_JOB_ERROR, now);
  const stale = staleRunning(STALE_AFTER_MS, now);
  const lost = await db.select().from(jobs).where(stale).all();
  if (lost.length === 0) return 0;
  const started = await boss;
  for (const job of lost) {
    const again = await failLostJob(started, db, job);
    await db
      .update(jobs)
      .set(again ? { status: "queued", error: LOST_JOB_RETRY, progress: null, startedAt: null } : { status: "failed", error: STALE_JOB_ERROR, finishedAt: new Date(now) })
      .where(and(eq(jobs.id, job.id), stale))
      .run();
  }
  return lost.length;
}

export function recentJobs(db: Db, limit = 20): Promise<Job[]> {
  return db.select().from(jobs).orderBy(desc(jobs.id)).limit(limit).all();
}

export function activeJobs(db: Db): Promise<Job[]> {
  return db.select().from(jobs).where(inArray(jobs.status, ["queued", "running"])).orderBy(jobs.id).all();
}
