import { and, avg, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { forecastSeries } from "@/lib/schema";
import { msg, type Message } from "@/lib/i18n/message";

/**
 * What the forecast screens print beside a P10-P90 band: its nominal coverage and the share of actuals it held in
 * the rolling-origin backtest, per series (forecast_series.backtest_coverage, stored at publication) or as the mean
 * over a run's series. Nothing is printed where no coverage was stored (older runs, series too short to backtest).
 */

export const NOMINAL_BAND_COVERAGE = 0.8;

/** Messages, put into the reader's words where the note is shown (forecasts.coverage.*). */
export type CoverageNote = { text: Message; title: Message };

const pct = (v: number) => Math.round(v * 100);
const usable = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

/** One series' band: "80 % band · held 79 % of actuals in backtest", or null without a stored coverage. */
export function seriesCoverageNote(coverage: number | null | undefined): CoverageNote | null {
  if (!usable(coverage)) return null;
  return { text: msg("forecasts.coverage.series", { nominal: pct(NOMINAL_BAND_COVERAGE), held: pct(coverage) }), title: msg("forecasts.coverage.explain", { nominal: pct(NOMINAL_BAND_COVERAGE) }) };
}

/** A run's bands: the mean of its series' backtest coverage, with how many series it averages. */
export function runCoverageNote(summary: { mean: number | null; series: number }): CoverageNote | null {
  if (summary.series === 0 || !usable(summary.mean)) return null;
  return {
    text: msg("forecasts.coverage.run", { nominal: pct(NOMINAL_BAND_COVERAGE), held: pct(summary.mean), count: summary.series }),
    title: msg("forecasts.coverage.runExplain", { nominal: pct(NOMINAL_BAND_COVERAGE) }),
  };
}

/** Mean stored backtest coverage of a run's series and how many series have one. */
export async function runBandCoverage(db: Db, runId: number): Promise<{ mean: number | null; series: number }> {
  const row = await db
    .select({ mean: avg(forecastSeries.backtestCoverage).mapWith(Number), series: count(forecastSeries.backtestCoverage) })
    .from(forecastSeries)
    .where(and(eq(forecastSeries.runId, runId), isNotNull(forecastSeries.backtestCoverage)))
    .get();
  return { mean: row?.mean ?? null, series: row?.series ?? 0 };
}
