import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import * as schema from "./schema-pg";

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const migrationsFolder = path.join(process.cwd(), "db", "migrations-pg");

/**
 * bigint (int8) and numeric come back from the pg driver as strings; SQLite gives numbers. Read as numbers (int8 as
 * on SQLite: exact up to 2^53), so raw aggregates such as max(created_at) or sum(units) give the app the same values.
 * Set on the pg module for the whole process: drizzle's node-postgres session passes its own per-query type parsers,
 * which fall back to the module's, so a pool's own `types` would not be used.
 */
function readNumbersAsOnSqlite(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
}

export type OpenPgOptions = {
  migrate?: boolean;
  /**
   * The PostgreSQL schema to work in (search_path), e.g. a test's own; its migrations journal lives there too. By
   * default the server's search_path (public) and drizzle's journal schema ("drizzle").
   */
  schema?: string;
  /** Connections in the pool (pg's default 10). */
  max?: number;
};

/** A pool on the PostgreSQL database the caller names (db/ reads no settings itself); nothing is sent yet. */
export function createPgDb(url: string, options: Omit<OpenPgOptions, "migrate"> = {}): PgDb {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`not a plain schema name: ${options.schema}`);
  readNumbersAsOnSqlite();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server drops (a restart, a failover) is reported here; without a listener it would end the
  // process. The pool replaces it; the next statement that cannot connect fails on its own (lib/errors.ts: 503).
  pool.on("error", (error) => console.error(`[db] PostgreSQL connection lost: ${error.message}`));
  return drizzle(pool, { schema }) as PgDb;
}

/** Applies db/migrations-pg (its journal in `schema` when given, else drizzle's "drizzle" schema). */
export async function migratePgDb(db: PgDb, options: Pick<OpenPgOptions, "schema"> = {}): Promise<void> {
  // The tables go to the first schema on the search_path: a named one must exist first (a test's own, say).
  if (options.schema) await db.$client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  await migrate(db, { migrationsFolder, ...(options.schema ? { migrationsSchema: options.schema } : {}) });
}

/** Opens a pool on the PostgreSQL database the caller names and applies db/migrations-pg. */
export async function openPgDb(url: string, options: OpenPgOptions = {}): Promise<PgDb> {
  const db = createPgDb(url, options);
  if (options.migrate !== false) {
    try {
      await migratePgDb(db, options);
    } catch (error) {
      await db.$client.end();
      throw error;
    }
  }
  return db;
}
