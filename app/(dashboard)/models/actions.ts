"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { env } from "@/lib/env";
import { cancelJob } from "@/lib/models/cancel-job";
import { startJob } from "@/lib/models/start-job";
import { AppError } from "@/lib/errors";
import { enqueuePublishIfNeeded } from "@/lib/jobs/queue";
import { modelTasks } from "@/lib/models/tasks";
import { promote, RegistryError, rollback } from "@/lib/models/versions";

// defineAction authorizes every action below on the server: a session, then the models.manage capability (admins).

function registryError(error: unknown): never {
  if (error instanceof RegistryError) throw new AppError(error.code === "not_found" ? "not_found" : "conflict", error.message);
  throw error;
}

export const startJobAction = defineAction(
  { name: "startJob", capability: "models.manage", input: z.object({ task: z.enum(modelTasks), kind: z.enum(["train", "evaluate"]) }) },
  async ({ task, kind }, { user, db }) => {
    // Refuses a second train job while the task has one queued or running (lib/models/start-job.ts).
    const job = await startJob(db, user, { task, kind });
    revalidatePath("/models");
    return { jobId: job.id };
  },
);

export const cancelJobAction = defineAction(
  { name: "cancelJob", capability: "models.manage", input: z.object({ jobId: z.number().int().positive() }) },
  async ({ jobId }, { user, db }) => {
    const job = await cancelJob(db, user, jobId);
    revalidatePath("/models");
    return { status: job.status };
  },
);

export const promoteVersionAction = defineAction(
  { name: "promoteVersion", capability: "models.manage", input: z.object({ versionId: z.number().int().positive() }) },
  async ({ versionId }, { user, db }) => {
    try {
      const version = await promote(db, { versionId, actor: user, fourEyes: env.FOUR_EYES });
      // A new forecast champion publishes its forecasts for the planner (a score job in the worker).
      await enqueuePublishIfNeeded(db, version.task, user.id);
      revalidatePath("/", "layout");
      return { version: version.version };
    } catch (error) {
      registryError(error);
    }
  },
);

export const rollbackAction = defineAction(
  { name: "rollback", capability: "models.manage", input: z.object({ task: z.enum(modelTasks) }) },
  async ({ task }, { user, db }) => {
    try {
      const version = await rollback(db, { task, actor: user });
      await enqueuePublishIfNeeded(db, version.task, user.id);
      revalidatePath("/", "layout");
      return { version: version.version };
    } catch (error) {
      registryError(error);
    }
  },
);
