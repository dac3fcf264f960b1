import "server-only";
import type { Db } from "@/lib/db";
import type { Job } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { requestCancel } from "@/lib/jobs/queue";

/**
 * Cancels a queued job at once, or asks a running one to stop at its next epoch. Audited once: a second click (or a
 * second admin) on a job already cancelled or already asked to stop changes nothing and writes nothing.
 */
export async function cancelJob(db: Db, actor: Actor, jobId: number): Promise<Job> {
  const cancel = await requestCancel(db, jobId);
  if (!cancel) throw new AppError("not_found", msg("models.errors.jobMissing", { id: String(jobId) }));
  const { job, changed } = cancel;
  if (job.status !== "cancelled" && job.status !== "running") throw new AppError("conflict", msg("models.errors.jobFinished", { id: String(jobId), status: job.status }));
  if (changed) await audit(db, { actor, action: "job.cancel", entityType: "job", entityId: jobId, after: { status: job.status } });
  return job;
}
