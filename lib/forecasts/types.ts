import type { ForecastPlan } from "@/lib/schema";
import type { ActionResult } from "@/lib/action";
import type { approveInput, reopenInput, reviewInput, saveOverridesInput } from "./plans";
import type { z } from "zod";

/** The schema's constants and row types the forecasts screens need, so app/ and components/ read them from here. */
export { overrideReasons, planStatuses } from "@/lib/schema";
export type { ForecastPlan, ForecastRun, RecentBacktest } from "@/lib/schema";
export type PlanStatus = ForecastPlan["status"];

/**
 * The server actions of the forecasts screens, as the client components that call them receive them (props passed
 * by the page): app/(dashboard)/forecasts/actions.ts defines them with these inputs and results.
 */
export type SaveOverridesAction = (input: z.input<typeof saveOverridesInput>) => Promise<ActionResult<{ version: number; status: PlanStatus; saved: number }>>;
export type ReopenPlanAction = (input: z.input<typeof reopenInput>) => Promise<ActionResult<{ version: number; status: PlanStatus }>>;
export type MarkReviewedAction = (input: z.input<typeof reviewInput>) => Promise<ActionResult<{ version: number }>>;
export type ApprovePlansAction = (input: z.input<typeof approveInput>) => Promise<ActionResult<{ approved: number; orderQuantity: number }>>;
