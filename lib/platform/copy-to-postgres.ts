import { getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { openDb } from "@/db/client";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";
import type { Db } from "@/lib/db";

type SqliteDb = ReturnType<typeof openDb>;

/**
 * Tables in an order where every table comes after those it references (foreign keys), so rows can be inserted
 * table by table. Each is [export name, SQLite table].
 */
export function tablesInDependencyOrder(): [string, SQLiteTable][] {
  const tables = (Object.entries(sqliteSchema) as [string, unknown][]).filter((e): e is [string, SQLiteTable] => is(e[1], SQLiteTable));
  const byTable = new Map(tables.map(([name, table]) => [table, name]));
  const ordered: [string, SQLiteTable][] = [];
  const placed = new Set<SQLiteTable>();
  const visiting = new Set<SQLiteTable>();
  const visit = (table: SQLiteTable) => {
    if (placed.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = fk.reference().foreignTable;
      if (target !== table) visit(target);
    }
    visiting.delete(table);
    placed.add(table);
    ordered.push([byTable.get(table)!, table]);
  };
  for (const [, table] of [...tables].sort(([a], [b]) => (a < b ? -1 : 1))) visit(table);
  return ordered;
}

/** PostgreSQL accepts at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

/**
 * Copies every row of a SQLite database into an empty PostgreSQL one, table by table in one transaction, then moves
 * each identity sequence past the copied ids. This is how PostgreSQL gets the demo store: the deterministic seed
 * (db/seed, synchronous and SQLite-bound) writes a scratch SQLite file and this carries it over, so both databases
 * hold the same store, row for row. Values pass through drizzle's column mappings on both sides (dates, booleans,
 * JSON), so what the app reads back is the same.
 */
export async function copyToPostgres(source: SqliteDb, target: Db, onProgress: (message: string) => void = () => undefined): Promise<Record<string, number>> {
  if (target.dialect !== "postgres") throw new Error("copyToPostgres: the target is not PostgreSQL");
  const counts: Record<string, number> = {};
  const order = tablesInDependencyOrder();
  await target.transaction(async (tx) => {
    for (const [name, table] of order) {
      // The PostgreSQL twin, typed as its SQLite table (as lib/schema.ts hands it out).
      const twin = (pgSchema as Record<string, unknown>)[name] as SQLiteTable;
      const rows = source.select().from(table).all();
      counts[getTableName(table)] = rows.length;
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]!).length;
      const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
      for (let start = 0; start < rows.length; start += chunk) await tx.insert(twin).values(rows.slice(start, start + chunk) as never[]);
      onProgress(`${getTableName(table)}: ${rows.length.toLocaleString("en-US")} rows`);
    }
    // Ids were copied as they were: the next generated one must come after them.
    for (const [, table] of order) {
      const name = getTableName(table);
      const identity = getTableConfig(table).columns.find((c) => c.primary && c.columnType === "SQLiteInteger");
      if (!identity) continue;
      await tx.run(
        sql`select setval(pg_get_serial_sequence(${name}, ${identity.name}), coalesce((select max(${sql.identifier(identity.name)}) from ${sql.identifier(name)}), 0) + 1, false)`,
      );
    }
  });
  return counts;
}
