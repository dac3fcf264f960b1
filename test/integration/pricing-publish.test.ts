import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLog, channels, competitorPrices, dailySales, jobs, priceRecommendations, priceRuns, pricingSettings, productPriceLimits, products, users } from "@/lib/schema";
import { addDays } from "@/lib/dates";
import { env } from "@/lib/env";
import { toGuardrails } from "@/lib/pricing/settings";
import { loadPricingProductStates } from "@/lib/pricing/training-data";
import type { TrainingPipeline } from "@/lib/jobs/pipeline";
import { claimNextJob, enqueueJob, type JobProgress } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { createPricingPipeline } from "@/lib/pricing/pipeline";
import { publishPriceRecommendations } from "@/lib/pricing/publish";
import { pricingTask, recommendPrice, recommendPrices } from "@/models/pricing/index";
import { guardrailViolations } from "@/models/pricing/guardrail-check";
import { allowedPrices } from "@/models/pricing/guardrails";
import { optimizePrice } from "@/models/pricing/optimizer";
import { CONFLICT, conflictSummary, guardrailNote, storedGuardrails } from "@/models/pricing/stored-guardrails";
import { championOf } from "@/lib/models/versions";
import { FitCancelledError } from "@/models/task";
import { expectChoicesRecorded } from "@/test/support/recorded-choices";

/**
 * A small store: 6 products over one year of daily sales on one channel, their prices moved every two weeks between
 * -15 % and +15 % of the list price (back at list for the last two weeks), demand with a constant elasticity (-2 for
 * "home", -1.5 for "garden") and Poisson noise, costs at 55 % of list, two competitors scraped weekly. Product 2 has
 * a person's floor 25 % above its list price (beyond the 10 % max change: the guardrails conflict), product 5 has no
 * cost, product 6 a floor above its ceiling (the optimiser refuses it). Trained through the job runner with a small fit, promoted as the first
 * champion, then published by the score job that the promotion queued.
 */
const LAST_DAY = "2024-12-29";
const DAYS = 364;
const PRODUCTS = 6;
const LEVEL = 20;
const listPrice = (p: number) => 10 + 5 * (p - 1);
const elasticityOf = (p: number) => (p <= 3 ? -2 : -1.5);
const FLOOR_2 = 18.75;

async function seedStore(): Promise<void> {
  const db = getDb();
  let state = 11;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  // Knuth's Poisson sampler: fine for the means here (under ~60).
  const poisson = (mean: number) => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const dateOf = (t: number) => addDays(LAST_DAY, t - (DAYS - 1));
  const steps = [0.85, 0.92, 1, 1.08, 1.15];
  const productRows: (typeof products.$inferInsert)[] = [];
  const saleRows: (typeof dailySales.$inferInsert)[] = [];
  const competitorRows: (typeof competitorPrices.$inferInsert)[] = [];
  for (let p = 1; p <= PRODUCTS; p++) {
    const list = listPrice(p);
    productRows.push({ id: p, sku: `SKU-${p}`, name: `Product ${p}`, category: p <= 3 ? "home" : "garden", priceCents: list * 100, costCents: p === 5 ? null : Math.round(list * 55), createdAt: new Date(0) });
    let factor = 1;
    for (let t = 0; t < DAYS; t++) {
      if (t % 14 === 0) factor = t >= DAYS - 14 ? 1 : steps[Math.floor(random() * steps.length)]!;
      const price = Math.round(list * factor * 100) / 100;
      const units = poisson(LEVEL * Math.pow(factor, elasticityOf(p)));
      saleRows.push({ productId: p, channelId: 1, date: dateOf(t), units, revenueCents: Math.round(units * price * 100), priceCents: Math.round(price * 100), onPromotion: false, stockout: false });
      if (t % 7 === 0) {
        // Competitors move on their own (independently of our price), around and above our list price.
        competitorRows.push({ productId: p, competitor: "acme", date: dateOf(t), priceCents: Math.round(list * (0.95 + 0.15 * random()) * 100) });
        competitorRows.push({ productId: p, competitor: "bolt", date: dateOf(t), priceCents: Math.round(list * (1 + 0.15 * random()) * 100) });
      }
    }
  }
  await db.transaction(async () => {
    await db.insert(channels).values({ id: 1, code: "web", name: "Web" });
    await db.insert(products).values(productRows);
    for (let i = 0; i < saleRows.length; i += 1000) await db.insert(dailySales).values(saleRows.slice(i, i + 1000));
    await db.insert(competitorPrices).values(competitorRows);
    await db.insert(productPriceLimits).values([
      { productId: 2, floorCents: FLOOR_2 * 100, ceilingCents: null, updatedAt: new Date(0) },
      { productId: 6, floorCents: 4000, ceilingCents: 3000, updatedAt: new Date(0) },
    ]);
  });
}

const fast = createPricingPipeline({ members: 4, maxSteps: 300, evalEvery: 20, patience: 5, minRefitSteps: 60, maxSeconds: 20 });
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
const context = { dataDir: env.DATA_DIR, backend: "test", pipelines: { pricing: recording } };
const jobRow = async (id: number) => (await getDb().select().from(jobs).where(eq(jobs.id, id)).get())!;

describe("pricing publication", () => {
  let runId: number;

  beforeAll(async () => {
    await seedStore();
    const db = getDb();
    const train = await enqueueJob(db, { kind: "train", task: "pricing", createdBy: null, params: { promoteIfNoChampion: true } });
    await runJob(db, (await claimNextJob(db))!, context);
    expect(await jobRow(train.id)).toMatchObject({ status: "succeeded", error: null });
    // The bootstrap promotion queued the publication.
    const score = (await claimNextJob(db))!;
    expect(score).toMatchObject({ kind: "score", task: "pricing" });
    await runJob(db, score, context);
    const done = await jobRow(score.id);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect(done.progress).toMatchObject({ stage: "done", fraction: 1 });
    const result = (done.progress as JobProgress).result as { runId: number; products: number };
    runId = result.runId;
    expect(result.products).toBe(4);
  }, 120_000);

  const recommendations = async () => getDb().select().from(priceRecommendations).where(eq(priceRecommendations.runId, runId)).all();
  const productOf = async (id: number) => (await getDb().select().from(products).where(eq(products.id, id)).get())!;

  it("measures on the last 90 days, then ships a model fitted on every day", async () => {
    const champion = (await championOf(getDb(), "pricing"))!;
    expect(champion.params).toMatchObject({ holdoutDays: 90, heldOutFrom: addDays(LAST_DAY, -89), products: PRODUCTS, trainRows: PRODUCTS * DAYS });
    expect(champion.params.heldOutFitSeconds).toBeGreaterThan(0);
    expect(champion.params.fullFitSeconds).toBeGreaterThan(0);
    expectChoicesRecorded(champion.params, ["level layer per series"]);
    expect(champion.metrics!.wape).toBeGreaterThan(0);
    expect(champion.metrics!.wape).toBeLessThan(0.5);
    expect(champion.trainTo).toBe(LAST_DAY);
    const held = fractions.filter((f) => f.stage.startsWith("held-out fit"));
    const full = fractions.filter((f) => f.stage.startsWith("full fit"));
    expect(held.length).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(0);
    expect(Math.max(...held.map((f) => f.fraction))).toBeLessThanOrEqual(0.5);
    expect(Math.min(...full.map((f) => f.fraction))).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...full.map((f) => f.fraction))).toBe(1);
  });

  it("creates the default settings and snapshots them in one run of the champion", async () => {
    const db = getDb();
    const settings = await db.select().from(pricingSettings).all();
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({ id: 1, objective: "profit", maxChangePct: 10, competitorRule: "maxAboveCheapest", competitorPct: 15, priceEnding: "0.99", minMarginPct: 10, secondApprovalPct: 15, version: 1 });
    const runs = await db.select().from(priceRuns).all();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, modelVersionId: (await championOf(db, "pricing"))!.id, createdBy: null });
    expect(runs[0]!.settings).toMatchObject({ objective: "profit", maxChangePct: 10, priceEnding: "0.99", settingsVersion: 1, limitedProducts: 2 });
  });

  it("writes a pending recommendation in cents for every product with a cost the optimiser accepts", async () => {
    const rows = await recommendations();
    expect(rows.map((r) => r.productId).sort()).toEqual([1, 2, 3, 4]);
    for (const r of rows) {
      const product = await productOf(r.productId);
      expect(r).toMatchObject({ status: "pending", version: 1, currentPriceCents: product.priceCents, costCents: product.costCents });
      for (const cents of [r.currentPriceCents, r.recommendedPriceCents, r.unconstrainedPriceCents, r.costCents!]) expect(Number.isInteger(cents)).toBe(true);
      expect(["high", "medium", "low"]).toContain(r.confidence);
      expect(Object.keys(r.competitorPrices).sort()).toEqual(["acme", "bolt"]);
    }
  });

  it("recommends prices that break none of the guardrails, bound by the guardrail whose edge they sit on", async () => {
    const db = getDb();
    const settings = (await db.select().from(pricingSettings).get())!;
    for (const r of (await recommendations()).filter((x) => x.productId !== 2)) {
      const input = { currentPrice: r.currentPriceCents / 100, cost: r.costCents! / 100, competitorPrices: Object.values(r.competitorPrices), guardrails: toGuardrails(settings) };
      expect({ productId: r.productId, violations: guardrailViolations(r.recommendedPriceCents / 100, input) }).toEqual({ productId: r.productId, violations: [] });
      expect(r.recommendedPriceCents % 100).toBe(99);
      const allowed = allowedPrices(input);
      if (!allowed.ok) throw new Error(`product ${r.productId}: the guardrails conflict but the recommendation does not say so`);
      if (r.boundBy !== null && r.boundBy !== "priceEnding") {
        const edges = [allowed.lowestBy === r.boundBy && allowed.lowestCents, allowed.highestBy === r.boundBy && allowed.highestCents];
        expect({ productId: r.productId, onEdge: edges.includes(r.recommendedPriceCents) }).toEqual({ productId: r.productId, onEdge: true });
      }
      expect(r.adjustments.map((a) => a.guardrail)).toEqual(r.boundBy === null ? [] : [r.boundBy]);
    }
  });

  it("keeps the current price where a person's floor is beyond the max change, naming the conflict", async () => {
    const floored = (await recommendations()).find((r) => r.productId === 2)!;
    // List price 15.00: the floor needs 18.75 or more; the max change allows 13.50 to 16.50 and the competitor rule
    // (the cheapest competitor, at 15.00 that week, + 15 %) up to 17.25.
    expect(floored).toMatchObject({ currentPriceCents: 1500, recommendedPriceCents: 1500, boundBy: CONFLICT });
    expect(floored.adjustments).toEqual([
      { guardrail: "floorCeiling", from: 15, to: 15, change: 0, reason: "the floor set for this product: from $18.75", side: 0 },
      { guardrail: "maxChange", from: 15, to: 15, change: 0, reason: "at most 10 % from $15.00: $13.50 to $16.50", side: 1 },
      { guardrail: "competitor", from: 15, to: 15, change: 0, reason: "at most 15 % above the cheapest competitor ($15.00): up to $17.25", side: 1 },
    ]);
    expect(conflictSummary(floored.boundBy, floored.adjustments)).toBe("floor/ceiling vs max change and competitor");
  });

  it("estimates each product's elasticity near the one that generated its sales", async () => {
    for (const r of await recommendations()) {
      expect(r.elasticity).toBeGreaterThan(elasticityOf(r.productId) - 0.6);
      expect(r.elasticity).toBeLessThan(elasticityOf(r.productId) + 0.6);
      expect(r.elasticityLower).toBeLessThanOrEqual(r.elasticityUpper!);
    }
  });

  it("stores weekly expectations with ordered bands at the current and the recommended price", async () => {
    for (const r of await recommendations()) {
      for (const at of ["current", "recommended"] as const) {
        const e = r.expected[at];
        for (const band of [e.units, e.revenue, e.profit!]) {
          expect(band).toHaveLength(3);
          expect(band[0]).toBeLessThanOrEqual(band[1]!);
          expect(band[1]).toBeLessThanOrEqual(band[2]!);
        }
        // Revenue and profit in cents from the unrounded units (units are stored to 2 decimals).
        const price = (at === "current" ? r.currentPriceCents : r.recommendedPriceCents) / 100;
        expect(Math.abs(e.revenue[1]! - price * e.units[1]! * 100)).toBeLessThanOrEqual(price + 1);
        expect(Math.abs(e.profit![1]! - (price - r.costCents! / 100) * e.units[1]! * 100)).toBeLessThanOrEqual(price + 1);
      }
      // About 20 a day at the list price: about 140 a week.
      expect(r.expected.current.units[1]).toBeGreaterThan(7 * LEVEL * 0.7);
      expect(r.expected.current.units[1]).toBeLessThan(7 * LEVEL * 1.4);
      // A higher price sells less, a lower one more.
      expect(Math.sign(r.expected.current.units[1]! - r.expected.recommended.units[1]!)).toBe(Math.sign(r.recommendedPriceCents - r.currentPriceCents));
    }
  });

  it("stores a demand curve from 0.6x to 1.5x the current price, falling with price, for the app to draw", async () => {
    for (const r of await recommendations()) {
      const { price, units, lower, upper } = r.curve;
      const current = r.currentPriceCents / 100;
      expect(price.length).toBeGreaterThanOrEqual(41);
      expect(price).toHaveLength(units.length);
      expect(price).toHaveLength(lower.length);
      expect(price).toHaveLength(upper.length);
      // Widened, when needed, to take in the recommended and unconstrained prices.
      expect(price[0]).toBeCloseTo(Math.min(0.6 * current, r.recommendedPriceCents / 100, r.unconstrainedPriceCents / 100), 2);
      expect(price.at(-1)).toBeCloseTo(Math.max(1.5 * current, r.recommendedPriceCents / 100, r.unconstrainedPriceCents / 100), 2);
      expect(price).toContain(current);
      expect(price).toContain(r.recommendedPriceCents / 100);
      for (let i = 1; i < price.length; i++) {
        expect(price[i]).toBeGreaterThan(price[i - 1]!);
        expect(units[i]).toBeLessThan(units[i - 1]!);
      }
      units.forEach((u, i) => {
        expect(lower[i]).toBeLessThanOrEqual(u);
        expect(upper[i]).toBeGreaterThanOrEqual(u);
      });
      // The curve at the current price is the expectation stored for it.
      expect(units[price.indexOf(current)]).toBeCloseTo(r.expected.current.units[1]!, 1);
    }
  });

  it("audits the publication, counting the products skipped", async () => {
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "pricing.published")).all();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorEmail: "system", entityType: "price_run", entityId: String(runId) });
    expect(entries[0]!.after).toMatchObject({ products: 4, guardrailConflicts: 1, skipped: 1, withoutCost: 1, unseenByModel: 0, skippedProducts: [{ sku: "SKU-6", field: "floorCeiling" }] });
  });

  it("can be published again directly, as a person, into a new run", async () => {
    const db = getDb();
    const merchandiser = (await db.insert(users).values({ email: "merch@test", name: "Merch", role: "merchandiser", passwordHash: null, createdAt: new Date() }).returning().get())!;
    const champion = (await championOf(db, "pricing"))!;
    const published = await publishPriceRecommendations(db, champion.artifactPath!, champion, merchandiser.id);
    expect(published.runId).not.toBe(runId);
    expect(published.products).toBe(4);
    expect(published.seconds).toBeGreaterThan(0);
    expect((await db.select().from(priceRuns).where(eq(priceRuns.id, published.runId)).get())!.createdBy).toBe(merchandiser.id);
    const entry = (await db.select().from(auditLog).where(eq(auditLog.entityId, String(published.runId))).all()).find((e) => e.action === "pricing.published")!;
    expect(entry).toMatchObject({ actorId: merchandiser.id, actorEmail: "merch@test" });
    // Same model, same inputs: the same prices.
    const again = await db.select().from(priceRecommendations).where(eq(priceRecommendations.runId, published.runId)).all();
    expect(again.map((r) => r.recommendedPriceCents)).toEqual((await recommendations()).map((r) => r.recommendedPriceCents));
  });

  it("gets the same recommendations from batched predictions as from one product at a time", async () => {
    const db = getDb();
    const model = await pricingTask.load((await championOf(db, "pricing"))!.artifactPath!);
    try {
      const settings = (await db.select().from(pricingSettings).get())!;
      const items = (await loadPricingProductStates(db))
        .filter((s) => Number.isFinite(s.cost) && s.productId !== "SKU-6")
        .map((s) => ({ productId: s.productId, currentPrice: s.currentPrice, cost: s.cost, competitorPrices: s.competitorPrices, guardrails: toGuardrails(settings), objective: settings.objective }));
      const batched = recommendPrices(model, items);
      items.forEach((item, i) => {
        const single = recommendPrice(model, item.productId, item);
        expect(batched[i]!.recommendation!.price).toBe(single.price);
        expect(batched[i]!.recommendation!.unconstrainedPrice).toBe(single.unconstrainedPrice);
        expect(batched[i]!.recommendation!.expectedUnits.value).toBeCloseTo(single.expectedUnits.value, 4);
        expect(batched[i]!.recommendation!.expectedUnits.upper).toBeCloseTo(single.expectedUnits.upper, 4);
      });
    } finally {
      pricingTask.dispose(model);
    }
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

describe("the guardrails a recommendation stores", () => {
  const demand = (prices: readonly number[]) => {
    const units = prices.map((p) => 100 * Math.pow(p / 10, -2));
    return { units, lower: units, upper: units };
  };

  it("are the one guardrail that set the price, with its move from the optimum and its reason", async () => {
    // Optimum 12.00 (cost 6, e = -2); the max change allows up to 11.00, so 10.99 with .99 endings.
    const rec = optimizePrice({ currentPrice: 10, cost: 6, demand, guardrails: { maxChangePct: 10, priceEnding: "0.99" } });
    const stored = storedGuardrails(rec);
    expect(stored).toEqual({
      boundBy: "maxChange",
      adjustments: [{ guardrail: "maxChange", from: rec.unconstrainedPrice, to: 10.99, change: expect.closeTo(10.99 - rec.unconstrainedPrice, 9), reason: "at most 10 % from $10.00: $9.00 to $11.00; the highest allowed price is $10.99" }],
    });
    expect(guardrailNote(stored.boundBy, stored.adjustments)).toBe("at most 10 % from $10.00: $9.00 to $11.00; the highest allowed price is $10.99");
    expect(conflictSummary(stored.boundBy, stored.adjustments)).toBeNull();
    expect(storedGuardrails(optimizePrice({ currentPrice: 10, cost: 6, demand, guardrails: {} }))).toEqual({ boundBy: null, adjustments: [] });
  });

  it("are 'conflict' and the guardrails in conflict with their bounds, when no price meets them all", async () => {
    const rec = optimizePrice({ currentPrice: 10, cost: 6, demand, competitorPrices: [7], guardrails: { maxChangePct: 10, competitor: { kind: "maxAboveCheapest", pct: 5 }, priceEnding: "0.99" } });
    const stored = storedGuardrails(rec);
    expect(stored.boundBy).toBe(CONFLICT);
    expect(stored.adjustments.map((a) => [a.guardrail, a.to, a.reason])).toEqual([
      ["maxChange", 10, "at most 10 % from $10.00: $9.00 to $11.00"],
      ["competitor", 10, "at most 5 % above the cheapest competitor ($7.00): up to $7.35"],
    ]);
    expect(conflictSummary(stored.boundBy, stored.adjustments)).toBe("max change vs competitor");
  });
});
