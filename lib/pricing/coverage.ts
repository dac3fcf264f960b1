import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { modelVersions, type PriceRun } from "@/lib/schema";
import { createFormat } from "@/lib/format";
import { verifiedArtifactDirOrNull } from "@/lib/models/artifacts";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";

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

const isShare = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

/**
 * "80 % interval, calibrated (×1.08 for time-half disagreement; prior floor sd 0.41) · time halves agreed within
 * it for 85 % of 120 products", or the reason it was not calibrated, in the reader's language; null without a
 * recorded calibration.
 */
export function pricingCoverageNote(c: StoredCalibration | null, locale: Locale = defaultLocale): CoverageNote | null {
  if (!c) return null;
  const t = translator(locale);
  const f = createFormat(locale);
  const nominal = f.percent(c.nominal);
  if (!isShare(c.calibratedCoverage) || c.products === 0) {
    return {
      text: c.products > 0 ? t("pricing.coverage.notCalibrated", { nominal, products: c.products }) : t("pricing.coverage.notCalibratedNoHistory", { nominal }),
      title: t("pricing.coverage.notCalibratedTitle"),
    };
  }
  const sd = typeof c.elasticityPosteriorSd === "number" && c.elasticityPosteriorSd > 0 ? f.number(c.elasticityPosteriorSd, 2) : null;
  const factor = c.factor.toFixed(2);
  const shownFactor = f.number(c.factor, 2);
  const unwidened = factor === "1.00";
  const how = unwidened
    ? sd
      ? t("pricing.coverage.noWideningFloor", { sd })
      : t("pricing.coverage.noWidening")
    : sd
      ? t("pricing.coverage.wideningFloor", { factor: shownFactor, sd })
      : t("pricing.coverage.widening", { factor: shownFactor });
  const agreed = f.percent(c.calibratedCoverage);
  const before = isShare(c.bootstrapCoverage) ? ` ${t("pricing.coverage.titleBefore", { before: f.percent(c.bootstrapCoverage) })}` : "";
  const widened = unwidened ? t("pricing.coverage.titleNotWidened") : t("pricing.coverage.titleWidened", { factor: shownFactor, nominal });
  return {
    text: t("pricing.coverage.calibrated", { nominal, how, agreed, products: c.products }),
    title: `${t("pricing.coverage.title", { agreed, products: c.products })}${before} ${widened}${sd ? t("pricing.coverage.titleFloor", { sd }) : ""}${t("pricing.coverage.titleEndSeparator")}${t("pricing.coverage.titleEnd")}`,
  };
}

/** The coverage note of the model version that published the run; null for an older model or missing files. */
export async function priceRunCoverage(db: Db, run: Pick<PriceRun, "modelVersionId"> | null, locale: Locale = defaultLocale): Promise<CoverageNote | null> {
  if (!run) return null;
  const version = await db
    .select({ id: modelVersions.id, task: modelVersions.task, version: modelVersions.version, artifactPath: modelVersions.artifactPath, artifactChecksum: modelVersions.artifactChecksum })
    .from(modelVersions)
    .where(eq(modelVersions.id, run.modelVersionId))
    .get();
  const dir = version?.artifactPath ? verifiedArtifactDirOrNull(version) : null;
  return dir ? pricingCoverageNote(readPricingCalibration(dir), locale) : null;
}
