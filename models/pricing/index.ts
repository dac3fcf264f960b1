import type { TaskModule } from "../task";
import { PARAM_NAMES } from "./model";
import { parsePricingTest, parsePricingTrain } from "./parse";
import { loadPricingModel, savePricingModel } from "./persist";
import { predictPricing } from "./predict";
import type { PricingPrediction, PricingTestRow, PricingTrainRow } from "./rows";
import { fitPricingModel, type PricingFitOptions, type PricingModel } from "./train";

export type PricingTask = TaskModule<PricingTrainRow, PricingTestRow, PricingPrediction, PricingModel>;

/**
 * The pricing task: a demand model with an explicit, negative own-price elasticity per product (pooled towards
 * its category), seasonality, competitor price index, promotions and trend; a bootstrap ensemble gives every
 * prediction an interval. The optimiser (optimizer.ts) turns its demand curves into guarded price recommendations.
 *
 *   npm run ml -- fit-predict pricing --train train.csv --test test.csv --out predictions.csv
 *   train.csv: product_id,date,price,units[,cost][,comp_* or competitor_* prices][,on_promotion][,category][,covariates]
 *   test.csv:  product_id,date,price[, the same optional columns]
 *   predictions.csv: product_id,date,units (date as test.csv wrote it)
 */
export const pricingTask: PricingTask = {
  name: "pricing",
  parseTrain: parsePricingTrain,
  parseTest: parsePricingTest,
  fit: (rows, ctx) => fitPricingModel(rows, ctx),
  predict: async (model, rows) => predictPricing(model, rows),
  outputColumns: ["product_id", "date", "units"],
  toOutputRow: (p) => [p.productId, p.dateLabel, Math.round(p.units * 10_000) / 10_000],
  save: savePricingModel,
  load: loadPricingModel,
  dispose: (model) => {
    for (const name of PARAM_NAMES) model.params[name].dispose();
  },
};

/** The pricing task with other fit settings (ensemble size, steps, time cap), e.g. a small fit for tests. */
export function createPricingTask(options: Partial<PricingFitOptions> = {}): PricingTask {
  return { ...pricingTask, fit: (rows, ctx) => fitPricingModel(rows, ctx, options) };
}

export type { PricingFitOptions, PricingModel } from "./train";
export type { PricingPrediction, PricingTestRow, PricingTrainRow } from "./rows";
export { demandCurve, demandCurves, expectedUnits, priceElasticities, predictPricing } from "./predict";
export { optimizePrice } from "./optimizer";
export type { PriceRecommendation, Adjustment, DemandCurve } from "./optimizer";
export { DEFAULT_GUARDRAILS, GUARDRAIL_ORDER, OptimizerInputError, type Guardrails } from "./guardrails";
export { guardrailViolations, type GuardrailViolation } from "./guardrail-check";
export { recommendPrice, recommendPrices } from "./optimal-price";
