import { max } from "drizzle-orm";
import type { Db } from "../db";
import {
  dailySales,
  forecastLines,
  forecastPlans,
  forecastRuns,
  forecastSeries,
  products,
  type ModelVersion,
  type RecentBacktest as StoredRecent,
} from "../schema";
import { audit } from "../audit";
import { addDays, isoOfDay } from "../dates";
import { recentChannelUnits } from "./channel-shares";
import { futureForecastRows } from "./training-data";
import { periodDay } from "../../models/forecasts/periods";
import { forecastTask } from "../../models/forecasts/index";
import { choiceFor } from "../../models/forecasts/predict";
import type { ForecastModel } from "../../models/forecasts/train";
import type { ForecastPrediction } from "../../models/forecasts/types";
import { actorOf, insertChunks } from "../jobs/pipeline-common";

/**
 * Publishing the forecast champion: weekly P10/P50/P90 for the 13 weeks after the last day of sales for every
 * product the model knows and that sold on that day (future promotions and holidays as covariates), one batch of
 * predictions, written in one transaction as a forecast run with, per product, the method and its own backtest, the
 * forecast lines and an open plan for the planner. Each series keeps its units per channel of the last 13 weeks, so
 * the channel view splits the forecast without reading daily sales per request. Audited as `forecast.published`.
 */

export const PUBLISH_HORIZON_WEEKS = 13;

export type PublishedForecasts = { runId: number; products: number; seconds: number };

export async function publishForecasts(db: Db, artifactDir: string, version: ModelVersion, createdBy: number | null): Promise<PublishedForecasts> {
  const started = performance.now();
  if (version.task !== "forecast") throw new Error(`Model version ${version.id} is a ${version.task} model, not a forecast model.`);
  const historyEnd = (await db.select({ last: max(dailySales.date) }).from(dailySales).get())?.last;
  if (!historyEnd) throw new Error("There are no daily sales to forecast from.");
  const actor = await actorOf(db, createdBy);

  const model = await forecastTask.load(artifactDir);
  try {
    const seriesIndex = new Map(model.series.map((s, i) => [s.id, i]));
    const productIds = new Map((await db.select({ id: products.id, sku: products.sku }).from(products).all()).map((p) => [p.sku, p.id]));
    const future = await futureForecastRows(db, { grain: "week", level: "product", horizon: PUBLISH_HORIZON_WEEKS });
    // A product that sold on the last day but has no full week of history (launched this week) cannot be forecast yet.
    const forecastable = future.filter((row) => seriesIndex.has(row.seriesId) && productIds.has(row.seriesId));
    const skipped = new Set(future.filter((row) => !seriesIndex.has(row.seriesId) || !productIds.has(row.seriesId)).map((r) => r.seriesId));
    if (forecastable.length === 0) throw new Error("No product selling on the last day of data has a history the forecast model knows.");
    const predictions = await forecastTask.predict(model, forecastable);

    const bySeries = new Map<string, ForecastPrediction[]>();
    for (const p of predictions) {
      const list = bySeries.get(p.seriesId);
      if (list) list.push(p);
      else bySeries.set(p.seriesId, [p]);
    }
    const now = new Date();
    const firstWeek = addDays(historyEnd, 1);
    const seriesRows: (typeof forecastSeries.$inferInsert)[] = [];
    const lineRows: (typeof forecastLines.$inferInsert)[] = [];
    const planRows: (typeof forecastPlans.$inferInsert)[] = [];
    const channelUnits = await recentChannelUnits(db, historyEnd);
    let fallbacks = 0;
    for (const [sku, forecast] of bySeries) {
      const i = seriesIndex.get(sku)!;
      const productId = productIds.get(sku)!;
      const described = describeSeries(model, i);
      if (described.fallbackReason) fallbacks++;
      seriesRows.push({ runId: 0, productId, ...described, channelUnits: channelUnits.get(productId) ?? {} });
      for (const p of forecast) lineRows.push({ runId: 0, productId, week: p.date, p10: units(p.p10), p50: units(p.p50), p90: units(p.p90) });
      planRows.push({ runId: 0, productId, status: "open", version: 1, updatedAt: now });
    }

    const runId = await db.transaction(async (tx) => {
      const run = (await tx
        .insert(forecastRuns)
        .values({ modelVersionId: version.id, firstWeek, horizonWeeks: PUBLISH_HORIZON_WEEKS, historyEnd, createdBy, createdAt: now })
        .returning({ id: forecastRuns.id })
        .get())!;
      const withRun = <T extends { runId: number }>(rows: T[]) => rows.map((r) => ({ ...r, runId: run.id }));
      for (const chunk of insertChunks(withRun(seriesRows))) await tx.insert(forecastSeries).values(chunk).run();
      for (const chunk of insertChunks(withRun(lineRows))) await tx.insert(forecastLines).values(chunk).run();
      for (const chunk of insertChunks(withRun(planRows))) await tx.insert(forecastPlans).values(chunk).run();
      await audit(tx, {
        actor,
        action: "forecast.published",
        entityType: "forecast_run",
        entityId: run.id,
        after: {
          modelVersionId: version.id,
          modelVersion: version.version,
          firstWeek,
          historyEnd,
          horizonWeeks: PUBLISH_HORIZON_WEEKS,
          products: seriesRows.length,
          lines: lineRows.length,
          plans: planRows.length,
          fallbacks,
          skipped: skipped.size,
        },
      });
      return run.id;
    });
    return { runId, products: seriesRows.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    forecastTask.dispose(model);
  }
}

/** Method, segment, why a baseline forecasts it (if so), and the series' own backtest with that method. */
function describeSeries(model: ForecastModel, i: number): Omit<typeof forecastSeries.$inferInsert, "runId" | "productId"> {
  const choice = choiceFor(model, i);
  const series = model.series[i]!;
  const backtest = model.seriesBacktest[i] ?? null;
  const recent = model.recentBacktest[i] ?? null;
  // With a network shipped, a series not forecast by it is one too short for it (fitForecaster's rule).
  const fallbackReason =
    model.network && !model.neural[i] ? `history too short for the network (${series.values.length} weeks): ${choice.name} forecasts it` : null;
  let stored: StoredRecent | null = null;
  if (recent) {
    const weekOf = (h: number) => isoOfDay(periodDay(model.layout.calendar, series.start + recent.origin + h + 1));
    stored = {
      weeks: recent.actual.map((_, h) => weekOf(h)),
      actual: recent.actual,
      p10: recent.p10.map(units),
      p50: recent.p50.map(units),
      p90: recent.p90.map(units),
    };
  }
  return {
    method: choice.name,
    segment: model.segments[i]!,
    fallbackReason,
    backtestMase: finite(backtest?.mase),
    backtestWape: finite(backtest?.wape),
    backtestBias: finite(backtest?.bias),
    backtestCoverage: finite(backtest?.coverage),
    recent: stored,
  };
}

/** Units as stored: non-negative, 2 decimals (rounding is monotone, so P10 <= P50 <= P90 holds after it). */
function units(value: number): number {
  return Math.round(Math.max(0, value) * 100) / 100;
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

