import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPostgres, openSqlite, type Db } from "@/lib/db";
import { usesPostgres } from "@/lib/db-dialect";
import { dropSchema, testSchemaName } from "./postgres";

/**
 * Fresh databases for tests, of the dialect this run uses: a SQLite file in the temp folder, or (DATABASE_URL set to
 * PostgreSQL, see setup-env.ts) a schema of its own. `close` closes them and removes the files or schemas.
 */
export function testDbs() {
  const opened: { db: Db; drop: () => Promise<void> }[] = [];
  return {
    open(): Db {
      const name = testSchemaName("tdb");
      if (usesPostgres()) {
        const schema = name;
        const db = openPostgres(process.env.DATABASE_URL!, { schema, max: 4 });
        opened.push({ db, drop: () => dropTestSchema(schema) });
        return db;
      }
      const file = path.join(os.tmpdir(), `${name}.db`);
      const db = openSqlite(file);
      opened.push({ db, drop: async () => ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true })) });
      return db;
    },
    async close(): Promise<void> {
      for (const { db, drop } of opened.splice(0)) {
        await db.close().catch(() => undefined);
        await drop();
      }
    },
  };
}

/** This run is on PostgreSQL: tests of SQLite's own behaviour (busy timeouts, one file, pragmas) skip themselves. */
export const onPostgres = usesPostgres();

/** Drops a schema of this run's PostgreSQL (DATABASE_URL), through test/support/postgres.ts. */
export function dropTestSchema(schema: string): Promise<void> {
  return dropSchema(schema, process.env.DATABASE_URL);
}
