import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../db/client";
import { seedDemoStore } from "../db/seed/index";

/**
 * The demo store as a database for benchmarks: built once per seed and scale under data/bench/ (git-ignored)
 * and reused, so every bench section reads the same store through the same loaders the app uses.
 */
export async function benchDemoFile(options: { seed?: number; scale?: number } = {}): Promise<string> {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  const dir = path.resolve("data", "bench");
  const file = path.join(dir, `demo-seed${seed}-scale${scale}-${generatorHash()}.db`);
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
  return file;
}

/**
 * A hash of the demo generator and the migrations: a store built by older code (another schema, another story in
 * the data) is never reused. Old files stay in data/bench until it is cleaned.
 */
function generatorHash(): string {
  const hash = createHash("sha256");
  for (const dir of ["db/seed", "db/migrations"]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".ts") || name.endsWith(".sql")) hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  return hash.digest("hex").slice(0, 8);
}

export async function benchDemoDb(options: { seed?: number; scale?: number } = {}): Promise<Db> {
  return openDb(await benchDemoFile(options));
}

/**
 * A scratch folder for one bench section, holding COPIES of a bench demo store, so that a section that writes (an
 * import, a training job, scoring) never changes the store the others read. `copy(name)` copies the store, with its
 * WAL, to `<dir>/<name>.db`; `remove()` deletes the folder.
 */
export async function benchScratch(section: string, options: { scale?: number } = {}) {
  const source = await benchDemoFile(options);
  const dir = path.join(os.tmpdir(), `storefront-bench-${section}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    source,
    copy(name = "storefront"): string {
      const file = path.join(dir, `${name}.db`);
      copyFileSync(source, file);
      for (const suffix of ["-wal", "-shm"]) if (existsSync(source + suffix)) copyFileSync(source + suffix, file + suffix);
      return file;
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
