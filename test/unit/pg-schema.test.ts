// The PostgreSQL schema (db/schema-pg, generated from db/schema by db/generate-pg-schema.ts) agrees with the SQLite
// one: same tables, columns (name, kind, nullability, default, enum values), primary keys, uniques, indexes and
// foreign keys, read from the drizzle table objects themselves; the generated files and the PostgreSQL migrations
// are up to date. A change to one schema and not the other fails here.
import { getTableName, is, SQL, StringChunk, Table, type Column, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import { bigint, boolean, doublePrecision, getTableConfig as pgConfig, index as pgIndex, pgTable, PgTable, text as pgText } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, index, integer, integer as sqliteBoolean, sqliteTable, SQLiteTable, text } from "drizzle-orm/sqlite-core";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { stalePgSchemaFiles } from "@/db/generate-pg-schema";
import { schemaSwitchIsStale } from "@/lib/platform/generate-schema-switch";
import * as sqlite from "@/db/schema";
import * as pg from "@/db/schema-pg";

/** Column kinds both dialects share: each SQLite column type and the PostgreSQL type it maps to. */
const sqliteKinds: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteTimestamp: "timestamp_ms",
  SQLiteBoolean: "boolean",
  SQLiteReal: "float",
  SQLiteText: "text",
  SQLiteTextJson: "json",
};
const pgKind = (c: Column): string => {
  if (c.columnType === "PgCustomColumn" && c.getSQLType() === "bigint") return "timestamp_ms"; // db/schema-pg/columns.ts timestampMs
  return { PgBigInt53: "integer", PgBoolean: "boolean", PgDoublePrecision: "float", PgText: "text", PgJson: "json" }[c.columnType] ?? `unmapped ${c.columnType}`;
};

type Shape = {
  columns: Record<string, { kind: string; notNull: boolean; default: unknown; enum: string[] | null }>;
  primaryKey: string[];
  uniques: string[];
  indexes: string[];
  foreignKeys: string[];
};

const expression = (part: unknown): string => {
  if (!is(part, SQL)) return (part as Column).name;
  return part.queryChunks.map((chunk) => (is(chunk, StringChunk) ? chunk.value.join("") : `"${(chunk as Column).name}"`)).join("");
};

/** What both dialects must agree on, from one table object of either. */
export function shapeOf(table: SQLiteTable | PgTable): Shape {
  const config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
  const kindOf = (c: Column) => (is(table, PgTable) ? pgKind(c) : (sqliteKinds[c.columnType] ?? `unmapped ${c.columnType}`));
  const columns: Shape["columns"] = {};
  for (const c of config.columns as Column[]) {
    columns[c.name] = { kind: kindOf(c), notNull: c.notNull || c.primary, default: c.default ?? null, enum: c.enumValues?.length ? [...c.enumValues] : null };
  }
  const single = (config.columns as Column[]).filter((c) => c.primary).map((c) => c.name);
  const composite = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
  const indexes = config.indexes.map((ix) => `${ix.config.unique ? "unique " : ""}${ix.config.name} (${ix.config.columns.map(expression).join(", ")})`);
  const uniques = [
    ...(config.columns as Column[]).filter((c) => c.isUnique).map((c) => `${c.uniqueName} (${c.name})`),
    ...config.uniqueConstraints.map((u) => `${u.getName()} (${u.columns.map((c) => c.name).join(", ")})`),
  ];
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return `${fk.getName()}: (${ref.columns.map((c) => c.name).join(", ")}) -> ${getTableName(ref.foreignTable)} (${ref.foreignColumns.map((c) => c.name).join(", ")}) on delete ${fk.onDelete ?? "no action"}`;
  });
  return { columns, primaryKey: [...single, ...composite], uniques: uniques.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
}

const tablesOf = (mod: Record<string, unknown>) =>
  new Map(Object.values(mod).filter((v): v is SQLiteTable | PgTable => is(v, Table)).map((t) => [getTableName(t), t]));

/** Every way the two schemas differ, in words (empty when they agree). */
export function schemaDifferences(sqliteTables: Map<string, SQLiteTable | PgTable>, pgTables: Map<string, SQLiteTable | PgTable>): string[] {
  const differences: string[] = [];
  for (const name of sqliteTables.keys()) if (!pgTables.has(name)) differences.push(`table ${name}: only on SQLite`);
  for (const name of pgTables.keys()) if (!sqliteTables.has(name)) differences.push(`table ${name}: only on PostgreSQL`);
  for (const [name, table] of sqliteTables) {
    const other = pgTables.get(name);
    if (!other) continue;
    const a = shapeOf(table);
    const b = shapeOf(other);
    for (const column of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
      const left = JSON.stringify(a.columns[column] ?? "missing");
      const right = JSON.stringify(b.columns[column] ?? "missing");
      if (left !== right) differences.push(`${name}.${column}: SQLite ${left}, PostgreSQL ${right}`);
    }
    for (const part of ["primaryKey", "uniques", "indexes", "foreignKeys"] as const) {
      const left = JSON.stringify(a[part]);
      const right = JSON.stringify(b[part]);
      if (left !== right) differences.push(`${name} ${part}: SQLite ${left}, PostgreSQL ${right}`);
    }
  }
  return differences;
}

const sqliteTables = tablesOf(sqlite);
const pgTables = tablesOf(pg);

describe("the PostgreSQL schema agrees with the SQLite schema", () => {
  it("has the same tables, columns, keys, uniques, indexes and foreign keys", () => {
    expect(sqliteTables.size).toBeGreaterThan(30);
    expect(schemaDifferences(sqliteTables, pgTables)).toEqual([]);
  });

  it("reads and writes the same TypeScript row types (checked by tsc)", () => {
    type Tables<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] };
    type Selects<M> = { [K in keyof Tables<M>]: Tables<M>[K] extends Table ? InferSelectModel<Tables<M>[K]> : never };
    type Inserts<M> = { [K in keyof Tables<M>]: Tables<M>[K] extends Table ? InferInsertModel<Tables<M>[K]> : never };
    expectTypeOf<Selects<typeof pg>>().toEqualTypeOf<Selects<typeof sqlite>>();
    expectTypeOf<Inserts<typeof pg>>().toEqualTypeOf<Inserts<typeof sqlite>>();
  });

  it("fails on a table, column, nullability, kind, default, index or foreign key that is in one schema only", () => {
    // One small table written for both dialects, then changed on one side at a time.
    const sOwner = sqliteTable("owners", { id: integer("id").primaryKey() });
    const pOwner = pgTable("owners", { id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity() });
    const sWidget = sqliteTable(
      "widgets",
      {
        id: integer("id").primaryKey(),
        ownerId: integer("owner_id").notNull().references(() => sOwner.id),
        name: text("name").notNull(),
        active: sqliteBoolean("active", { mode: "boolean" }).notNull().default(true),
      },
      (t) => [index("widgets_owner_idx").on(t.ownerId)],
    );
    const pWidget = (change: "none" | "column" | "nullable" | "kind" | "default" | "index" | "fk"): PgTable =>
      pgTable(
        "widgets",
        {
          id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
          ownerId: change === "fk" ? bigint("owner_id", { mode: "number" }).notNull() : bigint("owner_id", { mode: "number" }).notNull().references(() => pOwner.id),
          name: change === "nullable" ? pgText("name") : change === "kind" ? doublePrecision("name").notNull() : pgText("name").notNull(),
          active: change === "default" ? boolean("active").notNull().default(false) : boolean("active").notNull().default(true),
          ...(change === "column" ? { nickname: pgText("nickname") } : {}),
        },
        (t) => (change === "index" ? [] : [pgIndex("widgets_owner_idx").on(t.ownerId)]),
      ) as unknown as PgTable; // the optional column's type is not one drizzle's table types accept
    const diff = (p: PgTable) => schemaDifferences(new Map<string, SQLiteTable | PgTable>([["owners", sOwner], ["widgets", sWidget]]), new Map<string, SQLiteTable | PgTable>([["owners", pOwner], ["widgets", p]]));

    expect(diff(pWidget("none"))).toEqual([]);
    expect(diff(pWidget("column"))).toEqual(['widgets.nickname: SQLite "missing", PostgreSQL {"kind":"text","notNull":false,"default":null,"enum":null}']);
    expect(diff(pWidget("nullable"))).toEqual(['widgets.name: SQLite {"kind":"text","notNull":true,"default":null,"enum":null}, PostgreSQL {"kind":"text","notNull":false,"default":null,"enum":null}']);
    expect(diff(pWidget("kind"))).toEqual(['widgets.name: SQLite {"kind":"text","notNull":true,"default":null,"enum":null}, PostgreSQL {"kind":"float","notNull":true,"default":null,"enum":null}']);
    expect(diff(pWidget("default"))).toEqual(['widgets.active: SQLite {"kind":"boolean","notNull":true,"default":true,"enum":null}, PostgreSQL {"kind":"boolean","notNull":true,"default":false,"enum":null}']);
    expect(diff(pWidget("index"))).toEqual(['widgets indexes: SQLite ["widgets_owner_idx (owner_id)"], PostgreSQL []']);
    expect(diff(pWidget("fk"))).toEqual(['widgets foreignKeys: SQLite ["widgets_owner_id_owners_id_fk: (owner_id) -> owners (id) on delete no action"], PostgreSQL []']);
    expect(schemaDifferences(new Map([["owners", sOwner]]), new Map())).toEqual(["table owners: only on SQLite"]);
  });

  it("is generated from db/schema as committed (npm run db:generate:pg)", async () => {
    expect(await stalePgSchemaFiles()).toEqual([]);
    expect(schemaSwitchIsStale()).toBe(false);
  });

  it("has PostgreSQL migrations that create the schema as it is now", async () => {
    const { generateDrizzleJson, generateMigration } = await import("drizzle-kit/api");
    const dir = path.join(process.cwd(), "db", "migrations-pg");
    const snapshots = readdirSync(path.join(dir, "meta")).filter((f) => f.endsWith("_snapshot.json")).sort();
    const last = JSON.parse(readFileSync(path.join(dir, "meta", snapshots.at(-1)!), "utf8"));
    const pending = await generateMigration(last, generateDrizzleJson(pg as Record<string, unknown>));
    expect(pending).toEqual([]);
    // Unqualified, so they apply into whichever schema is first on the search_path (npm run db:generate:pg).
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql"))) expect(readFileSync(path.join(dir, file), "utf8")).not.toContain('"public".');
  });
});
