import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDb, type Db } from "../client";
import { env } from "../../lib/env";
import { generateDemoStore, resolveOptions, type DemoStoreOptions } from "./generate";
import { fraudPatterns, type FraudPattern } from "./types";
import { seedDemoUsers } from "./users";
import { writeDemoStore } from "./write";

/**
 * The deterministic demo store: two years of a mid-sized online shop (catalog, customers, orders on four channels,
 * prices, promotions, competitors, stock, payments with fraud, reviews, browsing) with its ground truth.
 * A fixed seed gives the same data; see generate.ts for the pieces.
 *
 *   npx tsx db/seed/index.ts [--reset] [--seed N] [--scale X] [--end-date YYYY-MM-DD]
 */

export { generateDemoStore, type DemoStore, type DemoStoreOptions } from "./generate";

export interface SeedSummary {
  seed: number;
  endDate: string;
  scale: number;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Payments per fraud pattern. */
  fraudByPattern: Record<FraudPattern, number>;
  seconds: number;
}

export async function seedDemoStore(db: Db, options: DemoStoreOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const { seed, endDate, scale } = resolveOptions(options);
  const onProgress = options.onProgress ?? (() => {});
  const existing = db.$client.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM products").get()?.n ?? 0;
  if (existing > 0) throw new Error(`The database already has ${existing} products; the demo store needs an empty one.`);

  const store = generateDemoStore({ seed, endDate, scale, onProgress });
  const counts = writeDemoStore(db, store, onProgress);
  const fraudByPattern = Object.fromEntries(fraudPatterns.map((p) => [p, 0])) as Record<FraudPattern, number>;
  for (const t of store.payments) if (t.pattern) fraudByPattern[t.pattern]++;
  return { seed, endDate, scale, counts, fraudByPattern, seconds: (performance.now() - started) / 1000 };
}

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

async function main(): Promise<void> {
  const { reset, options } = parseArgs(process.argv.slice(2));
  const file = env.DATABASE_PATH;
  if (reset) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const db = openDb(file);
  try {
    const products = db.$client.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM products").get()?.n ?? 0;
    if (products > 0) {
      console.log(`${file} already holds a store (${products} products); nothing changed. Run with --reset to rebuild it from scratch.`);
      return;
    }
    console.log(`Seeding the demo store into ${file} ...`);
    const summary = await seedDemoStore(db, { ...options, onProgress: (msg) => console.log(`  ${msg}`) });
    await seedDemoUsers(db);
    const totalPayments = summary.counts.payment_transactions ?? 0;
    console.log(`\nSeed ${summary.seed}, scale ${summary.scale}, history ending ${summary.endDate}:`);
    for (const [table, rows] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(22)} ${rows.toLocaleString("en-US")}`);
    const fraud = Object.entries(summary.fraudByPattern)
      .map(([pattern, n]) => `${pattern} ${((100 * n) / totalPayments).toFixed(2)}%`)
      .join(", ");
    console.log(`  fraud share: ${fraud}`);
    console.log(`Done in ${summary.seconds.toFixed(1)} s; database ${(statSync(file).size / 1e6).toFixed(0)} MB.`);
  } finally {
    db.$client.close();
  }
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
