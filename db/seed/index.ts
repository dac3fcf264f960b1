import type { Db } from "../client";
import { generateDemoStore, resolveOptions, type DemoStoreOptions } from "./generate";
import { fraudPatterns, type FraudPattern } from "./types";
import { writeDemoStore } from "./write";

/**
 * The deterministic demo store: two years of a mid-sized online shop (catalog, customers, orders on four channels,
 * prices, promotions, competitors, stock, payments with fraud, reviews, browsing) with its ground truth.
 * A fixed seed gives the same data; see generate.ts for the pieces.
 *
 * Written to a database file by lib/platform/seed.ts (npm run db:seed).
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
