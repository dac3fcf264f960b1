import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, modelTasks, users, type Job, type ModelTask } from "@/db/schema";
import type { JobProgress } from "@/models/jobs/queue";
import { recentJobs, sweepStaleJobs } from "@/models/jobs/queue";
import { championOf, versionsOf } from "@/models/registry/versions";

export type JobView = Job & { progress: JobProgress | null; createdByEmail: string | null };

export function jobsForPage(db: Db, limit = 15): JobView[] {
  sweepStaleJobs(db);
  const emails = new Map(db.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.id, u.email]));
  return recentJobs(db, limit).map((j) => ({ ...j, progress: j.progress as JobProgress | null, createdByEmail: j.createdBy ? (emails.get(j.createdBy) ?? null) : null }));
}

/** A job as an area page shows it (queued, running, or how it ended), with the stage and fraction it reports. */
export type TaskJob = Pick<Job, "id" | "kind" | "status" | "createdAt" | "error"> & { progress: { stage?: string; fraction?: number } | null };

/** The training and publishing jobs of one task among the latest 30, newest first (drift checks do not change what an area page shows). */
export function taskJobs(db: Db, task: ModelTask): TaskJob[] {
  sweepStaleJobs(db);
  return recentJobs(db, 30)
    .filter((j) => j.task === task && j.kind !== "evaluate")
    .map((j) => ({ id: j.id, kind: j.kind, status: j.status, createdAt: j.createdAt, error: j.error, progress: j.progress as TaskJob["progress"] }));
}

export function taskOverview(db: Db) {
  return modelTasks.map((task) => {
    const drift = db
      .select()
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.kind, "evaluate"), eq(jobs.status, "succeeded")))
      .orderBy(desc(jobs.id))
      .get();
    return { task, champion: championOf(db, task), versions: versionsOf(db, task).length, drift: (drift?.progress as JobProgress | null)?.drift ?? null, driftAt: drift?.finishedAt ?? null };
  });
}

export function versionsForTask(db: Db, task: ModelTask) {
  const emails = new Map(db.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.id, u.email]));
  return versionsOf(db, task).map((v) => ({
    ...v,
    trainedByEmail: v.trainedBy ? (emails.get(v.trainedBy) ?? null) : "system",
    promotedByEmail: v.promotedBy ? (emails.get(v.promotedBy) ?? null) : v.promotedAt ? "system" : null,
  }));
}
