import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq, inArray } from "drizzle-orm";
import { openDb, type Db } from "../../db/client";
import { jobs, type ModelTask } from "../../db/schema";
import { env } from "../env";
import { championOf } from "../models/versions";
import { enqueueJob } from "./queue";

/**
 * Queues a first training job for every task that has no champion and nothing queued, so a fresh demo trains its
 * initial models in the worker while the app is already up. The first version of each task becomes champion.
 */
export function enqueueInitialTraining(db: Db, tasks: ModelTask[]): ModelTask[] {
  const queued: ModelTask[] = [];
  for (const task of tasks) {
    if (championOf(db, task)) continue;
    const pending = db
      .select()
      .from(jobs)
      .where(and(eq(jobs.task, task), eq(jobs.kind, "train"), inArray(jobs.status, ["queued", "running"])))
      .get();
    if (pending) continue;
    enqueueJob(db, { kind: "train", task, createdBy: null, params: { promoteIfNoChampion: true } });
    queued.push(task);
  }
  return queued;
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  const { pipelines } = await import("./pipelines");
  const db = openDb(env.DATABASE_PATH);
  const queued = enqueueInitialTraining(db, Object.keys(pipelines) as ModelTask[]);
  console.log(queued.length ? `Queued initial training for: ${queued.join(", ")} (watch it on the Models page).` : "Every model task already has a champion.");
  db.$client.close();
}
