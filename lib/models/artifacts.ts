import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Model files live under DATA_DIR/models/<task>/<id>. A fit writes into a staging folder that is renamed into
 * place only once everything is on disk, so a crash never leaves a half-written model where serving looks.
 */
export function stagingDir(dataDir: string, task: string, jobId: number): string {
  const dir = path.join(dataDir, "models", task, `.staging-job-${jobId}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function publishArtifacts(staging: string, dataDir: string, task: string, name: string): string {
  const final = path.join(dataDir, "models", task, name);
  if (existsSync(final)) rmSync(final, { recursive: true, force: true });
  renameSync(staging, final);
  return final;
}

export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}
