import type { ModelTask } from "../schema";
import type { TrainingPipeline } from "./pipeline";
import { forecastPipeline } from "../forecasts/pipeline";
import { fraudPipeline } from "../fraud/pipeline";
import { pricingPipeline } from "../pricing/pipeline";
import { recommendPipeline } from "../recommendations/pipeline";
import { sentimentPipeline } from "../reviews/pipeline";

/** Each task's training pipeline, as the worker runs it. */
export const pipelines: Partial<Record<ModelTask, TrainingPipeline>> = {
  forecast: forecastPipeline,
  pricing: pricingPipeline,
  fraud: fraudPipeline,
  sentiment: sentimentPipeline,
  recommend: recommendPipeline,
};
