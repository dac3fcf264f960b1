import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { jobs, modelTasks, modelVersions, type Job, type ModelTask } from "@/lib/schema";
import { userEmails } from "@/lib/auth/users";
import { jobTiming, type JobTiming } from "./progress";
import type { JobProgress } from "@/lib/jobs/queue";
import { recentJobs, sweepStaleJobs } from "@/lib/jobs/queue";
import { championOf, versionsOf } from "@/lib/models/versions";

export type JobView = Job & {
  progress: JobProgress | null;
  createdByEmail: string | null;
  /** The version a finished train job registered (or an evaluate/score job used). */
  version: number | null;
  timing: JobTiming;
};

export async function jobsForPage(db: Db, limit = 15, now = Date.now()): Promise<JobView[]> {
  await sweepStaleJobs(db);
  const recent = await recentJobs(db, limit);
  const emails = await userEmails(db, recent.map((j) => j.createdBy));
  const versionIds = [...new Set(recent.flatMap((j) => (j.modelVersionId === null ? [] : [j.modelVersionId])))];
  const versions = new Map(
    versionIds.length === 0
      ? []
      : (await db.select({ id: modelVersions.id, version: modelVersions.version }).from(modelVersions).where(inArray(modelVersions.id, versionIds)).all()).map((v) => [
          v.id,
          v.version,
        ]),
  );
  return recent.map((j) => {
    const progress = j.progress as JobProgress | null;
    return {
      ...j,
      progress,
      createdByEmail: j.createdBy ? (emails.get(j.createdBy) ?? null) : null,
      version: j.modelVersionId === null ? null : (versions.get(j.modelVersionId) ?? null),
      timing: jobTiming({ ...j, progress }, now),
    };
  });
}

/** The task's train job that is queued or running, if any: while it exists a second one is refused. */
export function activeTrainJob(db: Pick<Db, "select">, task: ModelTask): Promise<Pick<Job, "id" | "status"> | undefined> {
  return db
    .select({ id: jobs.id, status: jobs.status })
    .from(jobs)
    .where(and(eq(jobs.task, task), eq(jobs.kind, "train"), inArray(jobs.status, ["queued", "running"])))
    .orderBy(jobs.id)
    .get();
}

/** A job as an area page shows it (queued, running, or how it ended), with the stage and fraction it reports. */
export type TaskJob = Pick<Job, "id" | "kind" | "status" | "createdAt" | "error"> & { progress: { stage?: string; fraction?: number } | null };

/** The training and publishing jobs of one task among the latest 30, newest first (drift checks do not change what an area page shows). */
export async function taskJobs(db: Db, task: ModelTask): Promise<TaskJob[]> {
  await sweepStaleJobs(db);
  return (await recentJobs(db, 30))
    .filter((j) => j.task === task && j.kind !== "evaluate")
    .map((j) => ({ id: j.id, kind: j.kind, status: j.status, createdAt: j.createdAt, error: j.error, progress: j.progress as TaskJob["progress"] }));
}

export async function taskOverview(db: Db) {
  const overview = [];
  for (const task of modelTasks) {
    const drift = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.kind, "evaluate"), eq(jobs.status, "succeeded")))
      .orderBy(desc(jobs.id))
      .get();
    overview.push({
      task,
      champion: await championOf(db, task),
      versions: (await versionsOf(db, task)).length,
      activeTrain: (await activeTrainJob(db, task)) ?? null,
      drift: (drift?.progress as JobProgress | null)?.drift ?? null,
      driftAt: drift?.finishedAt ?? null,
    });
  }
  return overview;
}

export async function versionsForTask(db: Db, task: ModelTask) {
  const versions = await versionsOf(db, task);
  const emails = await userEmails(db, versions.flatMap((v) => [v.trainedBy, v.promotedBy]));
  return versions.map((v) => ({
    ...v,
    trainedByEmail: v.trainedBy ? (emails.get(v.trainedBy) ?? null) : "system",
    promotedByEmail: v.promotedBy ? (emails.get(v.promotedBy) ?? null) : v.promotedAt ? "system" : null,
  }));
}
