import { spawn } from "node:child_process";

/** A server running as a child process; `stop` ends it with everything it started (npx, tsx, next). */
export type RunningService = { url: string; stop: () => void };

/**
 * Starts `command` in a process group of its own (so `stop` reaches what npx starts under it) and resolves once
 * `url` + `healthPath` answers 2xx, polled every 500 ms for up to a minute. Should it exit or not answer in time, it
 * is stopped and the error carries what it wrote.
 */
export async function startService(
  command: string,
  args: readonly string[],
  options: { name: string; url: string; healthPath: string; env: NodeJS.ProcessEnv },
): Promise<RunningService> {
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
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
      if ((await fetch(`${options.url}${options.healthPath}`)).ok) return { url: options.url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`${options.name} did not start on ${options.url}:\n${log}`);
}
