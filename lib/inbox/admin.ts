import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { jobs, modelTasks, modelVersions, type ModelTask } from "@/lib/schema";
import { msg } from "@/lib/i18n/message";
import type { DriftReport } from "@/lib/jobs/drift";
import { championOf } from "@/lib/models/versions";
import type { InboxItem } from "./types";

const modelsHref = (task: ModelTask) => `/models?task=${task}`;

/** Failed jobs nobody has dismissed or retried yet, newest first. */
async function failedJobItems(db: Db): Promise<InboxItem[]> {
  return (
    await db
    .select({ id: jobs.id, kind: jobs.kind, task: jobs.task, error: jobs.error, finishedAt: jobs.finishedAt, createdAt: jobs.createdAt })
    .from(jobs)
    .where(and(eq(jobs.status, "failed"), isNull(jobs.acknowledgedAt)))
    .orderBy(desc(jobs.id))
    .all()
  ).map((j) => {
      const at = j.finishedAt ?? j.createdAt;
      const error = j.error ? j.error.replace(/\s+/g, " ").slice(0, 160) : "none";
      return {
        kind: "failed_job",
        key: String(j.id),
        title: msg("inbox.titles.failedJob", { task: j.task, kind: j.kind, id: String(j.id) }),
        why: msg("inbox.why.failedJob", { failedAt: at.getTime(), error }),
        href: modelsHref(j.task),
        severity: at.getTime() / 1e13,
        ref: j.id,
        actions: ["retry_job", "dismiss_job"],
      } satisfies InboxItem;
    });
}

/**
 * Per task, the latest succeeded drift check, when it flagged a shift in the current champion's inputs and no admin
 * has acknowledged it. A newer check or a new champion replaces it.
 */
async function driftItems(db: Db): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const task of modelTasks) {
    const job = await db
      .select({ id: jobs.id, progress: jobs.progress, acknowledgedAt: jobs.acknowledgedAt, finishedAt: jobs.finishedAt })
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.kind, "evaluate"), eq(jobs.status, "succeeded")))
      .orderBy(desc(jobs.id))
      .get();
    const drift = (job?.progress as { drift?: DriftReport } | null | undefined)?.drift;
    if (!job || !drift?.flagged || job.acknowledgedAt) continue;
    const champion = await championOf(db, task);
    if (!champion || champion.id !== drift.versionId) continue;
    const flagged = drift.features.filter((f) => f.flagged);
    const worst = flagged[0];
    items.push({
      kind: "drift_alert",
      key: String(job.id),
      title: msg("inbox.titles.drift", { task, version: String(drift.version) }),
      why: msg("inbox.why.drift", { count: flagged.length, days: drift.windowDays, worst: worst?.name ?? "none", worstPsi: worst?.psi ?? 0 }),
      href: modelsHref(task),
      severity: Math.max(...flagged.map((f) => f.psi), 0),
      ref: job.id,
      actions: ["acknowledge_drift"],
    });
  }
  return items;
}

/** Candidates trained after the task's champion (or before any champion) that nobody promoted or dismissed. */
async function versionItems(db: Db, userId: number, fourEyes: boolean): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const task of modelTasks) {
    const champion = await championOf(db, task);
    const candidates = (
      await db
        .select({ id: modelVersions.id, version: modelVersions.version, trainedBy: modelVersions.trainedBy, createdAt: modelVersions.createdAt })
      .from(modelVersions)
      .where(and(eq(modelVersions.task, task), eq(modelVersions.status, "candidate"), isNull(modelVersions.dismissedAt)))
        .orderBy(desc(modelVersions.version))
        .all()
    ).filter((v) => !champion || v.version > champion.version);
    for (const v of candidates) {
      const ownTraining = fourEyes && v.trainedBy === userId;
      items.push({
        kind: "version_to_promote",
        key: String(v.id),
        title: msg("inbox.titles.version", { task, version: String(v.version) }),
        why: msg("inbox.why.version", { champion: champion ? String(champion.version) : "none", own: ownTraining ? "yes" : "no" }),
        href: modelsHref(task),
        severity: v.createdAt.getTime() / 1e13,
        ref: v.id,
        actions: ["dismiss_version"],
      });
    }
  }
  return items;
}

/** An admin's work: failed jobs, drift alerts, versions waiting for promotion. */
export async function adminItems(db: Db, userId: number, fourEyes: boolean): Promise<InboxItem[]> {
  return [...(await failedJobItems(db)), ...(await driftItems(db)), ...(await versionItems(db, userId, fourEyes))];
}
