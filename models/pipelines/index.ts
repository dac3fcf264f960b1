import type { ModelTask } from "../../db/schema";
import type { TrainingPipeline } from "../jobs/pipeline";
import { forecastPipeline } from "./forecast";
import { fraudPipeline } from "./fraud";
import { pricingPipeline } from "./pricing";
import { recommendPipeline } from "./recommend";
import { sentimentPipeline } from "./sentiment";

/** Each task's training pipeline, as the worker runs it. */
export const pipelines: Partial<Record<ModelTask, TrainingPipeline>> = {
  forecast: forecastPipeline,
  pricing: pricingPipeline,
  fraud: fraudPipeline,
  sentiment: sentimentPipeline,
  recommend: recommendPipeline,
};
