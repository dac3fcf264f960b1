import type { PriceRecommendationRow, PricingSettings } from "@/db/schema";
import { allowedPrices, describeAllowed, type AllowedPrices, type GuardrailInput } from "@/models/pricing/guardrails";
import { toGuardrails, type ProductLimits } from "./settings";

/**
 * The prices a merchandiser may choose for a recommendation today: today's guardrail settings and the product's
 * limits, around the recommendation's current price, cost and competitor prices. The adjust check and the product
 * page's decision panel both read it, so the range on screen is the one the server enforces. Both callers have read
 * the settings and limits already, so they pass them in.
 */

type Source = Pick<PriceRecommendationRow, "currentPriceCents" | "costCents" | "competitorPrices">;

export function guardrailInputFor(rec: Source, productCostCents: number | null, settings: PricingSettings, limits: ProductLimits | null): GuardrailInput {
  const cost = rec.costCents ?? productCostCents;
  return {
    currentPrice: rec.currentPriceCents / 100,
    cost: cost === null ? undefined : cost / 100,
    competitorPrices: Object.values(rec.competitorPrices),
    guardrails: toGuardrails(settings, limits),
  };
}

export function todaysAllowedPrices(rec: Source, productCostCents: number | null, settings: PricingSettings, limits: ProductLimits | null): { allowed: AllowedPrices; text: string } {
  const allowed = allowedPrices(guardrailInputFor(rec, productCostCents, settings, limits));
  return { allowed, text: describeAllowed(allowed) };
}
