import type { Db } from "@/db/client";

/**
 * What the forecast screens print beside a P10-P90 band: its nominal coverage and the share of actuals it held in
 * the rolling-origin backtest, per series (forecast_series.backtest_coverage, stored at publication) or as the mean
 * over a run's series. Nothing is printed where no coverage was stored (older runs, series too short to backtest).
 */

export const NOMINAL_BAND_COVERAGE = 0.8;

export type CoverageNote = { text: string; title: string };

const pct = (v: number) => `${Math.round(v * 100)} %`;
const usable = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

const EXPLAIN =
  "A P10–P90 band should hold about 80 % of actual weekly sales. The backtest forecast past weeks from earlier origins with the " +
  "same method and counted how many of the actuals fell inside the band; well below 80 % means the band is too narrow, well above it too wide.";

/** One series' band: "80 % band · held 79 % of actuals in backtest", or null without a stored coverage. */
export function seriesCoverageNote(coverage: number | null | undefined): CoverageNote | null {
  if (!usable(coverage)) return null;
  return { text: `${pct(NOMINAL_BAND_COVERAGE)} band · held ${pct(coverage)} of actuals in backtest`, title: EXPLAIN };
}

/** A run's bands: the mean of its series' backtest coverage, with how many series it averages. */
export function runCoverageNote(summary: { mean: number | null; series: number }): CoverageNote | null {
  if (summary.series === 0 || !usable(summary.mean)) return null;
  return {
    text: `product bands: ${pct(NOMINAL_BAND_COVERAGE)} · held ${pct(summary.mean)} of actuals in backtest (mean of ${summary.series} product${summary.series === 1 ? "" : "s"})`,
    title: `${EXPLAIN} This is the mean over the run's products that have a backtest; a band summed over products is not calibrated.`,
  };
}

/** Mean stored backtest coverage of a run's series and how many series have one. */
export function runBandCoverage(db: Db, runId: number): { mean: number | null; series: number } {
  const row = db.$client
    .prepare<[number], { mean: number | null; series: number }>(
      "SELECT AVG(backtest_coverage) AS mean, COUNT(backtest_coverage) AS series FROM forecast_series WHERE run_id = ? AND backtest_coverage IS NOT NULL",
    )
    .get(runId);
  return { mean: row?.mean ?? null, series: row?.series ?? 0 };
}
