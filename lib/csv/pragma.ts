import type { Db } from "@/lib/db";

/**
 * Runs `fn` with one of the connection's pragmas set to `value`, then sets it back. A pragma holds for the whole
 * connection, and `fn` is synchronous, so nothing else runs on the connection while it is changed. SQLite ignores
 * a change of foreign_keys inside a transaction: call this outside one.
 */
export function withPragma<T>(db: Db, name: "busy_timeout" | "foreign_keys", value: number, fn: () => T): T {
  const previous = db.$client.pragma(name, { simple: true }) as number;
  db.$client.pragma(`${name} = ${value}`);
  try {
    return fn();
  } finally {
    db.$client.pragma(`${name} = ${previous}`);
  }
}
