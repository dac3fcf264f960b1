import { OptimizerInputError, type Guardrails } from "./guardrails";
import { optimizePrice, type DemandCurve, type Objective, type OptimizeInput, type PriceRecommendation } from "./optimizer";
import { demandCurve, demandCurves, type DemandConditions } from "./predict";
import type { PricingModel } from "./train";

export type RecommendInput = {
  currentPrice: number;
  cost?: number;
  competitorPrices?: Record<string, number>;
  guardrails?: Guardrails;
  objective?: Objective;
};

function optimizerInput(model: PricingModel, productId: string, input: RecommendInput): { input: Omit<OptimizeInput, "demand">; conditions: DemandConditions } {
  const last = model.spec.lastState[productId];
  const competitors = input.competitorPrices ?? last?.competitors ?? {};
  return {
    input: {
      currentPrice: input.currentPrice,
      cost: input.cost ?? last?.cost,
      competitorPrices: Object.values(competitors),
      guardrails: input.guardrails,
      objective: input.objective,
    },
    conditions: { competitors, referencePrice: input.currentPrice },
  };
}

/**
 * One product's recommendation from a fitted model: its demand curve under today's competitor prices, handed to
 * the optimiser with the cost, current price and guardrails. Cost defaults to the product's last training cost.
 */
export function recommendPrice(model: PricingModel, productId: string, input: RecommendInput): PriceRecommendation {
  const { input: optimize, conditions } = optimizerInput(model, productId, input);
  return optimizePrice({ ...optimize, demand: demandCurve(model, productId, conditions) });
}

export type BatchRecommendation = {
  productId: string;
  /** Null when the optimiser refused the input (error says why). */
  recommendation: PriceRecommendation | null;
  error: OptimizerInputError | null;
};

/**
 * recommendPrice for many products, with the model evaluated in a few large batches: the same recommendations.
 * The prices the optimiser asks about depend only on the current price and the guardrails, never on the demand it
 * is told, so a first pass with a stand-in demand collects them; one batch of predictions answers them all; the
 * second pass optimises against those answers (a price missed, were the optimiser to change, is predicted on its own).
 */
export function recommendPrices(
  model: PricingModel,
  items: readonly (RecommendInput & { productId: string })[],
): BatchRecommendation[] {
  const prepared = items.map((item) => {
    const { input, conditions } = optimizerInput(model, item.productId, item);
    const asked = new Set<number>();
    let error: OptimizerInputError | null = null;
    try {
      optimizePrice({
        ...input,
        demand: (prices) => {
          for (const p of prices) asked.add(p);
          const ones = prices.map(() => 1);
          return { units: ones, lower: ones, upper: ones };
        },
      });
    } catch (e) {
      if (!(e instanceof OptimizerInputError)) throw e;
      error = e;
    }
    return { item, input, conditions, asked: [...asked], error };
  });
  const curves = demandCurves(
    model,
    prepared.map((p) => ({ productId: p.item.productId, conditions: p.conditions, prices: p.asked })),
  );
  return prepared.map((p, i) => {
    const curve = curves[i]!;
    if (p.error) return { productId: p.item.productId, recommendation: null, error: p.error };
    const known = new Map(p.asked.map((price, k) => [price, k]));
    const fallback = demandCurve(model, p.item.productId, p.conditions);
    const demand: DemandCurve = (prices) => {
      if (prices.some((price) => !known.has(price))) return fallback(prices);
      const at = prices.map((price) => known.get(price)!);
      return { units: at.map((k) => curve.units[k]!), lower: at.map((k) => curve.lower[k]!), upper: at.map((k) => curve.upper[k]!) };
    };
    return { productId: p.item.productId, recommendation: optimizePrice({ ...p.input, demand }), error: null };
  });
}
