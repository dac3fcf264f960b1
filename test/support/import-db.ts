import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { openSqlite, rawSqlite, type Db } from "@/lib/db";
import { channels } from "@/lib/schema";
import type { ImportResult } from "@/lib/csv/types";

/** The better-sqlite3 connection under a SQLite `Db`, for a test's own raw statements (fixtures, triggers, pragmas). */
export function sqliteOf(db: Db): Database.Database {
  return rawSqlite(db).$client;
}

/**
 * Migrated temporary database files with the four channels, as every import needs them, and a second connection
 * to the same file when a test plays another process. `cleanup` closes and removes them all.
 */
export function importDbs() {
  const open: { db: Db; file: string }[] = [];
  return {
    async create(): Promise<Db> {
      const file = path.join(os.tmpdir(), `csv-import-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
      const db = openSqlite(file);
      open.push({ db, file });
      await db
        .insert(channels)
        .values([
          { code: "web", name: "Web" },
          { code: "app", name: "App" },
          { code: "marketplace", name: "Marketplace" },
          { code: "store", name: "Store" },
        ])
        .run();
      return db;
    },
    /** Another connection to `db`'s file that waits at most `busyTimeoutMs` for the write lock. */
    other(db: Db, busyTimeoutMs: number): Db {
      const file = sqliteOf(db).name;
      const other = openSqlite(file, { migrate: false, busyTimeoutMs });
      open.push({ db: other, file });
      return other;
    },
    async cleanup(): Promise<void> {
      for (const { db } of open) if (sqliteOf(db).open) await db.close();
      for (const file of new Set(open.map((o) => o.file))) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}

export const dataTables = ["orders", "order_lines", "products", "customers", "daily_sales", "price_history", "payment_transactions", "reviews", "interactions"];

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of dataTables) counts[t] = Number((await db.get<{ n: number }>(sql`select count(*) as "n" from ${sql.identifier(t)}`))!.n);
  return counts;
}

/** The result of a file that was written (a refusal fails the test, showing its first errors). */
export function expectWritten(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors.slice(0, 5))}`);
  return result;
}

/** The result of a file that was refused (a written one fails the test, showing its summary). */
export function expectRefused(result: ImportResult): Extract<ImportResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.summary)}`);
  return result;
}

/** A file's bytes in chunks of `size`, as a stream would hand them over. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
