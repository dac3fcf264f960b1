import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retailPriceRecords, splitLastPeriods } from "@/lib/pricing/retail-price";
import { wape } from "@/models/metrics";
import { fitLogLogBaseline, predictLogLog } from "@/models/pricing/baselines";
import { pricingTask, demandCurve, expectedUnits, priceElasticities, recommendPrice } from "@/models/pricing/index";
import { optimizePrice } from "@/models/pricing/optimizer";
import { fitPricingModel, type PricingModel } from "@/models/pricing/train";
import type { PricingTestRow, PricingTrainRow } from "@/models/pricing/rows";
import { FitCancelledError, noProgress, type TrainingProgress } from "@/models/task";
import { monthlyPricesCsv } from "@/test/support/monthly-prices";

// 32 generated products in the retail_price file's columns (DD/MM/YYYY months, competitor prices), with known
// elasticities (test/support/monthly-prices.ts); each product's last 3 months held out, as in the bench, which
// makes the same comparison on the real retail_price file.
const generated = monthlyPricesCsv({ products: 32, seed: 1 });

let train: PricingTrainRow[];
let test: PricingTestRow[];
let actual: number[];
let model: PricingModel;
const progress: TrainingProgress[] = [];

beforeAll(async () => {
  const { columns, records } = retailPriceRecords(generated.text);
  const split = splitLastPeriods(records, 3);
  train = pricingTask.parseTrain(split.train, columns);
  test = pricingTask.parseTest(split.test, columns);
  actual = pricingTask.parseTrain(split.test, columns).map((r) => r.units);
  model = await pricingTask.fit(train, { seed: 7, onProgress: (p) => progress.push(p) });
}, 60_000);

afterAll(() => {
  if (model) pricingTask.dispose(model);
});

describe("pricing demand model on monthly product sales", () => {
  it("detects monthly data and reports progress with a validation metric", () => {
    expect(model.spec.granularity).toBe("monthly");
    expect(progress.some((p) => p.validation?.name === "poisson_deviance")).toBe(true);
    expect(progress.at(-1)?.fraction).toBe(1);
  });

  it("beats the per-product log-log regression on each product's last 3 months (WAPE)", async () => {
    const ours = wape(actual, (await pricingTask.predict(model, test)).map((p) => p.units));
    const baseline = wape(actual, predictLogLog(fitLogLogBaseline(train), test).map((p) => p.units));
    expect(ours).toBeLessThan(baseline);
  });

  it("estimates elasticities close to the true ones, closer than the log-log slopes", () => {
    const error = (estimates: [string, number][]) => estimates.reduce((sum, [id, e]) => sum + Math.abs(e - generated.elasticities.get(id)!), 0) / estimates.length;
    const ours = error(priceElasticities(model).map((e) => [e.productId, e.elasticity]));
    const logLog = error([...fitLogLogBaseline(train).products].map(([id, fit]) => [id, fit.slope]));
    // The true elasticities run from -0.4 to -2.5 here.
    expect(ours).toBeLessThan(0.35);
    expect(ours).toBeLessThan(logLog);
  });

  it("gives every product a negative elasticity with an interval, and predictions with intervals", async () => {
    const elasticities = priceElasticities(model);
    expect(elasticities).toHaveLength(new Set(train.map((r) => r.productId)).size);
    for (const e of elasticities) {
      expect(e.elasticity).toBeLessThan(0);
      expect(e.lower).toBeLessThanOrEqual(e.upper);
    }
    const [first] = await pricingTask.predict(model, test.slice(0, 1));
    expect(first!.lower).toBeLessThanOrEqual(first!.units);
    expect(first!.upper).toBeGreaterThanOrEqual(first!.units);
  });

  it("draws a demand curve that falls with price and feeds the optimiser", () => {
    const id = train[0]!.productId;
    const cheap = expectedUnits(model, id, 30);
    const dear = expectedUnits(model, id, 60);
    expect(dear.units).toBeLessThan(cheap.units);
    const competitors = { comp_1: 44, comp_2: 50 };
    const r = optimizePrice({ currentPrice: 45, cost: 20, demand: demandCurve(model, id, { competitors }), competitorPrices: [44, 50] });
    expect(r.price).toBeGreaterThan(0);
    expect(Math.abs(r.price - 45) / 45).toBeLessThanOrEqual(0.1 + 1e-9);
    const viaModel = recommendPrice(model, id, { currentPrice: 45, cost: 20, competitorPrices: competitors });
    expect(viaModel.price).toBe(r.price);
    expect(pricingTask.toOutputRow({ productId: id, date: "2018-06-01", dateLabel: "01/06/2018", units: 1.23456, lower: 1, upper: 2 })).toEqual([id, "01/06/2018", 1.2346]);
  });

  it("saves and loads to identical predictions", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pricing-model-"));
    try {
      await pricingTask.save(model, dir);
      const loaded = await pricingTask.load(dir);
      const before = await pricingTask.predict(model, test);
      const after = await pricingTask.predict(loaded, test);
      expect(after).toEqual(before);
      pricingTask.dispose(loaded);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("predicts without leaking tensors", async () => {
    await pricingTask.predict(model, test);
    const before = tf.memory().numTensors;
    await pricingTask.predict(model, test);
    demandCurve(model, train[0]!.productId)([10, 20, 30]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops when cancelled and frees what it built", async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const fit = pricingTask.fit(train, {
      seed: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch !== undefined) controller.abort();
        noProgress(p);
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("pricing fit memory", () => {
  it("holds only the model's variables after a fit", async () => {
    const before = tf.memory().numTensors;
    const small = await fitPricingModel(train.slice(0, 120), { seed: 3, onProgress: noProgress }, { maxSteps: 60, minRefitSteps: 20, members: 3 });
    expect(tf.memory().numTensors - before).toBe(Object.keys(small.params).length);
    pricingTask.dispose(small);
    expect(tf.memory().numTensors).toBe(before);
  });
});
