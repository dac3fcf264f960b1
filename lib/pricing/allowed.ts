import type { Db } from "@/db/client";
import type { PriceRecommendationRow } from "@/db/schema";
import { allowedPrices, describeAllowed, type AllowedPrices, type GuardrailInput } from "@/models/pricing/optimizer";
import { getPricingSettings, productLimits, toGuardrails } from "./settings";

/**
 * The prices a merchandiser may choose for a recommendation today: today's guardrail settings and the product's
 * limits, around the recommendation's current price, cost and competitor prices. The adjust check and the product
 * page's decision panel both read it, so the range on screen is the one the server enforces.
 */

type Source = Pick<PriceRecommendationRow, "productId" | "currentPriceCents" | "costCents" | "competitorPrices">;

export function guardrailInputFor(db: Db, rec: Source, productCostCents: number | null): GuardrailInput {
  const cost = rec.costCents ?? productCostCents;
  return {
    currentPrice: rec.currentPriceCents / 100,
    cost: cost === null ? undefined : cost / 100,
    competitorPrices: Object.values(rec.competitorPrices),
    guardrails: toGuardrails(getPricingSettings(db), productLimits(db, rec.productId)),
  };
}

export function todaysAllowedPrices(db: Db, rec: Source, productCostCents: number | null): { allowed: AllowedPrices; text: string } {
  const allowed = allowedPrices(guardrailInputFor(db, rec, productCostCents));
  return { allowed, text: describeAllowed(allowed) };
}
