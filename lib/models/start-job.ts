import "server-only";
import type { Db } from "@/lib/db";
import type { Job, ModelTask } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { enqueueJob } from "@/lib/jobs/queue";
import { lockFor } from "@/lib/transaction-lock";
import { activeTrainJob } from "./queries";

/**
 * Queues a train, drift-check or score job for a task (a score job re-publishes the champion's outputs on today's
 * data: the Forecasts and Pricing pages' refresh), audited. A second train job for a task that already has one queued
 * or running is refused: it would train on the same data and queue behind the first for nothing. The check and the
 * insert are one transaction, so two clicks at once cannot both get through.
 */
export function startJob(db: Db, actor: Actor, input: { task: ModelTask; kind: "train" | "evaluate" | "score" }): Promise<Job> {
  return db.transaction(async (tx) => {
    if (input.kind === "train") {
      await lockFor(tx, `jobs:${input.task}`);
      const active = await activeTrainJob(tx, input.task);
      if (active) {
        throw new ConflictError(msg("models.errors.trainingActive", { task: input.task, id: String(active.id), status: active.status }), {
          jobId: active.id,
        });
      }
    }
    const job = await enqueueJob(tx, { kind: input.kind, task: input.task, createdBy: actor.id, params: input.kind === "evaluate" ? { windowDays: 30 } : {} });
    await audit(tx, { actor, action: `job.${input.kind}.enqueue`, entityType: "job", entityId: job.id, after: { task: input.task, kind: input.kind } });
    return job;
  }, { behavior: "immediate" });
}
