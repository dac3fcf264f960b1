import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLog, channels, dailySales, forecastLines, forecastPlans, forecastRuns, forecastSeries, holidays, jobs, products, promotions, users } from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { env } from "@/lib/env";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { claimNextJob, enqueueJob, type JobProgress } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { createForecastPipeline } from "@/lib/forecasts/pipeline";
import { publishForecasts } from "@/lib/forecasts/publish";
import { championOf } from "@/lib/models/versions";
import { FitCancelledError } from "@/models/task";
import { toyPipeline } from "../support/toy-pipeline";
import { expectChoicesRecorded } from "@/test/support/recorded-choices";

/**
 * A small store: 8 products with two years of daily sales on one channel, a mild yearly season and a week-long 30 %
 * promotion every 5 weeks (so last year's weeks do not repeat it) that more than doubles sales (planned ones continue into the coming weeks), one product
 * launched 10 weeks before the end (too short for the network) and one 3 days before it (no full week yet: not
 * forecastable). Trained through the job runner with a small network, promoted as the first champion, then
 * published by the score job that the promotion queued.
 */
const LAST_DAY = "2024-12-29";
const DAYS = 2 * 364;
const MATURE = 8;
const FUTURE_DAYS = 13 * 7;
// Day t counts from the first day of the two years; the promotion weeks of product p are shifted by 5p days.
const promoted = (p: number, t: number) => Math.floor((t + 5 * p) / 7) % 5 === 0;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

async function seedStore(): Promise<void> {
  const db = getDb();
  let state = 7;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const launches = [...new Array<number>(MATURE).fill(DAYS), 70, 3];
  const dateOf = (t: number) => addDays(LAST_DAY, t - (DAYS - 1));
  const productRows: (typeof products.$inferInsert)[] = [];
  const promotionRows: (typeof promotions.$inferInsert)[] = [];
  const saleRows: (typeof dailySales.$inferInsert)[] = [];
  launches.forEach((days, p) => {
    const id = p + 1;
    productRows.push({ id, sku: `SKU-${id}`, name: `Product ${id}`, category: "home", priceCents: 1000, createdAt: new Date(0) });
    for (let t = DAYS - days; t < DAYS + FUTURE_DAYS; t++) {
      if (promoted(p, t) && !promoted(p, t - 1)) promotionRows.push({ productId: id, startDate: dateOf(t), endDate: dateOf(t + 6), discountPct: 30, name: "deal" });
    }
    const level = 4 + 3 * p;
    for (let t = DAYS - days; t < DAYS; t++) {
      const promo = promoted(p, t);
      const season = 1 + 0.15 * Math.sin((2 * Math.PI * t) / 364 + p);
      const units = Math.max(0, Math.round(level * season * (promo ? 2.5 : 1) + (random() - 0.5) * level * 0.6));
      saleRows.push({ productId: id, channelId: 1, date: dateOf(t), units, revenueCents: 0, priceCents: promo ? 700 : 1000, onPromotion: promo, stockout: false });
    }
  });
  await db.transaction(async () => {
    await db.insert(channels).values({ id: 1, code: "web", name: "Web" });
    await db.insert(holidays).values(["2023-01-01", "2023-12-25", "2024-01-01", "2024-12-25", "2025-01-01"].map((date) => ({ date, name: "Holiday" })));
    await db.insert(products).values(productRows);
    await db.insert(promotions).values(promotionRows);
    for (let i = 0; i < saleRows.length; i += 1000) await db.insert(dailySales).values(saleRows.slice(i, i + 1000));
  });
}

const fast = createForecastPipeline({ network: { maxEpochs: 20, patience: 4, hidden: 16 }, maxWindows: 4000, finalEpochs: 2 });
const fractions: { stage: string; fraction: number }[] = [];
const recording: TrainingPipeline = {
  ...fast,
  train: (db, ctx) =>
    fast.train(db, {
      ...ctx,
      onProgress: (p) => {
        if (p.fraction !== undefined) fractions.push({ stage: p.stage, fraction: p.fraction });
        ctx.onProgress(p);
      },
    }),
};
const context = { dataDir: env.DATA_DIR, backend: "test", pipelines: { forecast: recording, recommend: toyPipeline() } };
const jobRow = async (id: number) => (await getDb().select().from(jobs).where(eq(jobs.id, id)).get())!;

describe("score jobs", () => {
  it("fail with a clear message when the task has no champion, or its pipeline publishes nothing", async () => {
    const db = getDb();
    const forecast = await enqueueJob(db, { kind: "score", task: "forecast", createdBy: null });
    await runJob(db, (await claimNextJob(db))!, context);
    expect(await jobRow(forecast.id)).toMatchObject({ status: "failed", error: "forecast has no champion to score with: train a version and promote it first." });
    const recommend = await enqueueJob(db, { kind: "score", task: "recommend", createdBy: null });
    await runJob(db, (await claimNextJob(db))!, context);
    expect(await jobRow(recommend.id)).toMatchObject({ status: "failed" });
    expect((await jobRow(recommend.id)).error).toMatch(/recommend pipeline has nothing to score/);
  });
});

describe("forecast publication", () => {
  let runId: number;

  beforeAll(async () => {
    await seedStore();
    const db = getDb();
    const train = await enqueueJob(db, { kind: "train", task: "forecast", createdBy: null, params: { promoteIfNoChampion: true } });
    await runJob(db, (await claimNextJob(db))!, context);
    expect(await jobRow(train.id)).toMatchObject({ status: "succeeded", error: null });
    // The bootstrap promotion queued the publication.
    const score = (await claimNextJob(db))!;
    expect(score).toMatchObject({ kind: "score", task: "forecast" });
    await runJob(db, score, context);
    const done = await jobRow(score.id);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    const result = (done.progress as JobProgress).result as { runId: number; products: number };
    expect(done.progress).toMatchObject({ stage: "done", fraction: 1 });
    runId = result.runId;
    expect(result.products).toBe(MATURE + 1);
  }, 120_000);

  it("trains on the held-out split for metrics, then ships a model fitted on every week", async () => {
    const champion = (await championOf(getDb(), "forecast"))!;
    expect(champion.params).toMatchObject({ heldOutWeeks: 13, grain: "week" });
    expect(champion.params.heldOutFitSeconds).toBeGreaterThan(0);
    expect(champion.params.fullFitSeconds).toBeGreaterThan(0);
    expectChoicesRecorded(champion.params, ["forecaster per series", "P10-P90 band"]);
    expect(Number.isFinite(champion.metrics!.mase)).toBe(true);
    // Weeks end on the last day of data: the last one starts 6 days before it.
    expect(champion.trainTo).toBe(addDays(LAST_DAY, -6));
    const held = fractions.filter((f) => f.stage.startsWith("held-out fit"));
    const full = fractions.filter((f) => f.stage.startsWith("full fit"));
    expect(held.length).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(0);
    expect(Math.max(...held.map((f) => f.fraction))).toBeLessThanOrEqual(0.5);
    expect(Math.min(...full.map((f) => f.fraction))).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...full.map((f) => f.fraction))).toBe(1);
  });

  it("writes one run from the week after the last actuals, 13 ordered weekly lines per product", async () => {
    const db = getDb();
    const runs = await db.select().from(forecastRuns).all();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, modelVersionId: (await championOf(db, "forecast"))!.id, firstWeek: addDays(LAST_DAY, 1), horizonWeeks: 13, historyEnd: LAST_DAY, createdBy: null });
    const lines = await db.select().from(forecastLines).where(eq(forecastLines.runId, runId)).all();
    const byProduct = new Map<number, typeof lines>();
    for (const l of lines) byProduct.set(l.productId, [...(byProduct.get(l.productId) ?? []), l]);
    expect([...byProduct.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: MATURE + 1 }, (_, k) => k + 1));
    for (const productLines of byProduct.values()) {
      expect(productLines.map((l) => l.week).sort()).toEqual(Array.from({ length: 13 }, (_, k) => addDays(LAST_DAY, 1 + 7 * k)));
      for (const l of productLines) {
        expect(l.p10).toBeGreaterThanOrEqual(0);
        expect(l.p10).toBeLessThanOrEqual(l.p50);
        expect(l.p50).toBeLessThanOrEqual(l.p90);
        expect(Math.round(l.p50 * 100) / 100).toBe(l.p50);
      }
    }
    // The biggest seller's median forecast is in its range (about 25 a day, 2.5 times that on promotion).
    const top = byProduct.get(MATURE)!;
    expect(top.every((l) => l.p50 > 100 && l.p50 < 600)).toBe(true);
    // Planned promotions (future covariates) lift the forecast of the weeks they fall in.
    const promotedDays = (week: string) => Array.from({ length: 7 }, (_, d) => DAYS + daysBetween(addDays(LAST_DAY, 1), week) + d).filter((t) => promoted(MATURE - 1, t)).length;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const onPromotion = mean(top.filter((l) => promotedDays(l.week) >= 4).map((l) => l.p50));
    const without = mean(top.filter((l) => promotedDays(l.week) === 0).map((l) => l.p50));
    expect(onPromotion).toBeGreaterThan(1.5 * without);
  });

  it("describes each product's method, segment, fallback and backtest", async () => {
    const db = getDb();
    const series = await db.select().from(forecastSeries).where(eq(forecastSeries.runId, runId)).all();
    expect(series).toHaveLength(MATURE + 1);
    for (const s of series) {
      expect(s.method).toMatch(/^(network|holt-winters|seasonal-naive|tsb)(\+|$)/);
      expect(["smooth", "erratic", "intermittent", "lumpy"]).toContain(s.segment);
    }
    const mature = series.filter((s) => s.productId <= MATURE);
    for (const s of mature) {
      expect(s.backtestMase).toBeGreaterThan(0);
      expect(s.backtestWape).toBeGreaterThan(0);
      expect(Number.isFinite(s.backtestBias)).toBe(true);
      expect(s.backtestCoverage).toBeGreaterThanOrEqual(0);
      expect(s.backtestCoverage).toBeLessThanOrEqual(1);
      expect(s.recent!.weeks).toHaveLength(13);
      // The latest origin forecasts the last 13 weeks with actuals: they end with the week ending on the last day.
      expect(s.recent!.weeks[12]).toBe(addDays(LAST_DAY, -6));
      expect(s.recent!.actual.every((a) => typeof a === "number")).toBe(true);
      expect(s.recent!.p50).toHaveLength(13);
    }
    // Promotions the baselines cannot see: the network forecasts every two-year product.
    expect(mature.every((s) => s.method.includes("network") && s.fallbackReason === null)).toBe(true);
    const short = series.find((s) => s.productId === MATURE + 1)!;
    expect(short.method).not.toContain("network");
    expect(short.fallbackReason).toBe(`history too short for the network (10 weeks): ${short.method} forecasts it`);
    // Ten weeks leave no backtest origin for a 13-week horizon.
    expect(short).toMatchObject({ backtestMase: null, backtestWape: null, backtestBias: null, backtestCoverage: null, recent: null });
  });

  it("keeps each product's units per channel of the 13 weeks up to the last actuals with its series", async () => {
    const db = getDb();
    const sold = await db
      .select({ productId: dailySales.productId, units: sql<number>`sum(${dailySales.units})`.mapWith(Number) })
      .from(dailySales)
      .where(and(gt(dailySales.date, addDays(LAST_DAY, -7 * 13)), lte(dailySales.date, LAST_DAY)))
      .groupBy(dailySales.productId)
      .orderBy(asc(dailySales.productId));
    const series = await db.select().from(forecastSeries).where(eq(forecastSeries.runId, runId)).orderBy(forecastSeries.productId).all();
    expect(series.map((s) => [s.productId, s.channelUnits])).toEqual(sold.filter((r) => r.productId <= MATURE + 1).map((r) => [r.productId, { web: r.units }]));
    expect(series.every((s) => s.channelUnits!.web! > 0)).toBe(true);
  });

  it("opens a plan at version 1 for every product, and audits the publication", async () => {
    const db = getDb();
    const plans = await db.select().from(forecastPlans).where(eq(forecastPlans.runId, runId)).all();
    expect(plans).toHaveLength(MATURE + 1);
    expect(plans.every((p) => p.status === "open" && p.version === 1)).toBe(true);
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, "forecast.published")).all();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorEmail: "system", entityType: "forecast_run", entityId: String(runId) });
    expect(entries[0]!.after).toMatchObject({ products: MATURE + 1, lines: 13 * (MATURE + 1), plans: MATURE + 1, skipped: 1 });
  });

  it("can be published again directly, as a person, into a new run", async () => {
    const db = getDb();
    const planner = (await db.insert(users).values({ email: "planner@test", name: "Planner", role: "planner", passwordHash: null, createdAt: new Date() }).returning().get())!;
    const champion = (await championOf(db, "forecast"))!;
    const published = await publishForecasts(db, champion.artifactPath!, champion, planner.id);
    expect(published.runId).not.toBe(runId);
    expect(published.products).toBe(MATURE + 1);
    expect(published.seconds).toBeGreaterThan(0);
    expect((await db.select().from(forecastRuns).where(eq(forecastRuns.id, published.runId)).get())!.createdBy).toBe(planner.id);
    const entry = (await db.select().from(auditLog).where(eq(auditLog.entityId, String(published.runId))).all()).find((e) => e.action === "forecast.published")!;
    expect(entry).toMatchObject({ actorId: planner.id, actorEmail: "planner@test" });
    // The product launched 3 days ago has no forecast yet.
    const launched = (await db.select().from(products).where(eq(products.sku, `SKU-${MATURE + 2}`)).get())!;
    expect(await db.select().from(forecastLines).where(eq(forecastLines.productId, launched.id)).all()).toHaveLength(0);
  });

  it("stops when cancelled during the second fit", async () => {
    const controller = new AbortController();
    const training = fast.train(getDb(), {
      seed: 42,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage.startsWith("full fit") && p.epoch !== undefined) controller.abort();
      },
    });
    await expect(training).rejects.toBeInstanceOf(FitCancelledError);
  });
});
