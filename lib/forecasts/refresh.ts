import type { Db } from "@/db/client";
import { audit, type Actor } from "@/lib/audit";
import { enqueueJob } from "@/lib/jobs/queue";

/** Queues a re-forecast of every product from the current champion and today's data (a worker job), audited. */
export function enqueueForecastRefresh(db: Db, user: Actor & { id: number }) {
  const job = enqueueJob(db, { kind: "score", task: "forecast", createdBy: user.id, params: {} });
  audit(db, { actor: user, action: "job.score.enqueue", entityType: "job", entityId: job.id, after: { task: "forecast", kind: "score" } });
  return job;
}
