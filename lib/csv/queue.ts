import { createReadStream, existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { backoffMs, isTransientDbError } from "@/db/retry";
import { imports, type Import } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { msg, type Message } from "@/lib/i18n/message";
import { inEnglish } from "@/lib/i18n/translate";
import { fileEncodings, type FileEncoding } from "./decode";
import { importCsvStream, type ImportProgress } from "./import-stream";
import { recordFailed } from "./record";
import { importKindKeys, type ImportKindRequest, type ImportResult } from "./types";

/**
 * Large uploads wait in `imports` (status queued) with their file under DATA_DIR/imports, and are imported one at a
 * time by `runImportQueue`, which the training worker runs beside its jobs, off the web server. A running import
 * writes its progress and a heartbeat about twice a second; one silent for `staleAfterMs` lost its worker and is
 * failed (its transaction, if it had begun, rolled back with the process, so nothing of it was written).
 */
const importQueueSettings = { staleAfterMs: 60_000, progressEveryMs: 500, idleMs: 1000 };

/** The English words a stale import's row keeps (its summary keeps the Message for the reader's language). */
export const STALE_IMPORT_ERROR = inEnglish(msg("data.failures.stale"));

/** Where uploaded files wait; the imports row names them relative to DATA_DIR, so only files in here are ever read. */
export function importFilesDir(dataDir: string = env.DATA_DIR): string {
  return path.join(dataDir, "imports");
}

/** The file a queued import names, or null when the row names none or one outside the imports folder (never read nor removed). */
function storedFile(row: Import, dataDir: string): string | null {
  const file = row.filePath ? path.join(dataDir, row.filePath) : null;
  return file !== null && path.dirname(file) === importFilesDir(dataDir) ? file : null;
}

const optionsSchema = z.object({
  kind: z.enum(["auto", ...importKindKeys]),
  encoding: z.enum(fileEncodings),
  actorEmail: z.string(),
});

/** What the imports row of a queued file says (progress while it runs). */
type QueuedProgress = ImportProgress & { fileBytes: number };

export function enqueueImport(
  db: Db,
  input: { kind: ImportKindRequest; filename: string; encoding: FileEncoding; actor: Actor; file: string; bytes: number; now?: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await tx
      .insert(imports)
      .values({
        // The kind asked for ("auto" until the header is read).
        kind: input.kind,
        filename: input.filename,
        status: "queued",
        rowsRead: 0,
        rowsWritten: 0,
        filePath: path.join("imports", path.basename(input.file)),
        fileBytes: input.bytes,
        options: { kind: input.kind, encoding: input.encoding, actorEmail: input.actor.email },
        createdBy: input.actor.id,
        createdAt: input.now ?? new Date(),
      })
      .returning({ id: imports.id })
      .get();
    await audit(tx, { actor: input.actor, action: "data.import.queued", entityType: "import", entityId: row.id, after: { kind: input.kind, filename: input.filename, bytes: input.bytes } });
    return row!.id;
  });
}

/**
 * Takes the oldest queued import atomically, so two runners can never import the same file: one UPDATE … RETURNING
 * whose subquery picks the oldest queued row, and whose own `status = 'queued'` condition lets only one runner
 * through (SQLite: one writer at a time; PostgreSQL: the second update re-checks the row once the first commits).
 */
async function claimNextImport(db: Db, now = new Date()): Promise<Import | undefined> {
  const oldest = db.select({ id: imports.id }).from(imports).where(eq(imports.status, "queued")).orderBy(asc(imports.id)).limit(1);
  return db
    .update(imports)
    .set({ status: "running", startedAt: now, heartbeatAt: now })
    .where(and(eq(imports.id, oldest), eq(imports.status, "queued")))
    .returning()
    .get();
}

/**
 * Imports one claimed file to its end: succeeded or refused (recorded by the importer), or failed when it cannot be
 * read at all or something unexpected happens. Its stored file is removed in every case.
 */
async function runClaimedImport(db: Db, row: Import, options: { dataDir?: string; progressEveryMs?: number } = {}): Promise<ImportResult | null> {
  const file = storedFile(row, options.dataDir ?? env.DATA_DIR);
  const parsed = optionsSchema.safeParse(row.options);
  try {
    if (!parsed.success || file === null || !existsSync(file)) {
      await failImport(db, row, msg("data.failures.fileMissing"));
      return null;
    }
    const report = progressWriter(db, row.id, row.fileBytes ?? 0, options.progressEveryMs ?? importQueueSettings.progressEveryMs);
    return await importCsvStream(
      db,
      { kind: parsed.data.kind, encoding: parsed.data.encoding, filename: row.filename, actor: uploader(row), importId: row.id, source: createReadStream(file) },
      { onProgress: report },
    );
  } catch (error) {
    console.error(`[imports] import ${row.id} (${row.filename}) failed`, error);
    await failImport(db, row, msg("data.failures.unexpected"));
    return null;
  } finally {
    if (file) await rm(file, { force: true });
  }
}

/** Who queued the import, as its audit entries name them. */
function uploader(row: Import): Actor {
  return { id: row.createdBy, email: optionsSchema.safeParse(row.options).data?.actorEmail ?? "unknown" };
}

/** Fails an import that is still running (see recordFailed): nothing of it was written. */
function failImport(db: Db, row: Import, failure: Message): Promise<void> {
  return recordFailed(db, row.id, { kind: row.kind, filename: row.filename, actor: uploader(row) }, failure);
}

/**
 * Progress and heartbeat, at most every `everyMs` (and at each new stage). Best effort: a failed write (e.g. the
 * database stayed busy past the connection's busy timeout) is logged and skipped, never failing the import. (It no
 * longer shortens the connection's busy_timeout for the write: statements are asynchronous now, and whatever else ran
 * on the connection meanwhile, e.g. a worker's job, would have been given the short wait too.)
 */
function progressWriter(db: Db, importId: number, fileBytes: number, everyMs: number): (progress: ImportProgress) => Promise<void> {
  let lastAt = 0;
  let lastStage = "";
  return async (progress) => {
    const now = Date.now();
    if (progress.stage === lastStage && now - lastAt < everyMs) return;
    lastAt = now;
    lastStage = progress.stage;
    try {
      await db
        .update(imports)
        .set({ progress: { ...progress, fileBytes } satisfies QueuedProgress, heartbeatAt: new Date(now) })
        .where(and(eq(imports.id, importId), eq(imports.status, "running")))
        .run();
    } catch (error) {
      console.error(`[imports] import ${importId}: progress not recorded (${isTransientDbError(error) ? "database busy" : String(error)})`);
    }
  };
}

/** Running imports whose heartbeat is older than `staleAfterMs` are failed and their files removed. Reads first. */
export async function failStaleImports(db: Db, options: { staleAfterMs?: number; dataDir?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const limit = new Date(now.getTime() - (options.staleAfterMs ?? importQueueSettings.staleAfterMs));
  const stale = await db
    .select()
    .from(imports)
    .where(and(eq(imports.status, "running"), lt(imports.heartbeatAt, limit)))
    .all();
  for (const row of stale) {
    await failImport(db, row, msg("data.failures.stale"));
    const file = storedFile(row, options.dataDir ?? env.DATA_DIR);
    if (file) await rm(file, { force: true });
  }
  return stale.length;
}

type ImportQueueOptions = { db: Db; signal?: AbortSignal; idleMs?: number; dataDir?: string; progressEveryMs?: number };

/**
 * The queue runner: imports queued files one at a time until `signal` aborts, sweeping stale imports while idle.
 * It shares the event loop with whatever runs beside it (the training worker): reading a file yields between
 * chunks, and only the plan and the write run without a break. A busy database (SQLITE_BUSY) or any other error
 * between imports is logged and retried after a growing pause; it never ends the loop.
 */
export async function runImportQueue(options: ImportQueueOptions): Promise<void> {
  const { db, signal } = options;
  let failures = 0;
  while (!signal?.aborted) {
    let waitMs = options.idleMs ?? importQueueSettings.idleMs;
    try {
      const next = await claimNextImport(db);
      failures = 0;
      if (next) {
        console.error(`[imports] import ${next.id}: ${next.filename} (${((next.fileBytes ?? 0) / 1e6).toFixed(1)} MB)`);
        await runClaimedImport(db, next, options);
        continue;
      }
      await failStaleImports(db, options);
    } catch (error) {
      failures++;
      waitMs = backoffMs(failures);
      const what = isTransientDbError(error) ? "the database is busy" : "unexpected error";
      console.error(`[imports] ${what}; trying again in ${waitMs} ms (failure ${failures} in a row)`, isTransientDbError(error) ? "" : error);
    }
    // An abort ends the wait early (it rejects, and the loop then sees the signal).
    await sleep(waitMs, undefined, { signal }).catch(() => undefined);
  }
}
