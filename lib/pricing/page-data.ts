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
export function pricingListPage(filter: PricingFilter, locale: Locale | undefined) {
  const db = getDb();
  const run = latestPriceRun(db);
  const jobs = taskJobs(db, "pricing");
  if (!run) return { run: null, jobs, championVersion: championOf(db, "pricing")?.version ?? null, dataSummary: trainingDataSummary(db, "pricing") } as const;
  const list = recommendationsPage(db, run, filter);
  return {
    run,
    jobs,
    list,
    modelVersion: versionNumberOf(db, run.modelVersionId),
    coverage: priceRunCoverage(db, run, locale),
    secondApprovalPct: getPricingSettings(db).secondApprovalPct,
  } as const;
}

/** The guardrail settings, who saved them last (an e-mail, or null for the system's defaults), and the choices offered. */
export function pricingSettingsPage() {
  const db = getDb();
  const settings = getPricingSettings(db);
  return { settings, updatedBy: userEmail(db, settings.updatedBy), options: { objectives: pricingObjectives, competitorRules, priceEndings } };
}

/** A product's pricing page (lib/pricing/queries.ts productPricing) under the latest run, with the run's coverage note; null for no such product. */
export function productPricingPage(productId: number, locale: Locale) {
  const db = getDb();
  const pricing = productPricing(db, latestPriceRun(db), productId);
  if (!pricing) return null;
  return { ...pricing, coverage: pricing.recommendation ? priceRunCoverage(db, pricing.run, locale) : null };
}

/** The latest run's recommendations that the filter keeps, as CSV (headers in `t`'s language); refused when no run was published. */
export function latestRecommendationsCsv(filter: PricingFilter, t: Translate): { runId: number; csv: string } {
  const db = getDb();
  const run = latestPriceRun(db);
  if (!run) throw new AppError("not_found", msg("pricing.errors.noRuns"));
  return { runId: run.id, csv: recommendationsCsv(db, run, filter, t) };
}
