import { loadPricingTrainingRows } from "../../lib/pricing/training-data";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { bias, wape } from "../metrics/forecast";
import { pricingTask, priceElasticities } from "../pricing/index";
import type { PricingTrainRow } from "../pricing/rows";
import { driftReferenceOf } from "./common";

const HOLDOUT_DAYS = 90;

function competitorIndex(r: PricingTrainRow): number {
  const prices = Object.values(r.competitors);
  return prices.length ? r.price / (prices.reduce((a, b) => a + b, 0) / prices.length) : Number.NaN;
}

/** Demand at a price: train on all but the last 90 days, measure units predicted at the prices actually charged then. */
export const pricingPipeline: TrainingPipeline = {
  task: "pricing",
  async train(db, ctx) {
    const rows = loadPricingTrainingRows(db);
    const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
    const cutoff = new Date(Date.parse(`${last}T00:00:00Z`) - HOLDOUT_DAYS * 86_400_000).toISOString().slice(0, 10);
    const train = rows.filter((r) => r.date <= cutoff);
    const known = new Set(train.map((r) => r.productId));
    const test = rows.filter((r) => r.date > cutoff && known.has(r.productId));
    const model = await pricingTask.fit(train, ctx);
    const predicted = (await pricingTask.predict(model, test)).map((p) => p.units);
    const actual = test.map((r) => r.units);
    const elasticities = priceElasticities(model).map((e) => e.elasticity);
    return {
      module: pricingTask,
      model,
      metrics: {
        wape: wape(actual, predicted),
        bias: bias(actual, predicted),
        medianElasticity: elasticities.sort((a, b) => a - b)[Math.floor(elasticities.length / 2)] ?? Number.NaN,
      },
      params: { holdoutDays: HOLDOUT_DAYS, products: known.size, trainRows: train.length },
      trainFrom: train.reduce((m, r) => (r.date < m ? r.date : m), "9999"),
      trainTo: cutoff,
      dataHash: hashRows(train.map((r) => [r.productId, r.date, r.price, r.units])),
      drift: driftReferenceOf({ units: train.map((r) => r.units), competitorIndex: train.map(competitorIndex) }),
    };
  },
  async recentForDrift(db, _artifactDir, days) {
    const rows = loadPricingTrainingRows(db);
    const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
    const since = new Date(Date.parse(`${last}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const recent = rows.filter((r) => r.date > since);
    return { units: recent.map((r) => r.units), competitorIndex: recent.map(competitorIndex) };
  },
};
