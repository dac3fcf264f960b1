import type PgBoss from "pg-boss";
import type { Db } from "../db";
import { startBoss } from "./pg-boss-queue";

const globalForBoss = globalThis as unknown as { storefrontBosses?: Map<string, Promise<PgBoss>> };

/**
 * The pg-boss instance for a PostgreSQL database, started once per process and database (kept on globalThis so dev
 * hot reloads do not start another). `maintenance`: the first caller that is a worker turns pg-boss's supervision on
 * (expiring vanished jobs, archiving); the web app only sends. Null on SQLite, whose queue is the jobs table itself.
 */
export function bossFor(db: Db, options: { maintenance?: boolean } = {}): Promise<PgBoss> | null {
  if (db.dialect !== "postgres" || !db.location) return null;
  const bosses = (globalForBoss.storefrontBosses ??= new Map());
  const key = `${db.location.url}|${db.location.schema ?? ""}|${options.maintenance ? "worker" : "app"}`;
  let boss = bosses.get(key);
  if (!boss) {
    boss = startBoss({ url: db.location.url, schema: db.location.schema, maintenance: options.maintenance });
    // A failed start (database down) is not kept: the next caller tries again.
    boss.catch(() => bosses.delete(key));
    bosses.set(key, boss);
  }
  return boss;
}

/** Stops every pg-boss this process started (tests, a worker shutting down). */
export async function stopBosses(): Promise<void> {
  const bosses = globalForBoss.storefrontBosses;
  if (!bosses) return;
  const started = [...bosses.values()];
  bosses.clear();
  for (const boss of started) await (await boss.catch(() => null))?.stop({ graceful: false, wait: true }).catch(() => undefined);
}
