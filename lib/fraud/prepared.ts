import type { Db } from "@/db/client";

/**
 * A value built once per database connection and kept: the fraud hot paths' prepared statements (preparing costs
 * about what running one of them does) and the API's micro-batcher. Keyed weakly by the connection, so a closed one
 * (a test's, say) is let go with what was built for it.
 */
export function perConnection<T>(build: (client: Db["$client"]) => T): (db: Db) => T {
  const built = new WeakMap<Db["$client"], T>();
  return (db) => {
    let value = built.get(db.$client);
    if (value === undefined) {
      value = build(db.$client);
      built.set(db.$client, value);
    }
    return value;
  };
}
