import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { jobs, modelVersions } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { enqueueJob } from "@/lib/jobs/queue";
import type { DriftReport } from "@/lib/jobs/drift";

/**
 * What an admin decides right in the inbox: dismiss or retry a failed job, acknowledge a drift alert, dismiss a
 * version they will not promote. Each is one guarded update (a second click, or another admin's, finds it done and is
 * told so) and one audit entry.
 */

const id = z.number().int().positive();
export const jobRefInput = z.object({ jobId: id });
export const versionRefInput = z.object({ versionId: id });

type Admin = Actor & { id: number };

async function jobRow(db: Db, jobId: number) {
  const job = await db.select().from(jobs).where(eq(jobs.id, jobId)).get();
  if (!job) throw new AppError("not_found", msg("inbox.errors.jobMissing", { id: String(jobId) }));
  return job;
}

async function acknowledge(db: Db, admin: Admin, jobId: number, now: Date): Promise<boolean> {
  const { changes } = await db
    .update(jobs)
    .set({ acknowledgedBy: admin.id, acknowledgedAt: now })
    .where(and(eq(jobs.id, jobId), isNull(jobs.acknowledgedAt)))
    .run();
  return changes === 1;
}

async function failedJob(db: Db, jobId: number) {
  const job = await jobRow(db, jobId);
  if (job.status !== "failed") throw new AppError("conflict", msg("inbox.errors.jobNotFailed", { id: String(jobId), status: job.status }));
  if (job.acknowledgedAt) throw new ConflictError(msg("inbox.errors.jobHandled", { id: String(jobId) }));
  return job;
}

export function dismissFailedJob(db: Db, admin: Admin, raw: z.input<typeof jobRefInput>, now = new Date()): Promise<{ jobId: number }> {
  const { jobId } = jobRefInput.parse(raw);
  return db.transaction(async (tx) => {
    const job = await failedJob(tx, jobId);
    if (!(await acknowledge(tx, admin, jobId, now))) throw new ConflictError(msg("inbox.errors.jobHandled", { id: String(jobId) }));
    await audit(tx, { actor: admin, action: "job.failure_dismissed", entityType: "job", entityId: jobId, before: { status: job.status, error: job.error }, after: { acknowledged: true } });
    return { jobId };
  });
}

/** Queues the same job again (same kind, task and settings) and marks the failed one as handled. */
export function retryFailedJob(db: Db, admin: Admin, raw: z.input<typeof jobRefInput>, now = new Date()): Promise<{ jobId: number; retryJobId: number }> {
  const { jobId } = jobRefInput.parse(raw);
  return db.transaction(async (tx) => {
    const job = await failedJob(tx, jobId);
    if (!(await acknowledge(tx, admin, jobId, now))) throw new ConflictError(msg("inbox.errors.jobHandled", { id: String(jobId) }));
    const retry = await enqueueJob(tx, { kind: job.kind, task: job.task, params: job.params, createdBy: admin.id });
    await audit(tx, { actor: admin, action: "job.retry", entityType: "job", entityId: jobId, before: { status: job.status, error: job.error }, after: { retryJobId: retry.id, kind: job.kind, task: job.task } });
    return { jobId, retryJobId: retry.id };
  });
}

export function acknowledgeDrift(db: Db, admin: Admin, raw: z.input<typeof jobRefInput>, now = new Date()): Promise<{ jobId: number }> {
  const { jobId } = jobRefInput.parse(raw);
  return db.transaction(async (tx) => {
    const job = await jobRow(tx, jobId);
    const drift = (job.progress as { drift?: DriftReport } | null)?.drift;
    if (job.kind !== "evaluate" || job.status !== "succeeded" || !drift?.flagged) throw new AppError("conflict", msg("inbox.errors.noDrift", { id: String(jobId) }));
    if (!(await acknowledge(tx, admin, jobId, now))) throw new ConflictError(msg("inbox.errors.driftAcknowledged", { id: String(jobId) }));
    const flagged = drift.features.filter((f) => f.flagged).map((f) => ({ name: f.name, psi: f.psi }));
    await audit(tx, { actor: admin, action: "model.drift_acknowledged", entityType: "job", entityId: jobId, after: { task: job.task, version: drift.version, flagged } });
    return { jobId };
  });
}

export function dismissVersion(db: Db, admin: Admin, raw: z.input<typeof versionRefInput>, now = new Date()): Promise<{ versionId: number }> {
  const { versionId } = versionRefInput.parse(raw);
  return db.transaction(async (tx) => {
    const version = await tx.select().from(modelVersions).where(eq(modelVersions.id, versionId)).get();
    if (!version) throw new AppError("not_found", msg("inbox.errors.versionMissing", { id: String(versionId) }));
    if (version.status !== "candidate") throw new AppError("conflict", msg("inbox.errors.notCandidate", { task: version.task, version: String(version.version), status: version.status }));
    const { changes } = await tx
      .update(modelVersions)
      .set({ dismissedBy: admin.id, dismissedAt: now })
      .where(and(eq(modelVersions.id, versionId), isNull(modelVersions.dismissedAt)))
      .run();
    if (changes !== 1) throw new ConflictError(msg("inbox.errors.versionDismissed", { task: version.task, version: String(version.version) }));
    await audit(tx, { actor: admin, action: "model.version_dismissed", entityType: "model_version", entityId: versionId, after: { task: version.task, version: version.version } });
    return { versionId };
  });
}
