import type { Db } from "@/lib/db";
import { retryTransient } from "@/db/retry";
import { FileDecoder, type FileEncoding } from "./decode";
import { ImportSession, type ImportRequest } from "./session";
import type { ImportResult } from "./types";

export type StreamImportInput = ImportRequest & {
  /** The file's bytes, e.g. a file read stream or an upload's body. */
  source: AsyncIterable<Uint8Array>;
  encoding?: FileEncoding;
};

/** Where an import stands: reading (and checking each row), checking against the database, writing. */
export type ImportProgress = { stage: "reading" | "checking" | "writing"; bytesRead: number; rowsRead: number };

/**
 * Imports a file as its bytes arrive, all or nothing (see ImportSession). Each chunk is decoded (strict UTF-8, or the
 * declared legacy encoding, converted) and its complete rows checked before the next chunk is awaited, so memory
 * holds one chunk and what the plan keeps, and the event loop is free between chunks. `onProgress` is awaited after
 * every chunk and before each stage. A write that finds the database busy is tried again with a backoff.
 */
export async function importCsvStream(
  db: Db,
  input: StreamImportInput,
  options: { now?: Date; onProgress?: (progress: ImportProgress) => void | Promise<void> } = {},
): Promise<ImportResult> {
  const session = new ImportSession(input, options.now ?? new Date());
  const decoder = new FileDecoder(input.encoding ?? "utf-8");
  let bytesRead = 0;
  const report = (stage: ImportProgress["stage"]) => options.onProgress?.({ stage, bytesRead, rowsRead: session.rowsRead });
  for await (const chunk of input.source) {
    bytesRead += chunk.byteLength;
    session.push(decoder.push(chunk));
    await report("reading");
  }
  session.push(decoder.end());
  const problem = decoder.problem();
  if (problem) session.unreadableFile(problem);
  const note = decoder.conversionNote();
  if (note) session.notes.push(note);

  await report("checking");
  const planned = await session.finish(db);
  if ("importId" in planned) return planned;
  try {
    // Staging takes no lock either; other work (requests, a training job) runs between its steps.
    for await (const _ of planned.stage(db)) await new Promise((resolve) => setImmediate(resolve));
    await report("writing");
    return await retryTransient(() => session.commit(db, planned), { label: `import of ${input.filename}` });
  } catch (error) {
    return await session.writeFailed(db, error);
  } finally {
    await planned.discard(db);
  }
}
