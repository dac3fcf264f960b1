import pg from "pg";

/**
 * PostgreSQL for the tests that need one: PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/test, the
 * machines' server). Where none answers the caller skips its PostgreSQL tests with a note, except where .ci/run has
 * set REQUIRE_POSTGRES=1 (PostgreSQL is installed there): then a skipped PostgreSQL run is a failure.
 */
export const postgresUrl = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** null when PostgreSQL answers; otherwise why not (and the tests are to be skipped). Throws where it is required. */
export async function postgresUnreachable(what = "PostgreSQL tests"): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  let reason: string | null = null;
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (reason && process.env.REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is installed but not reachable at ${postgresUrl} (${reason}): the PostgreSQL run may not be skipped here.`);
  if (reason) console.warn(`${what} skipped: no PostgreSQL at ${postgresUrl} (${reason}). Start it or set PG_TEST_URL.`);
  return reason;
}

/** A schema name of this process's own (lower case, unique enough for parallel test files). */
export function testSchemaName(prefix = "test"): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Drops a store's schema and its job queue's beside it (pg-boss keeps its tables in bossSchema(schema)). Loaded when
 * called: lib/jobs imports lib/schema, which picks its tables by DATABASE_URL when first imported.
 */
export async function dropStoreSchema(schema: string, url = postgresUrl): Promise<void> {
  const { bossSchema } = await import("../../lib/jobs/pg-boss-queue");
  await dropSchema(bossSchema(schema), url);
  await dropSchema(schema, url);
}

export async function dropSchema(schema: string, url = postgresUrl): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}
