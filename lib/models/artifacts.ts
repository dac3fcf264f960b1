import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { ModelVersion } from "../../db/schema";

/**
 * Model files live under MODEL_DIR/<task>/<id> (MODEL_DIR defaults to DATA_DIR/models; lib/env.ts). A fit writes
 * into a staging folder that is renamed into place only once everything is on disk, so a crash never leaves a
 * half-written model where serving looks. The registry records the folder's path and checksum; whoever loads a
 * version's files asks `verifiedArtifactDir` for the folder, which refuses files that changed since.
 */
export function stagingDir(modelDir: string, task: string, name: string): string {
  const dir = path.join(modelDir, task, `.staging-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function publishArtifacts(staging: string, modelDir: string, task: string, name: string): string {
  const final = path.join(modelDir, task, name);
  if (existsSync(final)) rmSync(final, { recursive: true, force: true });
  renameSync(staging, final);
  return final;
}

export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}

/** The folder's files, by relative path with "/" separators, sorted. */
function filesOf(dir: string, prefix = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...filesOf(dir, rel));
    else files.push(rel);
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha-256 (hex) of a model folder: for each file in sorted relative-path order, its path, its length and its
 * contents (the length keeps one file's bytes from passing for the next one's path).
 */
export function artifactChecksum(dir: string): string {
  const hash = createHash("sha256");
  for (const rel of filesOf(dir)) {
    const content = readFileSync(path.join(dir, rel));
    hash.update(`${rel}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}

/**
 * For readers of one small file that show "nothing" when it is missing or unreadable (the Fraud settings page's
 * evaluation, a price run's coverage note): files that fail the check count as unreadable, and are logged.
 */
export function verifiedArtifactDirOrNull(version: VersionFiles): string | null {
  try {
    return verifiedArtifactDir(version);
  } catch (error) {
    if (!(error instanceof ArtifactChecksumError)) throw error;
    console.error(error.message);
    return null;
  }
}

export class ArtifactChecksumError extends Error {
  constructor(
    readonly versionId: number,
    readonly expected: string,
    readonly actual: string,
    message: string,
  ) {
    super(message);
    this.name = "ArtifactChecksumError";
  }
}

type VersionFiles = Pick<ModelVersion, "id" | "task" | "version" | "artifactPath" | "artifactChecksum">;

// Versions whose files were found intact, with the files' paths, sizes and modification times then: the same
// signature again is not hashed again, so a process hashes a version's files once (its first load), not per request.
const globalForArtifacts = globalThis as unknown as { verifiedArtifacts?: Map<number, string> };
const verified = (globalForArtifacts.verifiedArtifacts ??= new Map<number, string>());

function signatureOf(dir: string, checksum: string): string {
  return [checksum, ...filesOf(dir).map((rel) => {
    const s = statSync(path.join(dir, rel));
    return `${rel}:${s.size}:${s.mtimeMs}`;
  })].join("|");
}

/**
 * The folder of a version's files, once they are checked against the checksum the registry recorded when the
 * version was registered; throws ArtifactChecksumError (naming the version and both checksums) when they differ.
 * A version registered before checksums were recorded (null) loads unchecked, as before.
 */
export function verifiedArtifactDir(version: VersionFiles): string {
  const dir = version.artifactPath;
  if (!dir) throw new Error(`${version.task} v${version.version} (model version ${version.id}) has no model files.`);
  const expected = version.artifactChecksum;
  // No checksum (an older version) or no folder: the caller's loader does as it did before (missing files are its to report).
  if (!expected || !existsSync(dir)) return dir;
  const signature = signatureOf(dir, expected);
  if (verified.get(version.id) === signature) return dir;
  const actual = artifactChecksum(dir);
  if (actual !== expected) {
    verified.delete(version.id);
    throw new ArtifactChecksumError(
      version.id,
      expected,
      actual,
      `The files of ${version.task} v${version.version} (model version ${version.id}) in ${dir} do not match the registry: ` +
        `recorded sha-256 ${expected}, found ${actual}. Restore the files or train a new version.`,
    );
  }
  verified.set(version.id, signature);
  return dir;
}
