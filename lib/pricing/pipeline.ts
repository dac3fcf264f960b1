import { loadPricingTrainingRows } from "./training-data";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { bias, wape } from "../../models/metrics/forecast";
import { createPricingTask, pricingTask, priceElasticities, type PricingFitOptions } from "../../models/pricing/index";
import type { PricingTrainRow } from "../../models/pricing/rows";
import { throwIfCancelled } from "../../models/task";
import { driftReferenceOf, roundSeconds, stretchProgress } from "../jobs/pipeline-common";
import { publishPriceRecommendations } from "./publish";
import { addDays } from "../dates";

const HOLDOUT_DAYS = 90;

function competitorIndex(r: PricingTrainRow): number {
  const prices = Object.values(r.competitors);
  return prices.length ? r.price / (prices.reduce((a, b) => a + b, 0) / prices.length) : Number.NaN;
}

/**
 * Demand at a price, fitted twice. The first fit sees all but the last 90 days and is measured on them (units
 * predicted at the prices actually charged then): those are the version's metrics. The second fit sees every day and
 * is the model shipped, so recommendations start from the latest prices and competitor positions; it is the same
 * recipe on 90 more days, so the first fit's metrics are an honest estimate of it. The median elasticity describes the
 * shipped fit. `options` (ensemble size, steps, time cap) default to the production settings.
 */
export function createPricingPipeline(options?: Partial<PricingFitOptions>): TrainingPipeline {
  const task = options ? createPricingTask(options) : pricingTask;
  return {
    task: "pricing",
    async train(db, ctx) {
      const rows = await loadPricingTrainingRows(db);
      if (rows.length === 0) throw new Error("There are no in-stock daily sales with a price to train the pricing model on.");
      const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
      const cutoff = addDays(last, -HOLDOUT_DAYS);
      const train = rows.filter((r) => r.date <= cutoff);
      const known = new Set(train.map((r) => r.productId));
      const held = rows.filter((r) => r.date > cutoff && known.has(r.productId));

      // 1. Fit on the days before the held-out ones and measure on those (progress 0..0.5).
      let started = performance.now();
      const measured = await task.fit(train, stretchProgress(ctx, "held-out fit", 0, 0.5));
      let metrics: Record<string, number>;
      const heldOutStop = measured.training.stop;
      try {
        const predicted = (await task.predict(measured, held)).map((p) => p.units);
        const actual = held.map((r) => r.units);
        metrics = { wape: wape(actual, predicted), bias: bias(actual, predicted) };
      } finally {
        task.dispose(measured);
      }
      const heldOutFitSeconds = (performance.now() - started) / 1000;
      throwIfCancelled(ctx.signal);

      // 2. Fit on every day: the model shipped (progress 0.5..1).
      started = performance.now();
      const model = await task.fit(rows, stretchProgress(ctx, "full fit", 0.5, 1));
      const fullFitSeconds = (performance.now() - started) / 1000;
      let elasticities: number[];
      try {
        elasticities = priceElasticities(model).map((e) => e.elasticity).sort((a, b) => a - b);
      } catch (error) {
        task.dispose(model);
        throw error;
      }
      return {
        module: task,
        model,
        metrics: { ...metrics, medianElasticity: elasticities[Math.floor(elasticities.length / 2)] ?? Number.NaN },
        params: {
          holdoutDays: HOLDOUT_DAYS,
          heldOutFrom: addDays(cutoff, 1),
          heldOutRows: held.length,
          products: Object.keys(model.spec.lastState).length,
          trainRows: rows.length,
          heldOutFitSeconds: roundSeconds(heldOutFitSeconds),
          fullFitSeconds: roundSeconds(fullFitSeconds),
          // Why the shipped fit (and the measured one) ended: a time cap hit is shown on the Models page.
          ...(model.training.stop ? { training: model.training.stop } : {}),
          ...(heldOutStop ? { heldOutTraining: heldOutStop } : {}),
          // What the shipped fit chose per series (trend extrapolation, pooling) and why: shown on the Models page.
          ...(model.choices ? { choices: model.choices } : {}),
        },
        trainFrom: rows.reduce((m, r) => (r.date < m ? r.date : m), "9999"),
        trainTo: last,
        // The shipped model saw every row, so the hash and the drift reference describe all of them.
        dataHash: hashRows(rows.map((r) => [r.productId, r.date, r.price, r.units])),
        drift: driftReferenceOf({ units: rows.map((r) => r.units), competitorIndex: rows.map(competitorIndex) }),
      };
    },
    async recentForDrift(db, _artifactDir, days) {
      const rows = await loadPricingTrainingRows(db);
      if (rows.length === 0) return { units: [], competitorIndex: [] };
      const last = rows.reduce((m, r) => (r.date > m ? r.date : m), "");
      const since = addDays(last, -days);
      const recent = rows.filter((r) => r.date > since);
      return { units: recent.map((r) => r.units), competitorIndex: recent.map(competitorIndex) };
    },
    async score(db, artifactDir, version, ctx) {
      ctx.onProgress({ stage: "publishing", fraction: 0 });
      const published = await publishPriceRecommendations(db, artifactDir, version, ctx.createdBy);
      ctx.onProgress({ stage: "published", fraction: 1 });
      return published;
    },
  };
}

/** Demand at a price with the production fit settings, as the worker runs it. */
export const pricingPipeline: TrainingPipeline = createPricingPipeline();
