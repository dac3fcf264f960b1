import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "@/db/seed/random";
import { calibrateIntervals, posteriorElasticityBand, shrinkagePosteriorSd, type HalfEstimate } from "@/models/pricing/calibration";
import { pricingTask, priceElasticities, expectedUnits } from "@/models/pricing/index";
import type { PricingModel } from "@/models/pricing/train";
import type { PricingTrainRow } from "@/models/pricing/rows";

describe("interval calibration from time halves", () => {
  it("widens the band by how much more the halves disagree than the bootstrap says", () => {
    const rng = new Rng(3, "calibration");
    // The halves disagree with sd 2 x the bootstrap's sd(draws) x sqrt(n/nA + n/nB).
    const estimates: HalfEstimate[] = Array.from({ length: 400 }, () => {
      const draws = Array.from({ length: 30 }, () => rng.normal(0, 0.1));
      const sd = Math.sqrt(draws.reduce((s, v) => s + v * v, 0) / 29);
      return { draws, first: rng.normal(0, 2 * sd * Math.SQRT2 * Math.SQRT2), second: 0, cells: 40, firstCells: 20, secondCells: 20 };
    });
    const calibration = calibrateIntervals(estimates);
    expect(calibration.factor).toBeGreaterThan(1.7);
    expect(calibration.factor).toBeLessThan(2.3);
    expect(calibration.bootstrapCoverage).toBeLessThan(0.55);
    expect(calibration.calibratedCoverage).toBeCloseTo(0.8, 1);
  });

  it("never narrows a band, and skips products with too few cells in a half", () => {
    const tight: HalfEstimate[] = Array.from({ length: 20 }, (_, i) => ({ draws: [0.1, -0.1, 0.05], first: 0, second: i === 0 ? 5 : 0, cells: 20, firstCells: 10, secondCells: 10 }));
    expect(calibrateIntervals(tight).factor).toBe(1);
    const thin = tight.map((e) => ({ ...e, firstCells: 2 }));
    expect(calibrateIntervals(thin)).toMatchObject({ factor: 1, products: 0 });
  });

  it("keeps the prior's unresolved variance as the posterior sd of a product's elasticity", () => {
    expect(shrinkagePosteriorSd([0.5, -0.5, 0.5, -0.5], 0.5)).toBe(0);
    expect(shrinkagePosteriorSd([0, 0, 0], 0.5)).toBeCloseTo(0.5);
    const band = posteriorElasticityBand(-2, 0.3);
    expect(band.lower).toBeLessThan(-2);
    expect(band.upper).toBeGreaterThan(-2);
    expect(band.upper).toBeLessThan(0);
  });
});

/**
 * Weekly sales of 64 products in 4 categories with known elasticities (category mean + product sd 0.35) and the
 * structural noise a bootstrap of independent cells misses: a persistent AR(1) demand shock per product, and
 * shrinkage towards the category of products whose price moved little. The calibrated P10-P90 bands should hold the true elasticity for about 80 % of the products.
 */
function weeklySales(seed: number): { rows: PricingTrainRow[]; truth: Map<string, number> } {
  const rng = new Rng(seed, "calibration-weekly");
  const categories = [-0.9, -1.5, -2.0, -2.6];
  const rows: PricingTrainRow[] = [];
  const truth = new Map<string, number>();
  for (let p = 0; p < 64; p++) {
    const c = p % categories.length;
    const id = `p${p}`;
    const elasticity = Math.min(-0.2, categories[c]! + rng.normal(0, 0.35));
    truth.set(id, elasticity);
    const ref = rng.lognormal(Math.log(30), 0.5);
    const base = rng.lognormal(Math.log(25), 0.5);
    let shock = 0;
    let logPrice = 0;
    for (let w = 0; w < 78; w++) {
      shock = 0.8 * shock + rng.normal(0, 0.1);
      if (rng.chance(0.3)) logPrice = rng.normal(0, 0.15);
      const price = ref * Math.exp(logPrice);
      const mean = base * Math.exp(elasticity * logPrice + shock);
      const date = new Date(Date.UTC(2023, 0, 2 + 7 * w)).toISOString().slice(0, 10);
      rows.push({ productId: id, date, price, cost: Number.NaN, competitors: {}, onPromotion: false, category: `c${c}`, covariates: {}, units: rng.poisson(mean) });
    }
  }
  return { rows, truth };
}

describe("calibrated elasticity bands on synthetic data with known elasticities", () => {
  const { rows, truth } = weeklySales(11);
  let model: PricingModel;

  beforeAll(async () => {
    model = await pricingTask.fit(rows, { seed: 5, onProgress: () => {} });
  }, 120_000);

  afterAll(() => {
    if (model) pricingTask.dispose(model);
  });

  const coverage = (m: PricingModel) => {
    const bands = priceElasticities(m);
    return bands.filter((e) => truth.get(e.productId)! >= e.lower && truth.get(e.productId)! <= e.upper).length / bands.length;
  };

  it("holds the true elasticity in the P10-P90 band for about 80 % of products", () => {
    expect(model.calibration?.method).toBe("time-split-halves");
    const calibrated = coverage(model);
    const raw = coverage({ ...model, calibration: undefined });
    expect(calibrated).toBeGreaterThanOrEqual(0.65);
    expect(calibrated).toBeLessThanOrEqual(0.95);
    expect(raw).toBeLessThan(0.65);
  });

  it("widens the units band, and old saved models load with their raw bands", async () => {
    const id = "p0";
    const far = expectedUnits(model, id, rows[0]!.price * 1.3);
    const rawFar = expectedUnits({ ...model, calibration: undefined }, id, rows[0]!.price * 1.3);
    expect(far.upper - far.lower).toBeGreaterThan(rawFar.upper - rawFar.lower);
    const dir = mkdtempSync(path.join(os.tmpdir(), "pricing-calibration-"));
    try {
      await pricingTask.save(model, dir);
      const file = path.join(dir, "metadata.json");
      const metadata = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      delete metadata.calibration;
      writeFileSync(file, JSON.stringify(metadata));
      const old = await pricingTask.load(dir);
      expect(priceElasticities(old)).toEqual(priceElasticities({ ...model, calibration: undefined }));
      pricingTask.dispose(old);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
