import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { priceRunCoverage, pricingCoverageNote, readPricingCalibration, type StoredCalibration } from "@/lib/pricing/coverage";

const calibrated: StoredCalibration = {
  method: "time-split-halves",
  nominal: 0.8,
  factor: 1.0789,
  bootstrapCoverage: 0.362,
  calibratedCoverage: 0.85,
  products: 120,
  elasticityPosteriorSd: 0.4123,
};

/** A model folder whose metadata.json holds `metadata`, as savePricingModel writes it (NaN becomes null in JSON). */
function modelDir(metadata: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pricing-model-"));
  writeFileSync(path.join(dir, "metadata.json"), JSON.stringify(metadata));
  return dir;
}

describe("pricingCoverageNote", () => {
  it("prints the nominal level, the factor, the prior floor and the share of products whose time halves agreed", () => {
    const note = pricingCoverageNote(calibrated)!;
    expect(note.text).toBe("80 % interval, calibrated (×1.08 for time-half disagreement; prior floor sd 0.41) · time halves agreed within it for 85 % of 120 products");
    expect(note.title).toMatch(/Before widening, the bootstrap band held 36 %/);
    expect(note.title).toMatch(/not against future sales/);
  });

  it("leaves out what an older calibration did not record, and says when no widening was needed", () => {
    const note = pricingCoverageNote({ ...calibrated, factor: 1, elasticityPosteriorSd: undefined, bootstrapCoverage: null })!;
    expect(note.text).toBe("80 % interval, calibrated (no widening needed) · time halves agreed within it for 85 % of 120 products");
    expect(note.title).not.toMatch(/Before widening|posterior sd/);
    expect(pricingCoverageNote({ ...calibrated, elasticityPosteriorSd: 0 })!.text).not.toMatch(/prior floor/);
  });

  it("says the band is not calibrated when too few products could be checked", () => {
    const uncalibrated = { ...calibrated, factor: 1, bootstrapCoverage: null, calibratedCoverage: null, elasticityPosteriorSd: undefined };
    expect(pricingCoverageNote({ ...uncalibrated, products: 3 })!.text).toBe("80 % interval, not calibrated (only 3 products had enough sales in both time halves)");
    expect(pricingCoverageNote({ ...uncalibrated, products: 0 })!.text).toBe("80 % interval, not calibrated (too little history to check)");
  });

  it("prints nothing without a recorded calibration", () => {
    expect(pricingCoverageNote(null)).toBeNull();
  });
});

describe("readPricingCalibration", () => {
  it("reads the calibration a saved model records, NaN coverages coming back as null", () => {
    expect(readPricingCalibration(modelDir({ format: "pricing-demand-v1", calibration: calibrated }))).toEqual(calibrated);
    const uncalibrated = { method: "time-split-halves", nominal: 0.8, factor: 1, bootstrapCoverage: Number.NaN, calibratedCoverage: Number.NaN, products: 2 };
    expect(readPricingCalibration(modelDir({ calibration: uncalibrated }))).toEqual({ ...uncalibrated, bootstrapCoverage: null, calibratedCoverage: null });
  });

  it("is null for a model saved before calibration, a malformed one, or a missing file", () => {
    expect(readPricingCalibration(modelDir({ format: "pricing-demand-v1" }))).toBeNull();
    expect(readPricingCalibration(modelDir({ calibration: { ...calibrated, factor: "big" } }))).toBeNull();
    expect(readPricingCalibration(modelDir(null))).toBeNull();
    expect(readPricingCalibration(path.join(os.tmpdir(), "no-such-pricing-model"))).toBeNull();
  });
});

describe("priceRunCoverage", () => {
  let db: Db;
  beforeAll(() => {
    db = getDb();
    const version = rawSqlite(db).$client.prepare("INSERT INTO model_versions (id, task, version, status, params, artifact_path, created_at) VALUES (?, 'pricing', ?, 'champion', '{}', ?, 0)");
    version.run(1, 1, modelDir({ format: "pricing-demand-v1" }));
    version.run(2, 2, modelDir({ format: "pricing-demand-v1", calibration: calibrated }));
    version.run(3, 3, null);
  });

  it("reads the calibration of the model version that published the run", async () => {
    expect((await priceRunCoverage(db, { modelVersionId: 2 }))?.text).toMatch(/^80 % interval, calibrated \(×1\.08/);
  });

  it("prints nothing for an older model, a version without files, or no run", async () => {
    expect(await priceRunCoverage(db, { modelVersionId: 1 })).toBeNull();
    expect(await priceRunCoverage(db, { modelVersionId: 3 })).toBeNull();
    expect(await priceRunCoverage(db, { modelVersionId: 99 })).toBeNull();
    expect(await priceRunCoverage(db, null)).toBeNull();
  });
});
