import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { modelVersions, type PriceRun } from "@/db/schema";

/**
 * What the pricing screens print beside an elasticity interval or a units / revenue / profit band: how the model
 * that published the run calibrated its P10-P90 bands (models/pricing/calibration.ts), read from the `calibration`
 * its metadata.json records. Models saved before it was recorded have none, and then nothing is printed.
 */

export type CoverageNote = { text: string; title: string };

const finite = z.number().nullable().optional();
/** JSON turns NaN into null, so the coverages of an uncalibrated model come back as null. */
const calibrationSchema = z.object({
  method: z.literal("time-split-halves"),
  nominal: z.number().gt(0).lt(1),
  factor: z.number().positive(),
  bootstrapCoverage: finite,
  calibratedCoverage: finite,
  products: z.number().int().min(0),
  elasticityPosteriorSd: finite,
});
export type StoredCalibration = z.infer<typeof calibrationSchema>;

/** The `calibration` of `<dir>/metadata.json`, or null when the file, the field or a number in it is missing. */
export function readPricingCalibration(dir: string): StoredCalibration | null {
  try {
    const metadata: unknown = JSON.parse(readFileSync(path.join(dir, "metadata.json"), "utf8"));
    const parsed = calibrationSchema.safeParse((metadata as { calibration?: unknown } | null)?.calibration);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const pct = (v: number) => `${Math.round(v * 100)} %`;
const isShare = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

/**
 * "80 % interval, calibrated (×1.08 for time-half disagreement; prior floor sd 0.41) · time halves agreed within
 * it for 85 % of 120 products", or the reason it was not calibrated; null without a recorded calibration.
 */
export function pricingCoverageNote(c: StoredCalibration | null): CoverageNote | null {
  if (!c) return null;
  const nominal = pct(c.nominal);
  if (!isShare(c.calibratedCoverage) || c.products === 0) {
    return {
      text: `${nominal} interval, not calibrated${c.products > 0 ? ` (only ${c.products} products had enough sales in both time halves)` : " (too little history to check)"}`,
      title: "The bootstrap band, as the model fitted it: there was too little data to check it against two fits on separate halves of the history, so its real coverage is unknown and likely below the nominal.",
    };
  }
  const floor = typeof c.elasticityPosteriorSd === "number" && c.elasticityPosteriorSd > 0 ? `; prior floor sd ${c.elasticityPosteriorSd.toFixed(2)}` : "";
  const before = isShare(c.bootstrapCoverage) ? ` Before widening, the bootstrap band held ${pct(c.bootstrapCoverage)}.` : "";
  const factor = c.factor.toFixed(2);
  const widened = factor === "1.00" ? "The bootstrap band already reached the nominal, so it was not widened" : `The bands were widened ×${factor} to reach the nominal ${nominal}`;
  return {
    text: `${nominal} interval, calibrated (${factor === "1.00" ? "no widening needed" : `×${factor} for time-half disagreement`}${floor}) · time halves agreed within it for ${pct(c.calibratedCoverage)} of ${c.products} products`,
    title:
      `The model was also fitted on the first and on the second half of the sales history. For ${pct(c.calibratedCoverage)} of the ${c.products} products ` +
      `with enough sales in both halves, the two elasticities agreed within the calibrated band.${before} ${widened}` +
      `${floor ? `, and an elasticity band is never narrower than the prior's posterior sd (${c.elasticityPosteriorSd!.toFixed(2)}), which the bootstrap misses` : ""}. ` +
      "Units, revenue and profit bands get the same factor. This checks the model against its own data, not against future sales.",
  };
}

/** The coverage note of the model version that published the run; null for an older model or missing files. */
export function priceRunCoverage(db: Db, run: Pick<PriceRun, "modelVersionId"> | null): CoverageNote | null {
  if (!run) return null;
  const artifactPath = db.select({ artifactPath: modelVersions.artifactPath }).from(modelVersions).where(eq(modelVersions.id, run.modelVersionId)).get()?.artifactPath;
  return artifactPath ? pricingCoverageNote(readPricingCalibration(artifactPath)) : null;
}
