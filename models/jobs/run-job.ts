import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../db/client";
import type { Job } from "../../db/schema";
import { audit, systemActor } from "../../lib/audit";
import { championOf, promote, registerVersion } from "../registry/versions";
import { discardStaging, publishArtifacts, stagingDir } from "../registry/artifacts";
import { FitCancelledError, type TrainingProgress } from "../task";
import type { TrainingPipeline } from "./pipeline";
import { driftReport } from "./drift";
import { enqueuePublishIfNeeded, finishJob, isCancelRequested, recordProgress, type JobProgress } from "./queue";

export type RunContext = { dataDir: string; backend: string; pipelines: Partial<Record<Job["task"], TrainingPipeline>> };

const PROGRESS_EVERY_MS = 500;
const CANCEL_CHECK_EVERY_MS = 1000;

/** Runs one claimed job to the end: succeeded with a registered version, cancelled, or failed with its error. */
export async function runJob(db: Db, job: Job, context: RunContext): Promise<void> {
  const pipeline = context.pipelines[job.task];
  if (!pipeline) {
    finishJob(db, job.id, { status: "failed", error: `The worker has no '${job.kind}' pipeline for ${job.task}.` });
    return;
  }
  if (job.kind === "evaluate") return evaluateDrift(db, job, pipeline, context.backend);
  if (job.kind === "score") return scoreWithChampion(db, job, pipeline, context.backend);
  const started = Date.now();
  const controller = new AbortController();
  const progress: JobProgress = { stage: "starting", history: [], backend: context.backend };
  let lastWrite = 0;
  let lastCancelCheck = 0;

  const onProgress = (p: TrainingProgress) => {
    Object.assign(progress, p);
    if (p.epoch !== undefined && p.loss !== undefined) {
      const last = progress.history[progress.history.length - 1];
      const point = { epoch: p.epoch, loss: p.loss, validation: p.validation?.value };
      if (last && last.epoch === p.epoch && progress.stage === p.stage) progress.history[progress.history.length - 1] = point;
      else progress.history.push(point);
    }
    if (p.fraction && p.fraction > 0.01) progress.etaSeconds = Math.round(((Date.now() - started) / 1000) * ((1 - p.fraction) / p.fraction));
    const now = Date.now();
    if (now - lastWrite >= PROGRESS_EVERY_MS) {
      recordProgress(db, job.id, progress);
      lastWrite = now;
    }
    if (now - lastCancelCheck >= CANCEL_CHECK_EVERY_MS) {
      lastCancelCheck = now;
      if (isCancelRequested(db, job.id)) controller.abort();
    }
  };

  const staging = stagingDir(context.dataDir, job.task, job.id);
  try {
    const seed = typeof job.params.seed === "number" ? job.params.seed : 42;
    const outcome = await pipeline.train(db, { seed, onProgress, signal: controller.signal });
    onProgress({ stage: "saving", fraction: 0.99 });
    await outcome.module.save(outcome.model, staging);
    writeFileSync(path.join(staging, "drift-reference.json"), JSON.stringify(outcome.drift));
    for (const [name, content] of Object.entries(outcome.files ?? {})) writeFileSync(path.join(staging, artifactFileName(name)), JSON.stringify(content));
    outcome.module.dispose(outcome.model);
    const artifactPath = publishArtifacts(staging, context.dataDir, job.task, `job-${job.id}`);
    const version = registerVersion(db, {
      task: job.task,
      params: outcome.params,
      metrics: outcome.metrics,
      trainFrom: outcome.trainFrom,
      trainTo: outcome.trainTo,
      dataHash: outcome.dataHash,
      backend: context.backend,
      durationMs: Date.now() - started,
      artifactPath,
      trainedBy: job.createdBy,
    });
    audit(db, { actor: systemActor, action: "model.trained", entityType: "model_version", entityId: version.id, after: { task: job.task, version: version.version, metrics: version.metrics, jobId: job.id } });
    // The very first model of a task becomes champion when asked (the demo's bootstrap); every later one waits for an admin.
    if (job.params.promoteIfNoChampion === true && !championOf(db, job.task)) {
      promote(db, { versionId: version.id, actor: systemActor, fourEyes: false, action: "model.promote.bootstrap" });
      enqueuePublishIfNeeded(db, job.task, job.createdBy);
    }
    recordProgress(db, job.id, { ...progress, stage: "done", fraction: 1, etaSeconds: 0 });
    finishJob(db, job.id, { status: "succeeded", modelVersionId: version.id });
  } catch (error) {
    discardStaging(staging);
    if (error instanceof FitCancelledError) finishJob(db, job.id, { status: "cancelled", error: "Cancelled by a user during training." });
    else {
      console.error(`[worker] job ${job.id} failed`, error);
      finishJob(db, job.id, { status: "failed", error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** An evaluate job measures the champion's drift (PSI of recent inputs and scores against its training period). */
async function evaluateDrift(db: Db, job: Job, pipeline: TrainingPipeline, backend: string): Promise<void> {
  try {
    const windowDays = typeof job.params.windowDays === "number" ? job.params.windowDays : 30;
    const report = await driftReport(db, job.task, pipeline, windowDays);
    recordProgress(db, job.id, { stage: "done", fraction: 1, history: [], backend, drift: report });
    finishJob(db, job.id, { status: "succeeded", modelVersionId: report.versionId });
  } catch (error) {
    finishJob(db, job.id, { status: "failed", error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * A score job has the task's champion write its outputs for the app (forecast: the coming weeks' forecasts;
 * pricing: price recommendations; fraud: scores, reasons and review cases of recent unscored payments). Its summary goes into the job's progress.
 */
async function scoreWithChampion(db: Db, job: Job, pipeline: TrainingPipeline, backend: string): Promise<void> {
  const progress: JobProgress = { stage: "starting", history: [], backend };
  try {
    if (!pipeline.score) throw new Error(`The ${job.task} pipeline has nothing to score: only tasks that publish outputs (forecast, pricing, fraud) have score jobs.`);
    const champion = championOf(db, job.task);
    if (!champion?.artifactPath) throw new Error(`${job.task} has no champion to score with: train a version and promote it first.`);
    const result = await pipeline.score(db, champion.artifactPath, champion, {
      createdBy: job.createdBy,
      params: job.params,
      onProgress: (p) => recordProgress(db, job.id, Object.assign(progress, p)),
    });
    recordProgress(db, job.id, { ...progress, stage: "done", fraction: 1, result });
    finishJob(db, job.id, { status: "succeeded", modelVersionId: champion.id });
  } catch (error) {
    console.error(`[worker] job ${job.id} failed`, error);
    finishJob(db, job.id, { status: "failed", error: error instanceof Error ? error.message : String(error) });
  }
}

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
