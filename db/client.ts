import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** How long a write waits for another connection's write lock before it fails with SQLITE_BUSY (see db/retry.ts). */
export const BUSY_TIMEOUT_MS = 5000;

/** Opens (and migrates) a database file: WAL for readers beside the writer, foreign keys enforced. */
export function openDb(file: string, options: { migrate?: boolean; busyTimeoutMs?: number } = {}): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder });
  return db;
}

const globalForDb = globalThis as unknown as { storefrontDb?: Db };

/**
 * One connection per process for the file the caller names (lib/db.ts passes the configured path: db/ reads no
 * settings itself); kept on globalThis so dev hot reloads do not leak handles.
 */
export function sharedDb(file: string): Db {
  if (!globalForDb.storefrontDb) {
    globalForDb.storefrontDb = openDb(file);
  }
  return globalForDb.storefrontDb;
}
