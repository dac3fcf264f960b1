import { optimizePrice, type Guardrails, type Objective, type PriceRecommendation } from "./optimizer";
import { demandCurve } from "./predict";
import type { PricingModel } from "./train";

/**
 * One product's recommendation from a fitted model: its demand curve under today's competitor prices, handed to
 * the optimiser with the cost, current price and guardrails. Cost defaults to the product's last training cost.
 */
export function recommendPrice(
  model: PricingModel,
  productId: string,
  input: { currentPrice: number; cost?: number; competitorPrices?: Record<string, number>; guardrails?: Guardrails; objective?: Objective },
): PriceRecommendation {
  const last = model.spec.lastState[productId];
  const competitors = input.competitorPrices ?? last?.competitors ?? {};
  return optimizePrice({
    currentPrice: input.currentPrice,
    cost: input.cost ?? last?.cost,
    competitorPrices: Object.values(competitors),
    demand: demandCurve(model, productId, { competitors, referencePrice: input.currentPrice }),
    guardrails: input.guardrails,
    objective: input.objective,
  });
}
