"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { approveInput, approvePlans, markReviewed, overrideIssuesNow, reopenInput, reopenPlan, reviewInput, saveOverrides, saveOverridesInput } from "@/lib/forecasts/plans";
import { startJob } from "@/lib/models/start-job";

// defineAction authorizes every action below on the server: a session, then forecast.decide (planners).

/**
 * The checks that need the forecast (week in it, units under the limit) run in the input schema too, after the role
 * check, so their messages come back per week like the field checks; saveOverrides repeats them inside its transaction.
 */
const saveOverridesRequest = saveOverridesInput.superRefine(async (input, ctx) => {
  // The message is a catalogue key; its values ride on the issue, where lib/i18n/zod.ts reads them to put it into words.
  for (const issue of await overrideIssuesNow(input)) ctx.addIssue({ ...issue.message.values, code: "custom", path: issue.path, message: issue.message.key });
});

export const saveOverridesAction = defineAction({ name: "forecastSaveOverrides", capability: "forecast.decide", input: saveOverridesRequest }, async (input, { user, db }) => {
  const { plan, overrideIds } = await saveOverrides(db, user, input);
  revalidatePath("/forecasts", "layout");
  return { version: plan.version, status: plan.status, saved: overrideIds.length };
});

export const reopenPlanAction = defineAction({ name: "forecastReopen", capability: "forecast.decide", input: reopenInput }, async (input, { user, db }) => {
  const plan = await reopenPlan(db, user, input);
  revalidatePath("/forecasts", "layout");
  revalidatePath("/");
  return { version: plan.version, status: plan.status };
});

export const markReviewedAction = defineAction({ name: "forecastReview", capability: "forecast.decide", input: reviewInput }, async (input, { user, db }) => {
  const plan = await markReviewed(db, user, input);
  revalidatePath("/forecasts", "layout");
  return { version: plan.version };
});

export const approvePlansAction = defineAction({ name: "forecastApprove", capability: "forecast.decide", input: approveInput }, async (input, { user, db }) => {
  const plans = await approvePlans(db, user, input);
  revalidatePath("/forecasts", "layout");
  revalidatePath("/");
  return { approved: plans.length, orderQuantity: plans.reduce((s, p) => s + (p.orderQuantity ?? 0), 0) };
});

/** Re-forecasts every product from the current champion and today's data (a worker job; the page shows its progress). */
export const refreshForecastsAction = defineAction({ name: "forecastRefresh", capability: "forecast.decide", input: z.object({}) }, async (_input, { user, db }) => {
  const job = await startJob(db, user, { task: "forecast", kind: "score" });
  revalidatePath("/forecasts");
  return { jobId: job.id };
});
