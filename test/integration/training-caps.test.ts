import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { jobs, modelVersions } from "@/lib/schema";
import { env } from "@/lib/env";
import { capWarning, trainingStopOf } from "@/lib/models/training-stop";
import { inEnglish } from "@/lib/i18n/translate";
import { defaultFraudOptions, type FraudOptions } from "@/models/fraud";
import { claimNextJob, enqueueJob } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { createFraudPipeline } from "@/lib/fraud/pipeline";
import { seedFraudStore } from "@/test/support/fraud-store";

/**
 * A cap that ends training is recorded on the version, not silent: a real fraud fit through the job runner with a
 * tiny time cap records capHit and the reason in params.training; one that early-stops on its own records no cap.
 */
async function trainFraud(classifier: Partial<FraudOptions["classifier"]>) {
  const db = getDb();
  const pipeline = createFraudPipeline({
    classifier: { ...defaultFraudOptions.classifier, members: 1, hidden: [16], ...classifier },
    autoencoder: { ...defaultFraudOptions.autoencoder, enabled: false },
    refit: false,
  });
  const job = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null, params: {} });
  await runJob(db, (await claimNextJob(db))!, { dataDir: env.DATA_DIR, backend: "test", pipelines: { fraud: pipeline } });
  const done = (await db.select().from(jobs).where(eq(jobs.id, job.id)).get())!;
  expect(done.status, done.error ?? "").toBe("succeeded");
  return (await db.select().from(modelVersions).where(eq(modelVersions.id, done.modelVersionId!)).get())!;
}

beforeAll(async () => {
  await seedFraudStore(getDb());
});

describe("training caps on the model version", () => {
  it("records a time cap hit with its reason, and the Models page warns of an unfinished model", async () => {
    // Any epoch outlasts a zero-second cap: training stops after the first one, which is also its best.
    const version = await trainFraud({ maxEpochs: 50, patience: 5, maxSeconds: 0 });
    expect(version.params.training).toMatchObject({ stoppedBy: "time", capSeconds: 0, maxEpochs: 50, epochsRun: 1, bestEpoch: 1, stillImproving: true, capHit: true });
    const stop = trainingStopOf(version.params)!;
    expect(inEnglish(capWarning(stop)!)).toBe("Stopped at the 0 s time limit while still improving: the model may be unfinished.");
  });

  it("records capHit false when early stopping ended training well inside its caps", async () => {
    // A high learning rate plateaus within a few epochs; patience 1 stops at the first epoch without improvement.
    const version = await trainFraud({ maxEpochs: 200, patience: 1, maxSeconds: 120, learningRate: 0.05 });
    const stop = trainingStopOf(version.params)!;
    expect(stop).toMatchObject({ stoppedBy: "patience", capSeconds: 120, maxEpochs: 200, capHit: false, stillImproving: false });
    expect(stop.epochsRun).toBe(stop.bestEpoch + 1);
    expect(capWarning(stop)).toBeNull();
  });
});
