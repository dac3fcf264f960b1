import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { retryTransient } from "../../db/retry";
import type { Job } from "../schema";
import { audit, systemActor } from "../audit";
import { championOf, promote, registerVersion } from "../models/versions";
import { artifactChecksum, discardStaging, publishArtifacts, stagingDir, verifiedArtifactDir } from "../models/artifacts";
import { FitCancelledError, type TrainingProgress } from "../../models/task";
import type { TrainingPipeline } from "./pipeline";
import { driftReport } from "./drift";
import { advanceFraction, startTrack } from "./progress";
import {
  enqueuePublishIfNeeded,
  finishJob,
  HEARTBEAT_EVERY_MS,
  JobSupersededError,
  recordHeartbeat,
  recordProgress,
  stopRequested,
  type JobClaim,
  type JobProgress,
} from "./queue";

/** How a run ended for this worker: it ended the job, or another worker holds the job now (nothing was written). */
export type RunOutcome = "ended" | "superseded";

/** `modelDir`: where model files go (MODEL_DIR); without it, DATA_DIR/models under `dataDir`. */
export type RunContext = { dataDir: string; modelDir?: string; backend: string; pipelines: Partial<Record<Job["task"], TrainingPipeline>> };

const PROGRESS_EVERY_MS = 500;
const CANCEL_CHECK_EVERY_MS = 1000;

/**
 * Runs one claimed job to the end: succeeded with a registered version, cancelled, or failed with its error.
 * Progress and heartbeats are best effort: a write that fails (the database busy past its timeout) is logged and
 * skipped, never failing the job. The writes that end the job are retried while the database is busy.
 */
export async function runJob(db: Db, job: Job, context: RunContext): Promise<RunOutcome> {
  const pipeline = context.pipelines[job.task];
  if (!pipeline) return finish(db, job, { status: "failed", error: `The worker has no '${job.kind}' pipeline for ${job.task}.` });
  // A heartbeat that finds the job no longer ours (another worker took it over) stops a fit at its next epoch.
  const lost = new AbortController();
  const beat = setInterval(
    () =>
      void bestEffort(job.id, "heartbeat", () => recordHeartbeat(db, job)).then((held) => {
        if (held === false) lost.abort();
      }),
    HEARTBEAT_EVERY_MS,
  );
  try {
    if (job.kind === "evaluate") return await evaluateDrift(db, job, pipeline, context.backend);
    if (job.kind === "score") return await scoreWithChampion(db, job, pipeline, context.backend);
    return await train(db, job, pipeline, context, lost.signal);
  } finally {
    clearInterval(beat);
  }
}

async function train(db: Db, job: Job, pipeline: TrainingPipeline, context: RunContext, lost: AbortSignal): Promise<RunOutcome> {
  const started = Date.now();
  const controller = new AbortController();
  let superseded = lost.aborted;
  lost.addEventListener("abort", () => {
    superseded = true;
    controller.abort();
  });
  const progress: JobProgress = { stage: "starting", history: [], backend: context.backend };
  let lastWrite = 0;
  let lastCancelCheck = 0;
  let track = startTrack;
  let writing: Promise<unknown> | null = null;
  let checking: Promise<unknown> | null = null;
  // Nothing of the fit's reporting is still in flight when the job goes on to end.
  const settled = () => Promise.all([writing, checking]);

  const onProgress = (p: TrainingProgress) => {
    // The stage each point belongs to, so the page draws one chart per stage instead of joining restarted epochs.
    if (p.epoch !== undefined && p.loss !== undefined) {
      const last = progress.history[progress.history.length - 1];
      const point = { stage: p.stage, epoch: p.epoch, loss: p.loss, validation: p.validation?.value };
      if (last && last.epoch === p.epoch && last.stage === p.stage) progress.history[progress.history.length - 1] = point;
      else progress.history.push(point);
      if (p.validation) progress.validationNames = { ...progress.validationNames, [p.stage]: p.validation.name };
    }
    // The overall fraction only grows (./progress.ts); the page estimates the time left from it and the start time.
    if (p.fraction !== undefined) track = advanceFraction(track, p.fraction);
    Object.assign(progress, p, { fraction: track.shown });
    // The trainer reports synchronously: the progress write and the cancel check run beside it (one of each at a
    // time), and a progress write that lands after the job ended changes nothing (recordProgress: running jobs only).
    const now = Date.now();
    if (now - lastWrite >= PROGRESS_EVERY_MS && !writing) {
      lastWrite = now;
      const snapshot = copyOf(progress);
      writing = bestEffort(job.id, "progress", () => recordProgress(db, job, snapshot)).finally(() => {
        writing = null;
      });
    }
    if (now - lastCancelCheck >= CANCEL_CHECK_EVERY_MS && !checking) {
      lastCancelCheck = now;
      checking = bestEffort(job.id, "cancel check", () => stopRequested(db, job))
        .then((stop) => {
          if (stop === "superseded") superseded = true;
          if (stop) controller.abort();
        })
        .finally(() => {
          checking = null;
        });
    }
  };

  const modelDir = context.modelDir ?? path.join(context.dataDir, "models");
  // The files are named by this claim, so a worker that lost the job (and wakes up) never touches its successor's.
  const folder = claimFolder(job);
  const staging = stagingDir(modelDir, job.task, folder);
  let outcome: Awaited<ReturnType<TrainingPipeline["train"]>>;
  try {
    const seed = typeof job.params.seed === "number" ? job.params.seed : 42;
    outcome = await pipeline.train(db, { seed, onProgress, signal: controller.signal });
    onProgress({ stage: "saving", fraction: 0.99 });
    await outcome.module.save(outcome.model, staging);
    writeFileSync(path.join(staging, "drift-reference.json"), JSON.stringify(outcome.drift));
    for (const [name, content] of Object.entries(outcome.files ?? {})) writeFileSync(path.join(staging, artifactFileName(name)), JSON.stringify(content));
    outcome.module.dispose(outcome.model);
  } catch (error) {
    discardStaging(staging);
    await settled();
    if (error instanceof FitCancelledError && superseded) return supersededNote(job);
    if (error instanceof FitCancelledError) return finish(db, job, { status: "cancelled", error: "Cancelled by a user during training." });
    console.error(`[worker] job ${job.id} failed`, error);
    return finish(db, job, { status: "failed", error: errorText(error) });
  }
  await settled();
  if (superseded) {
    discardStaging(staging);
    return supersededNote(job);
  }

  // The version, its audit entry, a bootstrap promotion and the job's end are one transaction, retried as a whole
  // while the database is busy: the job never ends "succeeded" without its version, nor registers one twice.
  let artifactPath: string | null = null;
  try {
    artifactPath = publishArtifacts(staging, modelDir, job.task, folder);
    const checksum = artifactChecksum(artifactPath);
    const { params, metrics, trainFrom, trainTo, dataHash } = outcome;
    const newVersion = { task: job.task, params, metrics, trainFrom, trainTo, dataHash, backend: context.backend, durationMs: Date.now() - started, artifactPath, artifactChecksum: checksum, trainedBy: job.createdBy };
    await retryTransient(
      () =>
        db.transaction(async (tx) => {
          const version = await registerVersion(tx, newVersion);
          await audit(tx, { actor: systemActor, action: "model.trained", entityType: "model_version", entityId: version.id, after: { task: job.task, version: version.version, metrics: version.metrics, jobId: job.id } });
          // The very first model of a task becomes champion when asked (the demo's bootstrap); every later one waits for an admin.
          if (job.params.promoteIfNoChampion === true && !(await championOf(tx, job.task))) {
            await promote(tx, { versionId: version.id, actor: systemActor, fourEyes: false, action: "model.promote.bootstrap" });
            await enqueuePublishIfNeeded(tx, job.task, job.createdBy);
          }
          // Ends the job only while this worker still holds it; otherwise the whole transaction rolls back.
          await endJob(tx, job, { status: "succeeded", modelVersionId: version.id }, { ...progress, stage: "done", fraction: 1 });
        }),
      { label: `job ${job.id} registration` },
    );
    return "ended";
  } catch (error) {
    if (error instanceof JobSupersededError) {
      if (artifactPath) discardStaging(artifactPath);
      return supersededNote(job);
    }
    console.error(`[worker] job ${job.id} could not register its version`, error);
    return finish(db, job, { status: "failed", error: `The model was trained but could not be registered: ${errorText(error)}` });
  }
}

/** An evaluate job measures the champion's drift (PSI of recent inputs and scores against its training period). */
async function evaluateDrift(db: Db, job: Job, pipeline: TrainingPipeline, backend: string): Promise<RunOutcome> {
  try {
    const windowDays = typeof job.params.windowDays === "number" ? job.params.windowDays : 30;
    const report = await driftReport(db, job.task, pipeline, windowDays);
    return await finish(db, job, { status: "succeeded", modelVersionId: report.versionId }, { stage: "done", fraction: 1, history: [], backend, drift: report });
  } catch (error) {
    return finish(db, job, { status: "failed", error: errorText(error) });
  }
}

/**
 * A score job has the task's champion write its outputs for the app (forecast: the coming weeks' forecasts;
 * pricing: price recommendations; fraud: scores, reasons and review cases of recent unscored payments). Its summary goes into the job's progress.
 */
async function scoreWithChampion(db: Db, job: Job, pipeline: TrainingPipeline, backend: string): Promise<RunOutcome> {
  const progress: JobProgress = { stage: "starting", history: [], backend };
  try {
    if (!pipeline.score) throw new Error(`The ${job.task} pipeline has nothing to score: only tasks that publish outputs (forecast, pricing, fraud) have score jobs.`);
    const champion = await championOf(db, job.task);
    if (!champion?.artifactPath) throw new Error(`${job.task} has no champion to score with: train a version and promote it first.`);
    const result = await pipeline.score(db, verifiedArtifactDir(champion), champion, {
      createdBy: job.createdBy,
      params: job.params,
      onProgress: (p) => {
        Object.assign(progress, p);
        const snapshot = copyOf(progress);
        void bestEffort(job.id, "progress", () => recordProgress(db, job, snapshot));
      },
    });
    return await finish(db, job, { status: "succeeded", modelVersionId: champion.id }, { ...progress, stage: "done", fraction: 1, result });
  } catch (error) {
    console.error(`[worker] job ${job.id} failed`, error);
    return finish(db, job, { status: "failed", error: errorText(error) });
  }
}

/** A job's end: its last progress, if given, and its status (JobSupersededError if this claim lost the job). */
async function endJob(db: Db, claim: JobClaim, outcome: Parameters<typeof finishJob>[2], last?: JobProgress): Promise<void> {
  if (last) await recordProgress(db, claim, last);
  await finishJob(db, claim, outcome);
}

/** Ends a job in one transaction, retried while the database is busy; a job another worker now holds is left to it. */
async function finish(db: Db, claim: JobClaim, outcome: Parameters<typeof finishJob>[2], last?: JobProgress): Promise<RunOutcome> {
  try {
    await retryTransient(() => db.transaction((tx) => endJob(tx, claim, outcome, last)), { label: `job ${claim.id} finish` });
    return "ended";
  } catch (error) {
    if (error instanceof JobSupersededError) return supersededNote(claim);
    throw error;
  }
}

function supersededNote(claim: JobClaim): "superseded" {
  console.error(`[worker] job ${claim.id}: another worker took it over while this one stalled; this run's result is dropped`);
  return "superseded";
}

/** This claim's model folder: job-<id>-<claimed at, base 36>. */
function claimFolder(claim: JobClaim): string {
  return `job-${claim.id}-${(claim.startedAt?.getTime() ?? 0).toString(36)}`;
}

/** A write that must never fail the job it reports on: a failure is logged and the value is undefined. */
async function bestEffort<T>(jobId: number, what: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    console.error(`[worker] job ${jobId}: ${what} not written (${errorText(error)}); the job goes on`);
    return undefined;
  }
}

/** The progress as it is now, as it will be stored (JSON): the write runs later, while the fit goes on changing it. */
const copyOf = (progress: JobProgress): JobProgress => JSON.parse(JSON.stringify(progress)) as JobProgress;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An extra file's name must stay inside the model's folder: a plain name such as `evaluation.json`. */
export function artifactFileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name === "metadata.json" || name === "drift-reference.json") {
    throw new Error(`'${name}' is not a valid extra model file name.`);
  }
  return name;
}

/** A stable hash of training rows (order-sensitive), for the registry. */
export function hashRows(rows: unknown[]): string {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(JSON.stringify(row)).update("\n");
  return hash.digest("hex").slice(0, 16);
}
