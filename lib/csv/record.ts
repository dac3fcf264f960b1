import { eq } from "drizzle-orm";
import { imports } from "@/db/schema";
import { audit, type Actor } from "@/lib/audit";
import { formatLineError } from "./line-errors";
import type { ImportSummary, LineError, Sql } from "./types";

/**
 * Every import attempt leaves an `imports` row and an audit entry, whether it was written or refused.
 * The kind is "unknown" when the header matched none of ours.
 */
type Attempt = { kind: string; filename: string; actor: Actor; rowsRead: number; now: Date };

/** Kept short in the imports row: the full list went back to the person who tried. */
const storedErrors = 20;

export function recordRefused(db: Sql, attempt: Attempt, errors: LineError[]): number {
  const summary = { errorCount: errors.length, errors: errors.slice(0, storedErrors).map(formatLineError) };
  const [row] = db
    .insert(imports)
    .values({
      kind: attempt.kind,
      filename: attempt.filename,
      status: "refused",
      rowsRead: attempt.rowsRead,
      rowsWritten: 0,
      summary,
      createdBy: attempt.actor.id,
      createdAt: attempt.now,
    })
    .returning({ id: imports.id })
    .all();
  const importId = row!.id;
  audit(db, {
    actor: attempt.actor,
    action: "data.import.refused",
    entityType: "import",
    entityId: importId,
    after: { kind: attempt.kind, filename: attempt.filename, rowsRead: attempt.rowsRead, ...summary },
  });
  return importId;
}

/** Opens the imports row first so written rows (orders.import_id) can point at it; finished by `recordSucceeded`. */
export function startImport(tx: Sql, attempt: Attempt): number {
  const [row] = tx
    .insert(imports)
    .values({
      kind: attempt.kind,
      filename: attempt.filename,
      status: "succeeded",
      rowsRead: attempt.rowsRead,
      rowsWritten: 0,
      createdBy: attempt.actor.id,
      createdAt: attempt.now,
    })
    .returning({ id: imports.id })
    .all();
  return row!.id;
}

export function recordSucceeded(tx: Sql, importId: number, attempt: Attempt, outcome: { rowsWritten: number; summary: ImportSummary; notes: string[] }): void {
  tx.update(imports)
    .set({ rowsWritten: outcome.rowsWritten, summary: { ...outcome.summary, notes: outcome.notes } })
    .where(eq(imports.id, importId))
    .run();
  audit(tx, {
    actor: attempt.actor,
    action: "data.import",
    entityType: "import",
    entityId: importId,
    after: { kind: attempt.kind, filename: attempt.filename, rowsRead: attempt.rowsRead, rowsWritten: outcome.rowsWritten, ...outcome.summary },
  });
}
