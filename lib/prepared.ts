import type { Db } from "@/lib/db";

/**
 * A value built once per database connection and kept: the hot paths' prepared statements (fraud scoring,
 * recommendation serving; preparing costs about what running one of them does) and the fraud API's micro-batcher. Keyed weakly by the connection, so a closed one
 * (a test's, say) is let go with what was built for it.
 */
export function perConnection<T>(build: (client: Db["$client"], db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db["$client"], T>();
  return (db) => {
    let value = built.get(db.$client);
    if (value === undefined) {
      value = build(db.$client, db);
      built.set(db.$client, value);
    }
    return value;
  };
}
