import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { count } from "drizzle-orm";
import pg from "pg";
import type { DemoStoreOptions } from "@/db/seed/index";
import { getDb } from "@/lib/db";
import { bossSchema } from "@/lib/jobs/pg-boss-queue";
import { env } from "@/lib/env";
import { products } from "@/lib/schema";
import { seedDemo } from "./demo-store";

/**
 * Writes the deterministic demo store and the demo accounts into the configured database, SQLite or PostgreSQL
 * (npm run db:seed):
 *
 *   npx tsx lib/platform/seed.ts [--reset] [--seed N] [--scale X] [--end-date YYYY-MM-DD]
 */

function parseArgs(argv: string[]): { reset: boolean; options: DemoStoreOptions } {
  const options: DemoStoreOptions = {};
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--reset") reset = true;
    else if (arg === "--seed") options.seed = Number(value());
    else if (arg === "--scale") options.scale = Number(value());
    else if (arg === "--end-date") options.endDate = value();
    else throw new Error(`Unknown argument: ${arg} (expected --reset, --seed N, --scale X, --end-date YYYY-MM-DD)`);
  }
  return { reset, options };
}

/** Empties a PostgreSQL schema (and the migration journal and job queue beside it) for --reset. */
async function resetPostgres(url: string, schema: string | undefined): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const name = schema ?? "public";
    // The migration journal lives in "drizzle" for the default schema, inside a named one otherwise (db/pg-client.ts).
    const extra = [bossSchema(schema), ...(schema ? [] : ["drizzle"])];
    for (const s of [name, ...extra]) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.query(`CREATE SCHEMA ${name}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { reset, options } = parseArgs(process.argv.slice(2));
  const where = env.DATABASE_URL ? `PostgreSQL (schema ${env.DATABASE_SCHEMA ?? "public"})` : env.DATABASE_PATH;
  if (reset && env.DATABASE_URL) await resetPostgres(env.DATABASE_URL, env.DATABASE_SCHEMA);
  else if (reset) for (const suffix of ["", "-wal", "-shm"]) rmSync(env.DATABASE_PATH + suffix, { force: true });
  const db = getDb();
  try {
    const productCount = (await db.select({ n: count() }).from(products).get())?.n ?? 0;
    if (productCount > 0) {
      console.log(`${where} already holds a store (${productCount} products); nothing changed. Run with --reset to rebuild it from scratch.`);
      return;
    }
    console.log(`Seeding the demo store into ${where} ...`);
    const summary = await seedDemo(db, { ...options, onProgress: (msg) => console.log(`  ${msg}`) });
    const totalPayments = summary.counts.payment_transactions ?? 0;
    console.log(`\nSeed ${summary.seed}, scale ${summary.scale}, history ending ${summary.endDate}:`);
    for (const [table, rows] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(22)} ${rows.toLocaleString("en-US")}`);
    const fraud = Object.entries(summary.fraudByPattern)
      .map(([pattern, n]) => `${pattern} ${((100 * n) / totalPayments).toFixed(2)}%`)
      .join(", ");
    console.log(`  fraud share: ${fraud}`);
    const size = env.DATABASE_URL ? "" : `; database ${(statSync(env.DATABASE_PATH).size / 1e6).toFixed(0)} MB`;
    console.log(`Done in ${summary.seconds.toFixed(1)} s${size}.`);
  } finally {
    await db.close();
  }
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
