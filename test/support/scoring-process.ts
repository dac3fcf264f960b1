import { freePort } from "../e2e/harness";
import { startService, type RunningService } from "./service-process";

/**
 * The dedicated scoring process (scripts/scoring-api.ts) as a child process on a free port, against this test's
 * database, as `npm run demo` runs it beside the web app: `dataDir`'s SQLite file, or on the PostgreSQL run the same
 * DATABASE_URL and DATABASE_SCHEMA (inherited), so it shares the test file's schema. Resolves once it answers its
 * health check.
 */
export async function startScoringProcess(dataDir: string): Promise<RunningService> {
  const port = await freePort();
  // The child finds its database from DATA_DIR, as the app does; an inherited DATABASE_PATH would point elsewhere.
  const { DATABASE_PATH: _elsewhere, ...inherited } = process.env;
  return startService("npx", ["tsx", "scripts/scoring-api.ts"], {
    name: "The scoring process",
    url: `http://127.0.0.1:${port}`,
    healthPath: "/health",
    env: { ...inherited, DATA_DIR: dataDir, SCORING_PORT: String(port) },
  });
}
