import "server-only";
import { getDb } from "@/lib/db";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { ensureBackend } from "@/models/backend";
import { jobsForPage, taskOverview, versionsForTask } from "./queries";
import type { ModelTask } from "./tasks";

export { modelTasks, type ModelTask } from "./tasks";

/**
 * What the Models page shows for a task: the tfjs backend this process uses, each task's champion, drift and
 * training data, the recent jobs, and the task's versions with who trained and promoted them.
 */
export async function modelsPage(task: ModelTask) {
  const db = getDb();
  const backend = await ensureBackend();
  const overview = [];
  for (const o of await taskOverview(db)) overview.push({ ...o, trainingData: await trainingDataSummary(db, o.task) });
  const jobs = await jobsForPage(db);
  const versions = await versionsForTask(db, task);
  return { backend, overview, jobs, versions };
}
