import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { count } from "drizzle-orm";
import { openDb } from "@/db/client";
import { products } from "@/lib/schema";
import { seedDemoStore, type DemoStoreOptions } from "@/db/seed/index";
import { seedDemoUsers } from "@/db/seed/users";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";

/**
 * Writes the deterministic demo store and the demo accounts into the configured database (npm run db:seed):
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

async function main(): Promise<void> {
  const { reset, options } = parseArgs(process.argv.slice(2));
  const file = env.DATABASE_PATH;
  if (reset) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const db = openDb(file);
  try {
    const productCount = db.select({ n: count() }).from(products).get()?.n ?? 0;
    if (productCount > 0) {
      console.log(`${file} already holds a store (${productCount} products); nothing changed. Run with --reset to rebuild it from scratch.`);
      return;
    }
    console.log(`Seeding the demo store into ${file} ...`);
    const summary = await seedDemoStore(db, { ...options, onProgress: (msg) => console.log(`  ${msg}`) });
    await seedDemoUsers(db, hashPassword);
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
