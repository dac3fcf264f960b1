import { sharedDb, type Db } from "@/db/client";
import { env } from "@/lib/env";

export type { Db };

/** The app's database: the configured file, opened (and migrated) once per process. */
export function getDb(): Db {
  return sharedDb(env.DATABASE_PATH);
}
