import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { openDb, type Db } from "../db/client";
import { seedDemoStore } from "../db/seed/index";

/**
 * The demo store as a database for benchmarks: built once per seed and scale under data/bench/ (git-ignored)
 * and reused, so every bench section reads the same store through the same loaders the app uses.
 */
export async function benchDemoDb(options: { seed?: number; scale?: number } = {}): Promise<Db> {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  const dir = path.resolve("data", "bench");
  const file = path.join(dir, `demo-seed${seed}-scale${scale}.db`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Per-process name: two bench runs may build at once; the first rename wins and both results are identical.
    const building = `${file}.${process.pid}.building`;
    rmSync(building, { force: true });
    const db = openDb(building);
    await seedDemoStore(db, { seed, scale });
    db.$client.close();
    for (const suffix of ["-wal", "-shm"]) rmSync(building + suffix, { force: true });
    renameSync(building, file);
  }
  return openDb(file);
}
