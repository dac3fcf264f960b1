import { and, desc, eq, isNotNull, max, ne } from "drizzle-orm";
import type { Db } from "../db";
import { modelVersions, type ModelTask, type ModelVersion } from "../schema";
import { audit, type Actor } from "../audit";
import { lockFor } from "../transaction-lock";

export class RegistryError extends Error {
  constructor(
    readonly code: "not_found" | "four_eyes" | "invalid_state",
    message: string,
  ) {
    super(message);
    this.name = "RegistryError";
  }
}

export type NewVersion = {
  task: ModelTask;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  trainFrom: string | null;
  trainTo: string | null;
  dataHash: string;
  backend: string;
  durationMs: number;
  artifactPath: string;
  /** sha-256 of the artifact folder (lib/models/artifacts.ts artifactChecksum). */
  artifactChecksum?: string | null;
  trainedBy: number | null;
};

/** Registers a trained model as a candidate. Versions count up per task from 1. */
export function registerVersion(db: Db, input: NewVersion): Promise<ModelVersion> {
  return db.transaction(async (tx) => {
    // Two registrations of one task never read the same latest number (PostgreSQL; SQLite has one writer anyway).
    await lockFor(tx, `model_versions:${input.task}`);
    const latest = (await tx.select({ v: max(modelVersions.version) }).from(modelVersions).where(eq(modelVersions.task, input.task)).get())?.v ?? 0;
    return tx
      .insert(modelVersions)
      .values({ ...input, version: latest + 1, status: "candidate", createdAt: new Date() })
      .returning()
      .get();
  });
}

export function championOf(db: Db, task: ModelTask): Promise<ModelVersion | undefined> {
  return db.select().from(modelVersions).where(and(eq(modelVersions.task, task), eq(modelVersions.status, "champion"))).get();
}

export function versionsOf(db: Db, task: ModelTask): Promise<ModelVersion[]> {
  return db.select().from(modelVersions).where(eq(modelVersions.task, task)).orderBy(desc(modelVersions.version)).all();
}

/** The version number a run was made with, or null when that version is gone: one row, not the task's whole list. */
export async function versionNumberOf(db: Db, id: number | null): Promise<number | null> {
  if (id === null) return null;
  return (await db.select({ version: modelVersions.version }).from(modelVersions).where(eq(modelVersions.id, id)).get())?.version ?? null;
}

export async function versionById(db: Db, id: number): Promise<ModelVersion> {
  const version = await db.select().from(modelVersions).where(eq(modelVersions.id, id)).get();
  if (!version) throw new RegistryError("not_found", `Model version ${id} does not exist.`);
  return version;
}

/**
 * Makes a version the champion of its task; the previous champion is archived. With four-eyes on, the admin who
 * promotes must not be the one who trained it. One transaction, audited.
 */
export function promote(db: Db, input: { versionId: number; actor: Actor; fourEyes: boolean; action?: string }): Promise<ModelVersion> {
  return db.transaction(async (tx) => {
    // One promotion of a task at a time, and the version read again once the lock is held: never two champions.
    await lockFor(tx, `model_versions:${(await versionById(tx, input.versionId)).task}`);
    const version = await versionById(tx, input.versionId);
    if (version.status === "champion") throw new RegistryError("invalid_state", `v${version.version} is already the champion.`);
    if (version.status === "failed") throw new RegistryError("invalid_state", `v${version.version} failed and cannot be promoted.`);
    if (input.fourEyes && version.trainedBy !== null && version.trainedBy === input.actor.id) {
      throw new RegistryError("four_eyes", "Four-eyes is on: another admin must promote a model you trained.");
    }
    const previous = await tx
      .update(modelVersions)
      .set({ status: "archived" })
      .where(and(eq(modelVersions.task, version.task), eq(modelVersions.status, "champion")))
      .returning()
      .get();
    const promoted = await tx
      .update(modelVersions)
      .set({ status: "champion", promotedBy: input.actor.id, promotedAt: new Date() })
      .where(eq(modelVersions.id, version.id))
      .returning()
      .get();
    await audit(tx, {
      actor: input.actor,
      action: input.action ?? "model.promote",
      entityType: "model_version",
      entityId: version.id,
      before: { task: version.task, champion: previous ? `v${previous.version}` : null },
      after: { task: version.task, champion: `v${promoted.version}`, metrics: promoted.metrics },
    });
    return promoted;
  });
}

/** Puts back the most recently promoted earlier champion: one action when a new model misbehaves. */
export function rollback(db: Db, input: { task: ModelTask; actor: Actor }): Promise<ModelVersion> {
  return db.transaction(async (tx) => {
    await lockFor(tx, `model_versions:${input.task}`);
    const current = await championOf(tx, input.task);
    const previous = await tx
      .select()
      .from(modelVersions)
      .where(
        and(
          eq(modelVersions.task, input.task),
          eq(modelVersions.status, "archived"),
          isNotNull(modelVersions.promotedAt),
          current ? ne(modelVersions.id, current.id) : undefined,
        ),
      )
      .orderBy(desc(modelVersions.promotedAt))
      .get();
    if (!previous) throw new RegistryError("invalid_state", `There is no earlier ${input.task} champion to roll back to.`);
    // Rolling back is not a new model decision, so four-eyes does not apply; it is audited as its own action.
    return promote(tx, { versionId: previous.id, actor: input.actor, fourEyes: false, action: "model.rollback" });
  });
}
