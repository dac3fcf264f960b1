import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import type { adjustInput, approveInput, DecisionOutcome, rejectInput } from "./decisions";
import type { ProductLimits, productLimitsInput, settingsInput } from "./settings";

/**
 * What components/pricing needs from the layers below, without reaching into them: the pricing rows and constants
 * of db/schema, and the types of the server actions the pages pass down as props. No "server-only" and no query:
 * the browser's components may import it (the constants are plain arrays).
 */

export { competitorRules, priceEndings, pricingObjectives, recommendationStatuses } from "@/db/schema/pricing";
export type { DemandGrid, PriceRecommendationRow, PriceRun, PricingSettings } from "@/db/schema/pricing";
export type { DecisionOutcome } from "./decisions";
export type { ProductLimits } from "./settings";

type Action<Input, Result> = (input: Input) => Promise<ActionResult<Result>>;

/** approveAction (app/(dashboard)/pricing/actions.ts): one or many recommendations at their recommended price. */
export type ApprovePricingAction = Action<z.input<typeof approveInput>, { approved: number; awaitingSecond: number; items: DecisionOutcome[] }>;
export type AdjustPricingAction = Action<z.input<typeof adjustInput>, DecisionOutcome>;
export type RejectPricingAction = Action<z.input<typeof rejectInput>, DecisionOutcome>;
export type UpdatePricingSettingsAction = Action<z.input<typeof settingsInput>, { version: number }>;
export type SetProductLimitsAction = Action<z.input<typeof productLimitsInput>, ProductLimits | null>;
