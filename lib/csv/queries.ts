import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { imports, type Import, type ImportStatus } from "@/lib/schema";
import { isMessage, msg, type Message } from "@/lib/i18n/message";
import { textProblem } from "./line-errors";
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
  detail: ImportDetail;
};

/** The table's line about an import, put into words where it is shown. */
export type ImportDetail = { kind: "refused"; errorCount: number; first: LineError | null } | { kind: "message"; message: Message } | { kind: "none" };

export async function recentImports(db: Db, limit = 20): Promise<ImportView[]> {
  return (await db.select().from(imports).orderBy(desc(imports.id)).limit(limit).all()).map(importView);
}

export async function findImport(db: Db, id: number): Promise<ImportView | null> {
  const row = await db.select().from(imports).where(eq(imports.id, id)).get();
  return row ? importView(row) : null;
}

export function isInProgress(view: ImportView): boolean {
  return view.status === "queued" || view.status === "running";
}

/** A stored Message, or the words an import recorded before problems and notes were Messages (shown as written). */
const messageSchema = z.unknown().transform((v, ctx): Message => {
  if (typeof v === "string") return textProblem(v);
  if (isMessage(v)) return v;
  ctx.addIssue({ code: "custom", message: "not a message" });
  return z.NEVER;
});
const lineErrorSchema = z.object({ line: z.number(), column: z.string().optional(), message: messageSchema, hint: messageSchema.optional() });
const failedSummary = z.object({ failure: messageSchema });
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
    const errors: LineError[] = summary.lineErrors ?? summary.errors.map((text) => ({ line: 0, message: textProblem(text) }));
    const result: ImportResult = { ok: false, importId: row.id, kind, rowsRead: row.rowsRead, errors, errorCount: summary.errorCount };
    return { ...base, progress: null, result, detail: { kind: "refused", errorCount: summary.errorCount, first: errors[0] ?? null } };
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
      notes: z.array(messageSchema).catch([]).parse(notes),
    };
    const note = result.notes[0];
    return { ...base, progress: null, result, detail: note ? { kind: "message", message: note } : { kind: "none" } };
  }
  return { ...base, progress: running, result: null, detail: { kind: "message", message: pendingDetail(row, running) } };
}

function pendingDetail(row: Import, running: ImportView["progress"]): Message {
  if (row.status === "failed") {
    const failure = failedSummary.safeParse(row.summary).data?.failure;
    return failure ?? (row.error ? textProblem(row.error) : msg("data.imports.detail.failed"));
  }
  if (row.status === "queued") return msg("data.imports.detail.queued");
  if (running) return msg("data.imports.detail.running", { stage: running.stage, percent: Math.round(running.fraction * 100) });
  return msg("data.imports.detail.starting");
}
