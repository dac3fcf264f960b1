import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rawSqlite, type Db } from "@/lib/db";
import { runBandCoverage, runCoverageNote as runNote, seriesCoverageNote as seriesNote, type CoverageNote } from "@/lib/forecasts/coverage";
import { inEnglish, translate } from "@/lib/i18n/translate";

/** The notes as an English reader sees them. */
const english = (note: CoverageNote | null) => note && { text: inEnglish(note.text), title: inEnglish(note.title) };
const seriesCoverageNote = (coverage: number | null | undefined) => english(seriesNote(coverage));
const runCoverageNote = (summary: { mean: number | null; series: number }) => english(runNote(summary));

describe("forecast band coverage notes", () => {
  it("prints the nominal 80 % beside the share of backtest actuals a series' band held", () => {
    const note = seriesCoverageNote(0.7912);
    expect(note?.text).toBe("80 % band · held 79 % of actuals in backtest");
    expect(note?.title).toMatch(/80 % of actual weekly sales/);
    expect(translate("zh-CN", seriesNote(0.7912)!.text)).toBe("80% 区间 · 回测中覆盖了 79% 的实际值");
  });

  it("prints nothing without a stored coverage", () => {
    for (const missing of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0.1, 1.2]) expect(seriesCoverageNote(missing)).toBeNull();
    expect(runCoverageNote({ mean: null, series: 0 })).toBeNull();
    expect(runCoverageNote({ mean: 0.8, series: 0 })).toBeNull();
  });

  it("says a run's figure is a mean and over how many products", () => {
    expect(runCoverageNote({ mean: 0.854, series: 120 })?.text).toBe("product bands: 80 % · held 85 % of actuals in backtest (mean of 120 products)");
    expect(runCoverageNote({ mean: 0.5, series: 1 })?.text).toMatch(/mean of 1 product\)$/);
    expect(runCoverageNote({ mean: 0.5, series: 1 })?.title).toMatch(/summed over products is not calibrated/);
  });
});

describe("runBandCoverage", () => {
  let db: Db;
  beforeAll(() => {
    db = getDb();
    const sqlite = rawSqlite(db).$client;
    sqlite.prepare("INSERT INTO model_versions (id, task, version, status, params, created_at) VALUES (1, 'forecast', 1, 'champion', '{}', 0)").run();
    const run = sqlite.prepare("INSERT INTO forecast_runs (id, model_version_id, first_week, horizon_weeks, history_end, created_at) VALUES (?, 1, '2024-03-04', 13, '2024-03-03', 0)");
    run.run(1);
    run.run(2);
    const product = sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (?, ?, 'P', 'home', 1000, 0)");
    const series = sqlite.prepare("INSERT INTO forecast_series (run_id, product_id, method, segment, backtest_coverage) VALUES (?, ?, 'network', 'smooth', ?)");
    for (const id of [1, 2, 3]) product.run(id, `SKU-${id}`);
    series.run(1, 1, 0.7);
    series.run(1, 2, 0.9);
    series.run(1, 3, null);
    series.run(2, 1, null);
  });

  it("averages the series that have a backtest coverage and counts them", async () => {
    const summary = await runBandCoverage(db, 1);
    expect(summary.series).toBe(2);
    expect(summary.mean).toBeCloseTo(0.8, 10);
  });

  it("is empty for a run stored without coverage, and for an unknown run", async () => {
    expect(await runBandCoverage(db, 2)).toEqual({ mean: null, series: 0 });
    expect(await runBandCoverage(db, 99)).toEqual({ mean: null, series: 0 });
    expect(runCoverageNote(await runBandCoverage(db, 2))).toBeNull();
  });
});
