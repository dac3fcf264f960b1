import type { Db } from "@/lib/db";

/**
 * A value built once per database and kept: plain JavaScript state tied to one connection (SQLite) or pool
 * (PostgreSQL), such as the fraud API's micro-batcher. Not for prepared statements: queries go through the one
 * asynchronous data-access path (lib/db-adapter.ts) and are built per call. Keyed weakly by the database object, so a
 * closed one (a test's, say) is let go with what was built for it; inside a transaction `tx` is that same object.
 */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
