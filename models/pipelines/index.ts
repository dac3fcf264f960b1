import type { ModelTask } from "../../db/schema";
import type { TrainingPipeline } from "../jobs/pipeline";

/** Each task's training pipeline, as the worker runs it. */
export const pipelines: Partial<Record<ModelTask, TrainingPipeline>> = {};
