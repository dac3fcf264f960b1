import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";

/**
 * Runs `fn` with one of SQLite's connection pragmas set to `value`, then sets it back; on PostgreSQL (no such
 * settings) it just runs `fn`. A pragma holds for the whole connection, so statements other requests run on it while
 * `fn` awaits see the setting too: keep `fn` to one transaction, which other requests' statements wait for (they can
 * still run between the pragma and its BEGIN, and after its COMMIT before the pragma is set back).
 * SQLite ignores a change of foreign_keys inside a transaction: call this outside one.
 */
export async function withPragma<T>(db: Db, name: "foreign_keys", value: number, fn: () => Promise<T>): Promise<T> {
  if (db.dialect !== "sqlite") return fn();
  const row = await db.get<Record<string, number>>(sql.raw(`pragma ${name}`));
  const previous = Number(Object.values(row ?? {})[0]);
  await db.run(sql.raw(`pragma ${name} = ${Number(value)}`));
  try {
    return await fn();
  } finally {
    await db.run(sql.raw(`pragma ${name} = ${previous}`));
  }
}
