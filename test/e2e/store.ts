/**
 * The browser tests' way into the run's store, on either database: PostgreSQL when DATABASE_URL is a postgres://
 * address (in the schema DATABASE_SCHEMA, "e2e" unless set; scripts/e2e-postgres.sh runs the tests so), otherwise the
 * SQLite file in the run's data directory. The app and the worker pick the same database from the same environment
 * (harness.ts passes it on). Queries are drizzle's (tables from lib/schema.ts, which picks them by DATABASE_URL too)
 * or `db.all/get(sql\`...\`)` with quoted aliases ("camelCase": PostgreSQL lower-cases unquoted ones), so one spec
 * runs on both.
 */
import path from "node:path";
import { and, eq, gte } from "drizzle-orm";
import { openPostgres, openSqlite, type Db } from "../../lib/db";
import { databaseUrl, usesPostgres } from "../../lib/db-dialect";
import { jobs, type ModelTask } from "../../lib/schema";

export const defaultE2eSchema = "e2e";

export type StoreLocation = { dialect: "postgres"; url: string; schema: string } | { dialect: "sqlite"; file: string };

/** The run's store: PostgreSQL by DATABASE_URL and DATABASE_SCHEMA, else `<data directory>/storefront.db`. */
export function storeLocation(dataDir = process.env.E2E_DATA_DIR): StoreLocation {
  if (usesPostgres()) return { dialect: "postgres", url: databaseUrl()!, schema: process.env.DATABASE_SCHEMA || defaultE2eSchema };
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run the browser tests with `npx playwright test` (global-setup.ts sets it)");
  return { dialect: "sqlite", file: path.join(dataDir, "storefront.db") };
}

/** Where the store is, in words, for messages. */
export function describeStore(location: StoreLocation): string {
  return location.dialect === "postgres" ? `PostgreSQL ${location.url.replace(/\/\/[^@/]*@/, "//")} schema ${location.schema}` : `SQLite ${location.file}`;
}

/**
 * The first failed job of `task` from job `sinceJobId` on, if any: a test waiting for the worker's output stops
 * at once with the job's error instead of at its deadline.
 */
export function failedJob(task: ModelTask, sinceJobId = 0): Promise<{ kind: string; error: string | null } | undefined> {
  return withStore((db) =>
    db
      .select({ kind: jobs.kind, error: jobs.error })
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.status, "failed"), gte(jobs.id, sinceJobId)))
      .orderBy(jobs.id)
      .limit(1)
      .get(),
  );
}

/**
 * Opens the run's store, runs `fn` on it and closes it (a small pool on PostgreSQL, a connection of its own on
 * SQLite). `migrate` only for the setup, which creates the store; the tests find it migrated.
 */
export async function withStore<T>(fn: (db: Db) => Promise<T>, options: { location?: StoreLocation; migrate?: boolean } = {}): Promise<T> {
  const location = options.location ?? storeLocation();
  const migrate = options.migrate ?? false;
  const db = location.dialect === "postgres" ? openPostgres(location.url, { schema: location.schema, max: 2, migrate }) : openSqlite(location.file, { migrate });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
