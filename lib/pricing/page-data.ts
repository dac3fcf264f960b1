import "server-only";
import { userEmail } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { taskJobs } from "@/lib/models/queries";
import { championOf, versionNumberOf } from "@/lib/models/versions";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { priceRunCoverage } from "./coverage";
import { latestPriceRun, productPricing, recommendationsCsv, recommendationsPage, type PricingFilter } from "./queries";
import { getPricingSettings } from "./settings";
import { competitorRules, priceEndings, pricingObjectives } from "./types";

/**
 * What each pricing page and the CSV export read, one call per screen, so app/ holds no query (issue 15). Each opens
 * the configured database itself.
 */

/** The recommendations list: the latest run's page of recommendations, or (no run yet) what the pending screen shows. */
export async function pricingListPage(filter: PricingFilter, locale: Locale | undefined) {
  const db = getDb();
  const run = await latestPriceRun(db);
  const jobs = await taskJobs(db, "pricing");
  if (!run) return { run: null, jobs, championVersion: (await championOf(db, "pricing"))?.version ?? null, dataSummary: await trainingDataSummary(db, "pricing") } as const;
  const list = await recommendationsPage(db, run, filter);
  return {
    run,
    jobs,
    list,
    modelVersion: await versionNumberOf(db, run.modelVersionId),
    coverage: await priceRunCoverage(db, run, locale),
    secondApprovalPct: (await getPricingSettings(db)).secondApprovalPct,
  } as const;
}

/** The guardrail settings, who saved them last (an e-mail, or null for the system's defaults), and the choices offered. */
export async function pricingSettingsPage() {
  const db = getDb();
  const settings = await getPricingSettings(db);
  return { settings, updatedBy: await userEmail(db, settings.updatedBy), options: { objectives: pricingObjectives, competitorRules, priceEndings } };
}

/** A product's pricing page (lib/pricing/queries.ts productPricing) under the latest run, with the run's coverage note; null for no such product. */
export async function productPricingPage(productId: number, locale: Locale) {
  const db = getDb();
  const pricing = await productPricing(db, await latestPriceRun(db), productId);
  if (!pricing) return null;
  return { ...pricing, coverage: pricing.recommendation ? await priceRunCoverage(db, pricing.run, locale) : null };
}

/** The latest run's recommendations that the filter keeps, as CSV (headers in `t`'s language); refused when no run was published. */
export async function latestRecommendationsCsv(filter: PricingFilter, t: Translate): Promise<{ runId: number; csv: string }> {
  const db = getDb();
  const run = await latestPriceRun(db);
  if (!run) throw new AppError("not_found", msg("pricing.errors.noRuns"));
  return { runId: run.id, csv: await recommendationsCsv(db, run, filter, t) };
}
