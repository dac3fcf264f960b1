import { getDb } from "@/lib/db";
import { taskJobs } from "@/lib/models/queries";
import { championOf, versionNumberOf } from "@/lib/models/versions";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { runBandCoverage, runCoverageNote } from "./coverage";
import { forecastValueAdded } from "./fva";
import { productForecast } from "./product";
import { approvedPlans, filterPlanRows, forecastListPage, latestRun, planRows, type ForecastFilter } from "./queries";

/**
 * What each forecasts page and export reads, in one call per page: app/ calls these and never the database itself.
 * Each opens the app's database (lib/db) and composes the area's queries.
 */

/** /forecasts: the latest run's list page, or (before the first run) what the empty state shows. */
export async function forecastsPage(filter: ForecastFilter) {
  const db = getDb();
  const run = await latestRun(db);
  const jobs = await taskJobs(db, "forecast");
  if (!run) return { run: null, jobs, championVersion: (await championOf(db, "forecast"))?.version ?? null, dataSummary: await trainingDataSummary(db, "forecast") } as const;
  return {
    run,
    jobs,
    list: await forecastListPage(db, run, filter),
    coverageNote: runCoverageNote(await runBandCoverage(db, run.id)),
    modelVersion: await versionNumberOf(db, run.modelVersionId),
  };
}

/** /forecasts/[productId]: the latest run and one product's forecast in it (null: no such product or plan in the run). */
export async function productForecastPage(productId: number, serviceLevel: number) {
  const db = getDb();
  const run = await latestRun(db);
  if (!run) return { run: null, forecast: null } as const;
  return { run, forecast: await productForecast(db, run, productId, serviceLevel) };
}

/** /forecasts/plans and its CSV export: the approved plans of the latest run (none without a run). */
export async function approvedPlansPage() {
  const db = getDb();
  const run = await latestRun(db);
  return { run, rows: run ? await approvedPlans(db, run.id) : [] };
}

/** /forecasts/value-added. */
export async function forecastValueAddedPage() {
  return forecastValueAdded(getDb());
}

/** The forecasts CSV export: every row the list's filters keep (not only one page), or no run. */
export async function forecastExportRows(filter: ForecastFilter) {
  const db = getDb();
  const run = await latestRun(db);
  if (!run) return { run: null, rows: [] } as const;
  return { run, rows: filterPlanRows(await planRows(db, run, filter.sl), filter) };
}
