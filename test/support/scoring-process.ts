import { spawn } from "node:child_process";
import { freePort } from "../e2e/harness";

/**
 * The dedicated scoring process (scripts/scoring-api.ts) as a child process on a free port, against `dataDir`'s
 * database, as `npm run demo` runs it beside the web app. Resolves once it answers its health check.
 */
export async function startScoringProcess(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The child finds its database from DATA_DIR, as the app does; an inherited DATABASE_PATH would point elsewhere.
  const { DATABASE_PATH: _elsewhere, ...inherited } = process.env;
  const child = spawn("npx", ["tsx", "scripts/scoring-api.ts"], {
    env: { ...inherited, DATA_DIR: dataDir, SCORING_PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let log = "";
  child.stderr?.on("data", (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 120 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`The scoring process did not start on ${url}:\n${log}`);
}
