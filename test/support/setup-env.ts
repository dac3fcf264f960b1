import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Each test file gets its own empty data directory, so getDb() never touches a developer's demo database.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "storefront-test-"));
delete process.env.DATABASE_PATH;
// forbidden() only works when Next's authInterrupts flag is on, as next.config.js sets it for the app.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
