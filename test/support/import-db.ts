import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { openPostgres, openSqlite, type Db } from "@/lib/db";
import { channels } from "@/lib/schema";
import type { ImportResult } from "@/lib/csv/types";
import { dropTestSchema, onPostgres } from "./test-db";
import { testSchemaName } from "./postgres";

/**
 * Fresh migrated databases of the run's dialect (a SQLite file, or a PostgreSQL schema of their own) with the four
 * channels, as every import needs them, and a second connection to the same database when a test plays another
 * process. `cleanup` closes them all and removes the files or schemas.
 */
export function importDbs() {
  const open: { db: Db; where: string }[] = [];
  const home = new Map<Db, string>();
  return {
    async create(): Promise<Db> {
      const name = testSchemaName("imp");
      const where = onPostgres ? name : path.join(os.tmpdir(), `${name}.db`);
      const db = onPostgres ? openPostgres(process.env.DATABASE_URL!, { schema: where, max: 4 }) : openSqlite(where);
      open.push({ db, where });
      home.set(db, where);
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
    /**
     * Another connection to `db`'s database. On SQLite it waits at most `busyTimeoutMs` for the write lock; on
     * PostgreSQL (row locks, no database-wide write lock) it is a pool of its own on the same schema.
     */
    other(db: Db, busyTimeoutMs: number): Db {
      const where = home.get(db);
      if (!where) throw new Error("other: not a database of importDbs()");
      const other = onPostgres ? openPostgres(process.env.DATABASE_URL!, { schema: where, max: 2, migrate: false }) : openSqlite(where, { migrate: false, busyTimeoutMs });
      open.push({ db: other, where });
      return other;
    },
    async cleanup(): Promise<void> {
      for (const { db } of open) await db.close().catch(() => undefined);
      for (const where of new Set(open.map((o) => o.where))) {
        if (onPostgres) await dropTestSchema(where);
        else for (const suffix of ["", "-wal", "-shm"]) rmSync(where + suffix, { force: true });
      }
      open.length = 0;
    },
  };
}

/**
 * Runs `write` on `other`, a connection of `importDbs().other`, while the test's import is under way: true when it got
 * through at once. SQLite: false when the write lock was held past the connection's busy timeout (SQLITE_BUSY).
 * PostgreSQL has no database-wide write lock, but a write blocked on a lock the import holds (a table lock, a row or
 * key it wrote in an open transaction) would wait: false when it has not finished within `waitMs`.
 */
export async function canWriteMeanwhile(other: Db, write: SQL, waitMs = 2000): Promise<boolean> {
  if (other.dialect === "sqlite") {
    try {
      await other.run(write);
      return true;
    } catch (error) {
      if (errorCodes(error).includes("SQLITE_BUSY")) return false;
      throw error;
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  try {
    return await Promise.race([other.run(write).then(() => true as const), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error's code and its causes' (drizzle wraps the driver's error as `cause`). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error; e && typeof e === "object" && codes.length < 8; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    codes.push(typeof code === "string" ? code : "");
  }
  return codes.filter(Boolean);
}

/**
 * The staging tables of orders imports still there (see OrdersStage): SQLite's temp tables of the connection, or
 * PostgreSQL's UNLOGGED tables in the schema, which outlive the import unless it drops them.
 */
export async function stagingTables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === "sqlite"
      ? await db.all<{ name: string }>(sql`select name as "name" from sqlite_temp_master where type = 'table' and substr(name, 1, 7) = 'import_'`)
      : await db.all<{ name: string }>(
          sql`select table_name as "name" from information_schema.tables where table_schema = current_schema() and substr(table_name, 1, 7) = 'import_'`,
        );
  return rows.map((r) => r.name);
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
