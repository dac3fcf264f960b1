/**
 * `npm run demo` keeps its worker and scoring process alive: scripts/supervise.sh starts a command again when it exits,
 * and stopping the supervisor stops the command.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(os.tmpdir(), "supervise-"));
const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : []);
const waitFor = async (done: () => boolean) => {
  for (let i = 0; i < 150 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
};

describe("the demo's process supervisor", () => {
  it("restarts a command that exits, logging each exit, and stops it when stopped", async () => {
    const runs = path.join(dir, "runs");
    const log = path.join(dir, "flaky.log");
    const supervisor = spawn("bash", ["scripts/supervise.sh", "flaky", log, "bash", "-c", `echo run >> ${runs}; exit 3`], { stdio: "ignore" });
    await waitFor(() => lines(runs).length >= 2);
    const exited = new Promise((r) => supervisor.once("exit", r));
    supervisor.kill("SIGTERM");
    await exited;
    expect(lines(runs).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(log, "utf8")).toMatch(/flaky exited with status 3 .*; restarting in 1 s/);
  }, 30_000);

  it("stops a long-running command with itself", async () => {
    const pidFile = path.join(dir, "sleeper.pid");
    const supervisor = spawn("bash", ["scripts/supervise.sh", "sleeper", path.join(dir, "sleeper.log"), "bash", "-c", `echo $$ > ${pidFile}; exec sleep 60`], { stdio: "ignore" });
    await waitFor(() => lines(pidFile).length === 1);
    const pid = Number(lines(pidFile)[0]);
    const exited = new Promise((r) => supervisor.once("exit", r));
    supervisor.kill("SIGTERM");
    await exited;
    await waitFor(() => !alive(pid));
    expect(alive(pid)).toBe(false);
  }, 30_000);

  it("is what the demo starts the worker and the scoring process with", () => {
    const demo = readFileSync("scripts/demo.sh", "utf8");
    expect(demo).toMatch(/supervise\.sh worker .* lib\/jobs\/worker\.ts/);
    expect(demo).toMatch(/supervise\.sh scoring .* scripts\/scoring-api\.ts/);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
