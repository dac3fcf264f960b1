/**
 * `npm run import` reads a file from disk as bytes: a Latin-1 file is refused by line and column instead of being
 * stored with replacement characters, and imported converted when its encoding is declared with --encoding.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openSqlite } from "@/lib/db";
import { products } from "@/lib/schema";
import { onPostgres } from "../support/test-db";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "import-cli-"));
const database = path.join(dir, "storefront.db");
// The CLI writes where the app would: on PostgreSQL this file's schema (DATABASE_URL and DATABASE_SCHEMA are passed
// on to it), otherwise the SQLite file DATABASE_PATH. Opening it here first migrates it before the CLI runs.
const db = onPostgres ? getDb() : openSqlite(database);
beforeAll(async () => void (await db.select().from(products).all()));
afterAll(() => db.close());

const latin1 = path.join(dir, "products-latin1.csv");
writeFileSync(latin1, Buffer.from("sku,name,category,price\nKIT-1,Crème brûlée set,Kitchen,12.50\n", "latin1"));

async function importFile(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "lib/csv/cli.ts", ...args], { env: { ...process.env, DATABASE_PATH: database } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const names = async () => (await db.select({ name: products.name }).from(products).orderBy(products.id).all()).map((p) => p.name);

describe("npm run import", () => {
  it("refuses a Latin-1 file, naming the line and column, and stores nothing", async () => {
    const { code, output } = await importFile("products", latin1);
    expect(code).toBe(1);
    expect(output).toMatch(/line 2: the file is not valid UTF-8: byte 0xE8 at column 9 of this line/);
    expect(await names()).toEqual([]);
  });

  it("imports it converted with --encoding windows-1252", async () => {
    const { code, output } = await importFile("products", latin1, "--encoding", "windows-1252");
    expect(code, output).toBe(0);
    expect(output).toContain("converted to UTF-8");
    expect(await names()).toEqual(["Crème brûlée set"]);
  });
});
