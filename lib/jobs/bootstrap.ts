import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "../db";
import { jobs, type ModelTask } from "../schema";
import { championOf } from "../models/versions";
import { lockFor } from "../transaction-lock";
import { enqueueJob } from "./queue";

/**
 * Queues a first training job for every task that has no champion and nothing queued, so a fresh demo trains its
 * initial models in the worker while the app is already up. The first version of each task becomes champion.
 */
export async function enqueueInitialTraining(db: Db, tasks: ModelTask[]): Promise<ModelTask[]> {
  const queued: ModelTask[] = [];
  for (const task of tasks) {
    // The check and the insert together, like startJob's (lib/models/start-job.ts): never two first trainings.
    const added = await db.transaction(async (tx) => {
      await lockFor(tx, `jobs:${task}`);
      if (await championOf(tx, task)) return false;
      const pending = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.task, task), eq(jobs.kind, "train"), inArray(jobs.status, ["queued", "running"])))
        .get();
      if (pending) return false;
      await enqueueJob(tx, { kind: "train", task, createdBy: null, params: { promoteIfNoChampion: true } });
      return true;
    });
    if (added) queued.push(task);
  }
  return queued;
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  const { pipelines } = await import("./pipelines");
  // The app's database: PostgreSQL when DATABASE_URL names one, otherwise the SQLite file DATABASE_PATH.
  const db = getDb();
  const queued = await enqueueInitialTraining(db, Object.keys(pipelines) as ModelTask[]);
  console.log(queued.length ? `Queued initial training for: ${queued.join(", ")} (watch it on the Models page).` : "Every model task already has a champion.");
  await db.close();
}
