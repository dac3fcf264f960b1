import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";

/**
 * Every table of the schema is read or written by the product: a table nothing uses is a promise the code does not
 * keep (issue 10, item 13: a `decisions` table was created and never used, while each area kept its decisions in its
 * own tables). Read from the source: a table counts as used when code outside db/schema imports its drizzle export or
 * reads or writes it by its SQL name. (lib/ imports tables from lib/schema.ts, which picks the SQLite or PostgreSQL object.)
 */
const root = process.cwd();
const sourceDirs = ["app", "components", "lib", "models", "scripts", "db/seed"];

function sources(): string[] {
  const files = sourceDirs.flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name)),
  );
  return [...files, path.join(root, "db/sales-summary.ts")].map((f) => readFileSync(f, "utf8"));
}

describe("the schema", () => {
  const tables = Object.entries(schema).filter(([, value]) => is(value, SQLiteTable)) as [string, SQLiteTable][];
  const code = sources();

  it("has tables to check", () => {
    expect(tables.length).toBeGreaterThan(20);
  });

  it("has no table that the product never uses", () => {
    const unused = tables
      .filter(([exportName, table]) => {
        // Imported from the schema by name (a bare word would match prose and variables: "decisions" is also a word).
        const byExport = new RegExp(`import\\s*(type\\s*)?\\{[^}]*\\b${exportName}\\b[^}]*\\}\\s*from\\s*["'][^"']*(db|lib)/schema(/\\w+)?["']`);
        // Or in raw SQL, after FROM, JOIN, INTO or UPDATE.
        const bySqlName = new RegExp(`\\b(from|join|into|update)\\s+[\`"]?${getTableName(table)}\\b`, "i");
        return !code.some((source) => byExport.test(source) || bySqlName.test(source));
      })
      .map(([exportName]) => exportName);
    expect(unused).toEqual([]);
  });
});
