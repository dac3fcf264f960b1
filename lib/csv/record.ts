import { and, eq } from "drizzle-orm";
import { imports } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import type { Message } from "@/lib/i18n/message";
import { inEnglish } from "@/lib/i18n/translate";
import { formatLineError } from "./line-errors";
import type { ImportSummary, LineError, Sql } from "./types";

/**
 * Every import attempt leaves an `imports` row and an audit entry, whether it was written, refused or failed.
 * The kind is "unknown" when the header matched none of ours. A queued import already has its row (`importId`),
 * which the attempt finishes, but only while it is still running: one given up as stale is left as it is.
 */
export type Attempt = { kind: string; filename: string; actor: Actor; rowsRead: number; now: Date; importId?: number };

/** Kept short in the audit log; the imports row keeps the errors the person is shown. */
const auditedErrors = 20;

export async function recordRefused(db: Sql, attempt: Attempt, errors: LineError[], errorCount: number): Promise<number> {
  const formatted = errors.slice(0, auditedErrors).map(formatLineError);
  const refused = { status: "refused" as const, summary: { errorCount, errors: formatted, lineErrors: errors }, finishedAt: new Date() };
  let importId = attempt.importId;
  if (importId === undefined) importId = await insertAttempt(db, attempt, refused);
  else if (!(await finishRunning(db, importId, { ...refused, kind: attempt.kind, rowsRead: attempt.rowsRead }))) return importId;
  await audit(db, {
    actor: attempt.actor,
    action: "data.import.refused",
    entityType: "import",
    entityId: importId,
    after: { kind: attempt.kind, filename: attempt.filename, rowsRead: attempt.rowsRead, errorCount, errors: formatted },
  });
  return importId;
}

/**
 * Inside the write transaction: the imports row the written rows point at (orders.import_id). For a queued import
 * that is no longer running (given up as stale), it throws, so nothing is written.
 */
export async function startImport(tx: Sql, attempt: Attempt): Promise<number> {
  if (attempt.importId === undefined) return await insertAttempt(tx, attempt, { status: "succeeded" });
  if (!(await finishRunning(tx, attempt.importId, { kind: attempt.kind, status: "succeeded", rowsRead: attempt.rowsRead }))) {
    throw new Error(`import ${attempt.importId} is no longer running; its file was not written`);
  }
  return attempt.importId;
}

export async function recordSucceeded(tx: Sql, importId: number, attempt: Attempt, outcome: { rowsWritten: number; summary: ImportSummary; notes: Message[] }): Promise<void> {
  await tx
    .update(imports)
    .set({ rowsWritten: outcome.rowsWritten, summary: { ...outcome.summary, notes: outcome.notes }, finishedAt: new Date() })
    .where(eq(imports.id, importId))
    .run();
  await audit(tx, {
    actor: attempt.actor,
    action: "data.import",
    entityType: "import",
    entityId: importId,
    after: { kind: attempt.kind, filename: attempt.filename, rowsRead: attempt.rowsRead, rowsWritten: outcome.rowsWritten, ...outcome.summary },
  });
}

/**
 * A queued import that could not run to the end (its file vanished, the worker died): nothing was written. The row's
 * `error` and the audit entry keep the English words; the summary keeps the Message, shown in the reader's language.
 */
export async function recordFailed(db: Sql, importId: number, attempt: Pick<Attempt, "kind" | "filename" | "actor">, failure: Message): Promise<void> {
  const error = inEnglish(failure);
  if (!(await finishRunning(db, importId, { status: "failed", error, summary: { failure }, finishedAt: new Date() }))) return;
  await audit(db, { actor: attempt.actor, action: "data.import.failed", entityType: "import", entityId: importId, after: { kind: attempt.kind, filename: attempt.filename, error } });
}

type ImportRow = typeof imports.$inferInsert;

/** The row of an attempt made in one go (not queued): inserted with its outcome. */
async function insertAttempt(db: Sql, attempt: Attempt, outcome: Pick<ImportRow, "status" | "summary" | "finishedAt">): Promise<number> {
  const [row] = await db
    .insert(imports)
    .values({
      kind: attempt.kind,
      filename: attempt.filename,
      rowsRead: attempt.rowsRead,
      rowsWritten: 0,
      createdBy: attempt.actor.id,
      createdAt: attempt.now,
      startedAt: attempt.now,
      ...outcome,
    })
    .returning({ id: imports.id })
    .all();
  return row!.id;
}

/** Updates a queued import's row only while it is still running (one given up as stale is left as it is); false when it was not. */
async function finishRunning(db: Sql, importId: number, values: Partial<ImportRow>): Promise<boolean> {
  const updated = await db.update(imports).set(values).where(and(eq(imports.id, importId), eq(imports.status, "running"))).returning({ id: imports.id }).all();
  return updated.length > 0;
}
