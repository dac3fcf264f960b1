/**
 * The PostgreSQL migrations (db/migrations-pg) applied by openPgDb to a fresh schema of the `test` database create
 * every table of the schema, and values read back as on SQLite. Needs PostgreSQL at PG_TEST_URL (default
 * postgres://postgres@127.0.0.1:5432/test): where none answers, the tests are skipped with a note saying so.
 */
import { eq, getTableName, is, sql, Table } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPgDb, type PgDb } from "@/db/pg-client";
import { postgresUnreachable, postgresUrl } from "../support/postgres";
import * as pgSchema from "@/db/schema-pg";

const url = postgresUrl;
const unreachable = await postgresUnreachable("PostgreSQL migration tests");

const schema = `test_${process.pid}_${Date.now().toString(36)}`;
let db: PgDb | undefined;

afterAll(async () => {
  if (unreachable) return;
  await db?.$client.end();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
});

describe.skipIf(unreachable !== null)("PostgreSQL migrations", () => {
  it("create every table of the schema in a fresh schema", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();

    db = await openPgDb(url, { schema, max: 2 });
    const rows = await db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = ${schema}`);
    const tables = rows.rows.map((r) => r.table_name).sort();
    const expected = Object.values(pgSchema).filter((v) => is(v, Table)).map((t) => getTableName(t as Table));
    expect(tables).toEqual([...expected, "__drizzle_migrations"].sort());
    // Applying again is a no-op (the journal lives in the test schema, not in a shared one).
    await (await openPgDb(url, { schema, max: 1 })).$client.end();
  });

  it("reads back the values the app wrote, as on SQLite", async () => {
    if (!db) throw new Error("the first test did not open the database");
    const createdAt = new Date(1_700_000_000_123);
    const [user] = await db.insert(pgSchema.users).values({ email: "a@example.com", name: "A", role: "planner", createdAt }).returning();
    expect(user).toMatchObject({ id: 1, disabled: false, createdAt, locale: null });
    const [version] = await db
      .insert(pgSchema.modelVersions)
      .values({ task: "forecast", version: 1, status: "candidate", params: { b: 1, a: [2.5, "x"] }, createdAt, durationMs: 2 ** 40 })
      .returning();
    const [read] = await db.select().from(pgSchema.modelVersions).where(eq(pgSchema.modelVersions.id, version!.id));
    expect(read).toMatchObject({ params: { b: 1, a: [2.5, "x"] }, durationMs: 2 ** 40, createdAt, trainedBy: null });
    expect(Object.keys(read!.params)).toEqual(["b", "a"]); // json, not jsonb: key order as written
    // Raw aggregates of bigint columns are numbers, as on SQLite.
    const [max] = (await db.execute<{ at: number }>(sql`select max(${pgSchema.modelVersions.createdAt}) as at from ${pgSchema.modelVersions}`)).rows;
    expect(max!.at).toBe(createdAt.getTime());
  });

  it("keeps the audit log append-only", async () => {
    if (!db) throw new Error("the first test did not open the database");
    await db.insert(pgSchema.auditLog).values({ at: new Date(), actorEmail: "a@example.com", action: "x", entityType: "y" });
    // drizzle wraps the database's error: its message is the cause's.
    const refusal = (query: PromiseLike<unknown>) =>
      Promise.resolve(query).then(
        () => "done",
        (error: Error) => (error.cause instanceof Error ? error.cause.message : error.message),
      );
    expect(await refusal(db.update(pgSchema.auditLog).set({ action: "z" }))).toBe("audit_log is append-only");
    expect(await refusal(db.delete(pgSchema.auditLog))).toBe("audit_log is append-only");
    expect(await refusal(db.execute(sql`truncate ${pgSchema.auditLog}`))).toBe("audit_log is append-only");
  });
});
