import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { imports, type Import, type ImportStatus } from "@/db/schema";
import { formatLineError } from "./line-errors";
import { importKindKeys, type ImportKind, type ImportResult, type LineError } from "./types";

/** An import as the Data page shows it: where it stands and, once it has ended, its result. */
export type ImportView = {
  id: number;
  filename: string;
  kind: string;
  status: ImportStatus;
  createdAt: Date;
  rowsRead: number;
  rowsWritten: number;
  fileBytes: number | null;
  /** While running: the stage, and how much of the file has been read (0 to 1). */
  progress: { stage: string; fraction: number; rowsRead: number } | null;
  /** Written or refused: the result as the person who uploaded it would have seen it. */
  result: ImportResult | null;
  /** One line for the table: the first error, what went wrong, or what was written. */
  detail: string;
};

export function recentImports(db: Db, limit = 20): ImportView[] {
  return db.select().from(imports).orderBy(desc(imports.id)).limit(limit).all().map(importView);
}

export function findImport(db: Db, id: number): ImportView | null {
  const row = db.select().from(imports).where(eq(imports.id, id)).get();
  return row ? importView(row) : null;
}

export function isInProgress(view: ImportView): boolean {
  return view.status === "queued" || view.status === "running";
}

const lineErrorSchema = z.object({ line: z.number(), column: z.string().optional(), message: z.string() });
const refusedSummary = z.object({ errorCount: z.number(), errors: z.array(z.string()).catch([]), lineErrors: z.array(lineErrorSchema).optional() });
const writtenSummary = z.record(z.string(), z.unknown());
const progressSchema = z.object({ stage: z.string(), bytesRead: z.number(), rowsRead: z.number(), fileBytes: z.number() });

function importView(row: Import): ImportView {
  const kind = (importKindKeys as readonly string[]).includes(row.kind) ? (row.kind as ImportKind) : null;
  const base = { id: row.id, filename: row.filename, kind: row.kind, status: row.status, createdAt: row.createdAt, rowsRead: row.rowsRead, rowsWritten: row.rowsWritten, fileBytes: row.fileBytes };
  const progress = progressSchema.safeParse(row.progress).data;
  const running = row.status === "running" && progress ? { stage: progress.stage, fraction: progress.fileBytes > 0 ? progress.bytesRead / progress.fileBytes : 0, rowsRead: progress.rowsRead } : null;
  if (row.status === "refused") {
    const summary = refusedSummary.safeParse(row.summary).data ?? { errorCount: 0, errors: [] };
    // Rows written before imports kept structured errors have only the formatted ones.
    const errors: LineError[] = summary.lineErrors ?? summary.errors.map((message) => ({ line: 0, message }));
    const result: ImportResult = { ok: false, importId: row.id, kind, rowsRead: row.rowsRead, errors, errorCount: summary.errorCount };
    const first = errors[0];
    return { ...base, progress: null, result, detail: first ? `${summary.errorCount} problem(s); ${first.line > 0 ? formatLineError(first) : first.message}` : "refused" };
  }
  if (row.status === "succeeded" && kind) {
    const { notes, ...summary } = writtenSummary.parse(row.summary ?? {});
    const result: ImportResult = {
      ok: true,
      importId: row.id,
      kind,
      rowsRead: row.rowsRead,
      rowsWritten: row.rowsWritten,
      summary: Object.fromEntries(Object.entries(summary).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number")),
      notes: z.array(z.string()).catch([]).parse(notes),
    };
    return { ...base, progress: null, result, detail: result.notes[0] ?? "" };
  }
  const detail = row.status === "failed" ? (row.error ?? "failed") : row.status === "queued" ? "Waiting for the worker." : running ? `${running.stage} ${Math.round(running.fraction * 100)}%` : "Starting.";
  return { ...base, progress: running, result: null, detail };
}
