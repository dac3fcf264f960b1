import { forecastTask } from "./forecasts/index";
import { fraudTask } from "./fraud/index";
import { pricingTask } from "./pricing/index";
import { recommendTask } from "./recommendations/index";
import { sentimentTask } from "./reviews/index";

/** The five tasks of the CLI, the worker and the bench, by name. */
export const taskModules = {
  forecast: forecastTask,
  pricing: pricingTask,
  fraud: fraudTask,
  sentiment: sentimentTask,
  recommend: recommendTask,
} as const;

export type TaskName = keyof typeof taskModules;
export const taskNames = Object.keys(taskModules) as TaskName[];
