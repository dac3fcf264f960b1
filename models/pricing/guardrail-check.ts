import { allowedPrices, average, describeAllowed, dollars, endingWords, GUARDRAIL_ORDER, hasEnding, OptimizerInputError, pctText, validCompetitors, type GuardrailInput, type GuardrailName } from "./guardrails";

/**
 * The check of any price (a merchandiser's, or the optimiser's own) against the guardrails: the same allowed prices
 * as the optimiser (allowedPrices), so a price passes exactly when the optimiser could have recommended it.
 */

export type GuardrailViolation = {
  guardrail: GuardrailName;
  /** What the price breaks, in one sentence. */
  breach: string;
  /** The breach and the allowed prices (describeAllowed): every message quotes the same range. */
  message: string;
};

function breachOf(guardrail: GuardrailName, price: number, input: GuardrailInput): string {
  const g = input.guardrails;
  const current = input.currentPrice;
  const competitors = validCompetitors(input.competitorPrices);
  switch (guardrail) {
    case "maxChange": {
      const change = ((price - current) / current) * 100;
      return `A ${Math.abs(change).toFixed(1)} % ${change > 0 ? "rise" : "cut"} from ${dollars(current)} is more than the ${pctText(g.maxChangePct!)} % allowed in one step.`;
    }
    case "competitor": {
      if (g.competitor!.kind === "maxAboveCheapest") {
        const cheapest = Math.min(...competitors);
        return `${dollars(price)} is ${(((price - cheapest) / cheapest) * 100).toFixed(1)} % above the cheapest competitor (${dollars(cheapest)}), more than the ${pctText(g.competitor!.pct)} % allowed.`;
      }
      const mean = average(competitors);
      const gap = ((price - mean) / mean) * 100;
      return `${dollars(price)} is ${Math.abs(gap).toFixed(1)} % ${gap > 0 ? "above" : "below"} the competitors' average (${dollars(mean)}), more than the ${pctText(g.competitor!.tolerancePct)} % allowed.`;
    }
    case "floorCeiling":
      return g.floor != null && price < g.floor ? `${dollars(price)} is below the floor of ${dollars(g.floor)} set for this product.` : `${dollars(price)} is above the ceiling of ${dollars(g.ceiling!)} set for this product.`;
    case "priceEnding":
      return `${dollars(price)} does not end in ${endingWords(g.priceEnding ?? "any")} as the guardrails ask.`;
    case "marginFloor": {
      const cost = input.cost!;
      return `Margin ${(((price - cost) / price) * 100).toFixed(1)} % is below the ${pctText(g.minMarginPct!)} % floor (cost ${dollars(cost)}).`;
    }
  }
}

/** Which guardrails a price breaks, in GUARDRAIL_ORDER; empty exactly when the price is among the allowed prices. */
export function guardrailViolations(price: number, input: GuardrailInput): GuardrailViolation[] {
  if (!(price > 0) || !Number.isFinite(price)) throw new OptimizerInputError("price", `price must be above 0, got ${price}`);
  const allowed = allowedPrices(input);
  const cents = Math.round(price * 100);
  const broken: GuardrailName[] = allowed.bounds.filter((b) => cents < b.loCents || (b.hiCents !== null && cents > b.hiCents)).map((b) => b.guardrail);
  if (!hasEnding(cents, allowed.ending)) broken.push("priceEnding");
  const range = describeAllowed(allowed);
  return broken
    .sort((a, b) => GUARDRAIL_ORDER.indexOf(a) - GUARDRAIL_ORDER.indexOf(b))
    .map((guardrail) => {
      const breach = breachOf(guardrail, price, input);
      return { guardrail, breach, message: `${breach} ${range}` };
    });
}
