import type { Db } from "../db";
import { priceRecommendations, priceRuns, productPriceLimits, products, type ModelVersion, type PricingSettings } from "../schema";
import type { DemandGrid } from "../../db/schema/pricing";
import { audit } from "../audit";
import { getPricingSettings, toGuardrails } from "./settings";
import { loadPricingProductStates } from "./training-data";
import type { Granularity } from "../../models/pricing/granularity";
import { demandCurves, priceElasticities, pricingTask, recommendPrices } from "../../models/pricing/index";
import type { Band, PriceRecommendation } from "../../models/pricing/optimizer";
import { CONFLICT, storedGuardrails } from "../../models/pricing/stored-guardrails";
import { actorOf, insertChunks } from "../jobs/pipeline-common";

/**
 * Publishing the pricing champion: for every active product with a cost, the optimiser's recommendation under the
 * store's guardrails (pricing_settings, created with the defaults if missing) and the product's own floor/ceiling,
 * against the demand curve under today's competitor prices; written in one transaction as a price run (with a
 * snapshot of the settings) and one pending price_recommendations row per product. Audited as `pricing.published`.
 * A product the optimiser refuses (OptimizerInputError, e.g. a floor above its ceiling) is skipped and counted.
 *
 * Units are per week. The model's curve is per period of its training data: for the app's daily rows, expected
 * units on an average weekday (the weekday factor dropped) in the week after the last day of data, so x7 per week;
 * weekly data x1, monthly x7/30.44. Every stored band (units, revenue, profit, curve) is converted the same way.
 * Money in cents, except the curve, adjustments and competitor prices, which keep the optimiser's dollars.
 *
 * bound_by is the guardrail that set the recommended price (the edge of the allowed range it sits on, or the price
 * ending), null when the optimum was allowed as it was, or "conflict" when no price meets every guardrail: the
 * recommendation then keeps the current price and its adjustments list the guardrails in conflict with their bounds
 * (models/pricing/stored-guardrails.ts).
 *
 * Confidence is the width of the P10-P90 band of expected units at the recommended price, relative to the P50:
 * under 0.25 high, under 0.6 medium, else low (a product the model never saw is low: its curve is its category's).
 * The band is the bootstrap ensemble's spread, i.e. how sure the model is of the demand curve, not of next week's sales.
 *
 * `curve` is the demand curve on 41 prices from 0.6x to 1.5x the current price (widened to take in the recommended and
 * unconstrained prices), plus those prices themselves, so the app can draw demand and profit curves and run what-ifs
 * without tfjs. All predictions are made in two batches (recommendPrices, then demandCurves for the grids).
 */

export type PublishedPrices = { runId: number; products: number; seconds: number };

export const CURVE_POINTS = 41;
export const CURVE_RANGE: readonly [number, number] = [0.6, 1.5];
const CONFIDENCE = { high: 0.25, medium: 0.6 } as const;

export function periodsPerWeek(granularity: Granularity): number {
  return granularity === "daily" ? 7 : granularity === "weekly" ? 1 : 7 / (365.25 / 12);
}

export function confidenceOf(units: Band): "high" | "medium" | "low" {
  if (!(units.value > 0)) return "low";
  const width = (units.upper - units.lower) / units.value;
  return width < CONFIDENCE.high ? "high" : width < CONFIDENCE.medium ? "medium" : "low";
}

const toCents = (dollars: number) => Math.round(dollars * 100);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The price grid of a product's curve: CURVE_POINTS prices over the range, whole cents, increasing, plus `include`. */
export function curvePrices(current: number, include: number[]): number[] {
  const lo = Math.min(current * CURVE_RANGE[0], ...include);
  const hi = Math.max(current * CURVE_RANGE[1], ...include);
  const grid = Array.from({ length: CURVE_POINTS }, (_, i) => round(lo + ((hi - lo) * i) / (CURVE_POINTS - 1), 2));
  return [...new Set([...grid, ...include.map((p) => round(p, 2))])].filter((p) => p > 0).sort((a, b) => a - b);
}

/** P10/P50/P90 of units, revenue and profit (both in cents) per week at a price; profit sorted (a loss flips it). */
function expectation(price: number, cost: number, units: { lower: number; value: number; upper: number }, perWeek: number) {
  const weekly = [units.lower, units.value, units.upper].map((u) => Math.max(0, u) * perWeek);
  return {
    units: weekly.map((u) => round(u, 2)),
    revenue: weekly.map((u) => toCents(price * u)),
    profit: weekly.map((u) => toCents((price - cost) * u)).sort((a, b) => a - b),
  };
}

/** The settings as the optimiser used them, for the run's snapshot. */
function snapshotOf(settings: PricingSettings, limitedProducts: number): Record<string, unknown> {
  const { objective, maxChangePct, competitorRule, competitorPct, priceEnding, minMarginPct, secondApprovalPct, version } = settings;
  return { objective, maxChangePct, competitorRule, competitorPct, priceEnding, minMarginPct, secondApprovalPct, settingsVersion: version, limitedProducts, unitsPer: "week" };
}

export async function publishPriceRecommendations(db: Db, artifactDir: string, version: ModelVersion, createdBy: number | null): Promise<PublishedPrices> {
  const started = performance.now();
  if (version.task !== "pricing") throw new Error(`Model version ${version.id} is a ${version.task} model, not a pricing model.`);
  const actor = await actorOf(db, createdBy);
  const settings = await getPricingSettings(db);
  const limits = new Map((await db.select().from(productPriceLimits).all()).map((l) => [l.productId, l]));
  const idOf = new Map((await db.select({ id: products.id, sku: products.sku }).from(products).all()).map((p) => [p.sku, p.id]));
  const active = (await loadPricingProductStates(db)).filter((s) => idOf.has(s.productId));
  const priced = active.filter((s) => Number.isFinite(s.cost) && s.currentPrice > 0);
  if (priced.length === 0) throw new Error("No active product has both a price and a cost: there is nothing to recommend a price for.");

  const model = await pricingTask.load(artifactDir);
  try {
    const perWeek = periodsPerWeek(model.spec.granularity);
    const elasticities = new Map(priceElasticities(model).map((e) => [e.productId, e]));
    const results = recommendPrices(
      model,
      priced.map((s) => ({
        productId: s.productId,
        currentPrice: s.currentPrice,
        cost: s.cost,
        competitorPrices: s.competitorPrices,
        guardrails: toGuardrails(settings, limits.get(idOf.get(s.productId)!)),
        objective: settings.objective,
      })),
    );
    const recommended: { state: (typeof priced)[number]; rec: PriceRecommendation }[] = [];
    const skipped: { sku: string; field: string; reason: string }[] = [];
    results.forEach((r, i) => {
      const state = priced[i]!;
      if (r.recommendation) recommended.push({ state, rec: r.recommendation });
      else skipped.push({ sku: state.productId, field: r.error!.field, reason: r.error!.message });
    });
    // The curves to draw, with the current price last in each request (its expectation).
    const grids = recommended.map(({ state, rec }) => curvePrices(state.currentPrice, [state.currentPrice, rec.price, rec.unconstrainedPrice]));
    const curves = demandCurves(
      model,
      recommended.map(({ state }, i) => ({ productId: state.productId, conditions: { competitors: state.competitorPrices, referencePrice: state.currentPrice }, prices: [...grids[i]!, state.currentPrice] })),
    );

    const now = new Date();
    const rows = recommended.map(({ state, rec }, i): Omit<typeof priceRecommendations.$inferInsert, "runId"> => {
      const grid = grids[i]!;
      const curve = curves[i]!;
      const n = grid.length;
      const weekly = (values: number[]) => values.slice(0, n).map((u) => round(Math.max(0, u) * perWeek, 4));
      const drawn: DemandGrid = { price: grid, units: weekly(curve.units), lower: weekly(curve.lower), upper: weekly(curve.upper) };
      const atCurrent = { lower: curve.lower[n]!, value: curve.units[n]!, upper: curve.upper[n]! };
      const e = elasticities.get(state.productId);
      return {
        productId: idOf.get(state.productId)!,
        currentPriceCents: toCents(state.currentPrice),
        recommendedPriceCents: toCents(rec.price),
        unconstrainedPriceCents: toCents(rec.unconstrainedPrice),
        costCents: toCents(state.cost),
        elasticity: e?.elasticity ?? null,
        elasticityLower: e?.lower ?? null,
        elasticityUpper: e?.upper ?? null,
        expected: { current: expectation(state.currentPrice, state.cost, atCurrent, perWeek), recommended: expectation(rec.price, state.cost, rec.expectedUnits, perWeek) },
        confidence: e ? confidenceOf(rec.expectedUnits) : "low",
        ...storedGuardrails(rec),
        competitorPrices: state.competitorPrices,
        curve: drawn,
        status: "pending",
        version: 1,
        updatedAt: now,
      };
    });

    const runId = await db.transaction(async (tx) => {
      const run = (await tx
        .insert(priceRuns)
        .values({ modelVersionId: version.id, settings: snapshotOf(settings, limits.size), createdBy, createdAt: now })
        .returning({ id: priceRuns.id })
        .get())!;
      for (const chunk of insertChunks(rows.map((r) => ({ ...r, runId: run.id })), 100)) await tx.insert(priceRecommendations).values(chunk).run();
      await audit(tx, {
        actor,
        action: "pricing.published",
        entityType: "price_run",
        entityId: run.id,
        after: {
          modelVersionId: version.id,
          modelVersion: version.version,
          settingsVersion: settings.version,
          objective: settings.objective,
          products: rows.length,
          boundByGuardrail: rows.filter((r) => r.boundBy !== null && r.boundBy !== CONFLICT).length,
          guardrailConflicts: rows.filter((r) => r.boundBy === CONFLICT).length,
          skipped: skipped.length,
          // The first few refusals, so the log says why without growing with the catalogue.
          skippedProducts: skipped.slice(0, 20),
          withoutCost: active.length - priced.length,
          unseenByModel: recommended.filter(({ state }) => !elasticities.has(state.productId)).length,
        },
      });
      return run.id;
    });
    return { runId, products: rows.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    pricingTask.dispose(model);
  }
}

