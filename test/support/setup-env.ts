import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { usesPostgres } from "@/lib/db-dialect";
import { testSchemaName } from "./postgres";

// Each test file gets its own empty data directory, so getDb() never touches a developer's demo database. The file's
// temporary folders (os.tmpdir() reads TMPDIR, also in the processes it starts) go inside it, and it is removed after
// the file: a run used to leave some 190 folders and 150 MB in /tmp.
const outerTmp = process.env.TMPDIR;
const fileDir = mkdtempSync(path.join(os.tmpdir(), "storefront-test-"));
process.env.DATA_DIR = fileDir;
process.env.TMPDIR = path.join(fileDir, "tmp");
mkdirSync(process.env.TMPDIR);
afterAll(() => {
  if (outerTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outerTmp;
  rmSync(fileDir, { recursive: true, force: true });
});
delete process.env.DATABASE_PATH;
// forbidden() only works when Next's authInterrupts flag is on, as next.config.js sets it for the app.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

// The PostgreSQL run (DATABASE_URL=postgres://…, scripts/test-all.sh): each test file gets a schema of its own, so
// getDb() starts empty as with SQLite, and the schema is dropped after the file.
if (usesPostgres()) {
  const schema = testSchemaName("t");
  process.env.DATABASE_SCHEMA = schema;
  afterAll(async () => {
    // pg-boss (started by the first job queued) first, then its schema and ours.
    const { stopBosses } = await import("@/lib/jobs/boss");
    await stopBosses();
    const { dropStoreSchema } = await import("./postgres");
    await dropStoreSchema(schema, process.env.DATABASE_URL);
  });
}
