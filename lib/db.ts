import { openDb, sharedDb } from "@/db/client";
import { createPgDb, migratePgDb } from "@/db/pg-client";
import { postgresDatabase, sqliteDatabase, type Db } from "@/lib/db-adapter";
import { env } from "@/lib/env";

export type { Db, Dialect, RunResult } from "@/lib/db-adapter";

const globalForDb = globalThis as unknown as { storefrontDatabase?: Db };

/**
 * The app's database, opened once per process (kept on globalThis so dev hot reloads do not leak pools): PostgreSQL
 * when DATABASE_URL names one (migrated before the first statement runs), otherwise the SQLite file DATABASE_PATH.
 */
export function getDb(): Db {
  globalForDb.storefrontDatabase ??= env.DATABASE_URL ? openPostgres(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA }) : sqliteDatabase(sharedDb(env.DATABASE_PATH));
  return globalForDb.storefrontDatabase;
}

export type PostgresOptions = { schema?: string; max?: number; migrate?: boolean };

/** A PostgreSQL pool behind the one data-access path; statements wait for its migrations. */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const base = createPgDb(url, options);
  const prepare = () => (options.migrate === false ? Promise.resolve() : migratePgDb(base, options));
  return postgresDatabase(base as unknown as Parameters<typeof postgresDatabase>[0], prepare, { url, schema: options.schema });
}

/** A SQLite file behind the one data-access path (tests, CLIs): its own connection, migrated. */
export function openSqlite(file: string, options: { migrate?: boolean; busyTimeoutMs?: number } = {}): Db {
  return sqliteDatabase(openDb(file, options));
}

/**
 * The synchronous better-sqlite3 drizzle database under a SQLite `Db`, for the demo seed (db/seed writes
 * synchronously) only. Throws on PostgreSQL.
 */
export function rawSqlite(db: Db): ReturnType<typeof openDb> {
  if (db.dialect !== "sqlite") throw new Error("rawSqlite: this database is PostgreSQL");
  return (db as unknown as { $base: ReturnType<typeof openDb> }).$base;
}
