import { appendFileSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, modelVersions, type ModelVersion } from "@/lib/schema";
import { getDb } from "@/lib/db";
import { championScorer, NoChampionError } from "@/lib/fraud/scoring";
import { env } from "@/lib/env";
import { claimNextJob, enqueueJob } from "@/lib/jobs/queue";
import { runJob, type RunContext } from "@/lib/jobs/run-job";
import { artifactChecksum, ArtifactChecksumError, verifiedArtifactDir } from "@/lib/models/artifacts";
import { championOf, promote, registerVersion } from "@/lib/models/versions";
import { seedFraudStore, trainQuickChampion } from "../support/fraud-store";
import { toyPipeline } from "../support/toy-pipeline";

const admin = { id: null, email: "admin@test" };
// A recommend pipeline that can also "score": it reads the folder it is given, so a score job loads the champion's files.
const scoring = { ...toyPipeline({ epochs: 2 }), score: async (_db: unknown, dir: string) => ({ files: readdirSync(dir).length }) };

async function trainVersion(context: Partial<RunContext> = {}): Promise<ModelVersion> {
  const db = getDb();
  const job = await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null });
  await runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: scoring }, ...context });
  const done = (await db.select().from(jobs).where(eq(jobs.id, job.id)).get())!;
  expect(done.status).toBe("succeeded");
  return (await db.select().from(modelVersions).where(eq(modelVersions.id, done.modelVersionId!)).get())!;
}

async function scoreJob() {
  const db = getDb();
  const job = await enqueueJob(db, { kind: "score", task: "recommend", createdBy: null });
  await runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: scoring } });
  return (await db.select().from(jobs).where(eq(jobs.id, job.id)).get())!;
}

describe("model files are checked against the registry's checksum", () => {
  it("records the folder's sha-256 when a version is registered, and an untouched version loads", async () => {
    const version = await trainVersion();
    expect(version.artifactChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(version.artifactChecksum).toBe(artifactChecksum(version.artifactPath!));
    expect(path.dirname(path.dirname(version.artifactPath!))).toBe(env.MODEL_DIR);
    expect(verifiedArtifactDir(version)).toBe(version.artifactPath);
    await promote(getDb(), { versionId: version.id, actor: admin, fourEyes: false });
    expect(await scoreJob()).toMatchObject({ status: "succeeded", modelVersionId: version.id });
  });

  it("refuses a version whose files changed, naming the version and both checksums", async () => {
    const version = await trainVersion();
    await promote(getDb(), { versionId: version.id, actor: admin, fourEyes: false });
    expect(verifiedArtifactDir(version)).toBe(version.artifactPath); // verified once, then tampered with
    appendFileSync(path.join(version.artifactPath!, "drift-reference.json"), " ");
    const actual = artifactChecksum(version.artifactPath!);
    expect(actual).not.toBe(version.artifactChecksum);
    expect(() => verifiedArtifactDir(version)).toThrow(ArtifactChecksumError);
    expect(() => verifiedArtifactDir(version)).toThrow(
      `The files of recommend v${version.version} (model version ${version.id}) in ${version.artifactPath} do not match the registry: ` +
        `recorded sha-256 ${version.artifactChecksum}, found ${actual}.`,
    );
    const job = await scoreJob();
    expect(job.status).toBe("failed");
    expect(job.error).toContain(`recorded sha-256 ${version.artifactChecksum}, found ${actual}`);
  });

  it("loads a version registered before checksums were recorded (null) as before", async () => {
    const trained = await trainVersion();
    const old = await registerVersion(getDb(), {
      task: "recommend",
      params: {},
      metrics: {},
      trainFrom: null,
      trainTo: null,
      dataHash: "old",
      backend: "test",
      durationMs: 1,
      artifactPath: trained.artifactPath!,
      trainedBy: null,
    });
    expect(old.artifactChecksum).toBeNull();
    appendFileSync(path.join(old.artifactPath!, "drift-reference.json"), " ");
    expect(verifiedArtifactDir(old)).toBe(trained.artifactPath);
  });

  it("writes model files under the configured shared location when one is given", async () => {
    const shared = mkdtempSync(path.join(os.tmpdir(), "storefront-models-"));
    const version = await trainVersion({ modelDir: shared });
    expect(version.artifactPath).toBe(path.join(shared, "recommend", path.basename(version.artifactPath!)));
    expect(verifiedArtifactDir(version)).toBe(version.artifactPath);
  });

  it("keeps a fraud champion with changed files out of service: the scoring API does not load it", async () => {
    const db = getDb();
    await seedFraudStore(db);
    await trainQuickChampion(db, env.DATA_DIR);
    const champion = (await championOf(db, "fraud"))!;
    expect(champion.artifactChecksum).toBe(artifactChecksum(champion.artifactPath!));
    appendFileSync(path.join(champion.artifactPath!, "drift-reference.json"), " ");
    await expect(championScorer(db)).rejects.toThrow(NoChampionError);
    await expect(championScorer(db)).rejects.toThrow(`The fraud champion v${champion.version} could not be loaded from its files.`);
  });
});
