import type { Db } from "@/db/client";
import { audit, type Actor } from "@/lib/audit";
import { enqueueJob } from "@/lib/jobs/queue";

/** Queues a worker job that re-scores every product with the pricing champion under today's guardrails, audited. */
export function requestRepricing(db: Db, user: Actor & { id: number }): { jobId: number } {
  const job = enqueueJob(db, { kind: "score", task: "pricing", createdBy: user.id, params: {} });
  audit(db, { actor: user, action: "job.score.enqueue", entityType: "job", entityId: job.id, after: { task: "pricing", kind: "score" } });
  return { jobId: job.id };
}
