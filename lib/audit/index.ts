import type { Db } from "@/lib/db";
import { auditLog } from "@/lib/schema";

export type Actor = { id: number | null; email: string };

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Every write a person decides goes through here. The table refuses UPDATE and DELETE (see migrations). */
export async function audit(db: Pick<Db, "insert">, entry: AuditInput): Promise<void> {
  await db
    .insert(auditLog)
    .values({
      at: new Date(),
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

export const systemActor: Actor = { id: null, email: "system" };
