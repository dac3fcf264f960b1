import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import type { FileEncoding } from "./decode";
import { importCsvStream } from "./import-stream";
import { enqueueImport, importFilesDir } from "./queue";
import type { ImportKindRequest, ImportResult } from "./types";

/** The largest file the Data page takes (IMPORT_MAX_MB); larger ones are answered 413 and go through `npm run import`. */
export const importMaxBytes = env.IMPORT_MAX_MB * 1024 * 1024;

/**
 * Files up to this size are imported in the request that uploads them: reading and checking them is streamed and
 * asynchronous, and their write is short. Larger ones are queued and imported by the worker, off the web server.
 */
export const inlineImportMaxBytes = 2 * 1024 * 1024;

export type Upload = {
  body: ReadableStream<Uint8Array>;
  /** The Content-Length the client declared, if any. */
  declaredBytes: number | null;
  kind: ImportKindRequest;
  filename: string;
  encoding: FileEncoding;
  actor: Actor;
};

export type UploadOutcome =
  | { outcome: "too_large" }
  | { outcome: "cut_short"; bytes: number; declaredBytes: number }
  | { outcome: "imported"; result: ImportResult }
  | { outcome: "queued"; importId: number; bytes: number };

/**
 * Takes an uploaded file: its body is streamed to a file under DATA_DIR/imports (never held in memory) and refused
 * past `importMaxBytes`; then a small file is imported at once and a large one queued for the worker.
 */
export async function receiveUpload(db: Db, upload: Upload): Promise<UploadOutcome> {
  if (upload.declaredBytes !== null && upload.declaredBytes > importMaxBytes) return { outcome: "too_large" };
  const dir = importFilesDir();
  await mkdir(dir, { recursive: true });
  const name = `${randomUUID()}.csv`;
  const file = path.join(dir, name);
  const saved = await saveBody(upload.body, file);
  if (saved === "too_large") return { outcome: "too_large" };
  // A proxy in front of the app may cut a body short (Next buffers at most 10 MB for one): never import part of a file.
  if (upload.declaredBytes !== null && saved !== upload.declaredBytes) {
    await rm(file, { force: true });
    return { outcome: "cut_short", bytes: saved, declaredBytes: upload.declaredBytes };
  }
  const { kind, filename, encoding, actor } = upload;
  if (saved > inlineImportMaxBytes) {
    const importId = await enqueueImport(db, { kind, filename, encoding, actor, file: name, bytes: saved });
    return { outcome: "queued", importId, bytes: saved };
  }
  try {
    return { outcome: "imported", result: await importCsvStream(db, { kind, filename, encoding, actor, source: createReadStream(file) }) };
  } finally {
    await rm(file, { force: true });
  }
}

class BodyTooLarge extends Error {}

/** The body's size in bytes once written to `file`, or "too_large" (the partial file removed). */
async function saveBody(body: ReadableStream<Uint8Array>, file: string): Promise<number | "too_large"> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > importMaxBytes ? new BodyTooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), limit, createWriteStream(file, { flags: "wx" }));
    return bytes;
  } catch (error) {
    await rm(file, { force: true });
    if (error instanceof BodyTooLarge) return "too_large";
    throw error;
  }
}
