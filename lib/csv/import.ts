import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/audit";
import { ImportSession } from "./session";
import type { ImportKindRequest, ImportResult } from "./types";

export { importKinds, acceptedDateFormats } from "./catalog";
export { detectKind } from "./detect";
export { formatLineError } from "./line-errors";
export { importKindKeys } from "./types";
export { importCsvStream, type ImportProgress, type StreamImportInput } from "./import-stream";
export type { ImportKind, ImportKindRequest, ImportResult, LineError, ImportSummary, KindInfo, ColumnSpec } from "./types";

export type ImportInput = { kind: ImportKindRequest; filename: string; text: string; actor: Actor };

/** Text is handed to the parser in slices, so even a large string is parsed with a bounded working set. */
const textSlice = 1 << 20;

/**
 * Imports one CSV file given as text, all or nothing (see ImportSession): every row is checked, the database is
 * read for the plan without the write lock, and only a file with no problem at all is written, in one short
 * transaction. Never throws for a bad file; a database failure while writing rolls everything back and is reported
 * as a refusal. Files from disk or an upload go through `importCsvStream`, which also checks their encoding.
 */
export async function importCsv(db: Db, input: ImportInput, options: { now?: Date } = {}): Promise<ImportResult> {
  const session = new ImportSession(input, options.now ?? new Date());
  for (let at = 0; at < input.text.length; at += textSlice) session.push(input.text.slice(at, at + textSlice));
  const planned = await session.finish(db);
  if ("importId" in planned) return planned;
  try {
    for await (const _ of planned.stage(db));
    return await session.commit(db, planned);
  } catch (error) {
    return await session.writeFailed(db, error);
  } finally {
    await planned.discard(db);
  }
}
