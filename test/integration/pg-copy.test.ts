/**
 * The demo store reaches PostgreSQL by copying the seeded SQLite database (lib/platform/copy-to-postgres.ts): every
 * table arrives with every row, values read back equal through drizzle on both sides, and new rows get ids after
 * the copied ones. Needs PostgreSQL (test/support/postgres.ts).
 */
import { asc, getTableName } from "drizzle-orm";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";
import { seedDemoStore } from "@/db/seed/index";
import { openPostgres, type Db } from "@/lib/db";
import { copyToPostgres, tablesInDependencyOrder } from "@/lib/platform/copy-to-postgres";
import { dropSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../support/postgres";

const unreachable = await postgresUnreachable("PostgreSQL copy tests");
const file = path.join(os.tmpdir(), `pg-copy-${process.pid}-${Date.now()}.db`);
const schema = testSchemaName("copy");
let target: Db | undefined;

afterAll(async () => {
  await target?.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  if (!unreachable) await dropSchema(schema);
});

describe("tablesInDependencyOrder", () => {
  it("puts every table after the tables it references", () => {
    const order = tablesInDependencyOrder().map(([, t]) => getTableName(t));
    expect(order.indexOf("orders")).toBeGreaterThan(order.indexOf("customers"));
    expect(order.indexOf("order_lines")).toBeGreaterThan(order.indexOf("orders"));
    expect(order.indexOf("order_lines")).toBeGreaterThan(order.indexOf("products"));
    expect(new Set(order).size).toBe(order.length);
  });
});

describe.skipIf(unreachable !== null)("copyToPostgres", () => {
  it("copies the seeded store row for row, and later ids follow the copied ones", async () => {
    const source = openDb(file);
    await seedDemoStore(source, { seed: 5, scale: 0.02 });
    target = openPostgres(postgresUrl, { schema, max: 2 });
    const counts = await copyToPostgres(source, target);
    expect(counts.orders).toBeGreaterThan(100);

    for (const [name, table] of tablesInDependencyOrder()) {
      const twin = (pgSchema as Record<string, unknown>)[name] as typeof table;
      const rows = await target.select().from(twin).all();
      expect(rows.length, getTableName(table)).toBe(counts[getTableName(table)]);
    }
    const sqliteOrders = source.select().from(sqliteSchema.orders).orderBy(asc(sqliteSchema.orders.id)).limit(50).all();
    const pgOrders = await target
      .select()
      .from(pgSchema.orders as unknown as typeof sqliteSchema.orders)
      .orderBy(asc(pgSchema.orders.id as unknown as typeof sqliteSchema.orders.id))
      .limit(50);
    expect(pgOrders).toEqual(sqliteOrders);

    const [added] = await target
      .insert(pgSchema.channels as unknown as typeof sqliteSchema.channels)
      .values({ code: "kiosk" as "web", name: "Kiosk" })
      .returning({ id: pgSchema.channels.id as unknown as typeof sqliteSchema.channels.id });
    const maxCopied = Math.max(...source.select({ id: sqliteSchema.channels.id }).from(sqliteSchema.channels).all().map((r) => r.id));
    expect(added!.id).toBe(maxCopied + 1);
    source.$client.close();
  }, 120_000);
});
