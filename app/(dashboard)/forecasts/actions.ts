"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { audit } from "@/lib/audit";
import { approveInput, approvePlans, markReviewed, overrideInput, overrideWeek, reviewInput } from "@/lib/forecasts/plans";
import { enqueueJob } from "@/models/jobs/queue";

// defineAction authorizes every action below on the server: a session, then forecast.decide (planners).

export const overrideWeekAction = defineAction({ name: "forecastOverride", capability: "forecast.decide", input: overrideInput }, (input, { user, db }) => {
  const { plan } = overrideWeek(db, user, input);
  revalidatePath("/forecasts", "layout");
  return { version: plan.version, status: plan.status };
});

export const markReviewedAction = defineAction({ name: "forecastReview", capability: "forecast.decide", input: reviewInput }, (input, { user, db }) => {
  const plan = markReviewed(db, user, input);
  revalidatePath("/forecasts", "layout");
  return { version: plan.version };
});

export const approvePlansAction = defineAction({ name: "forecastApprove", capability: "forecast.decide", input: approveInput }, (input, { user, db }) => {
  const plans = approvePlans(db, user, input);
  revalidatePath("/forecasts", "layout");
  revalidatePath("/");
  return { approved: plans.length, orderQuantity: plans.reduce((s, p) => s + (p.orderQuantity ?? 0), 0) };
});

/** Re-forecasts every product from the current champion and today's data (a worker job; the page shows its progress). */
export const refreshForecastsAction = defineAction({ name: "forecastRefresh", capability: "forecast.decide", input: z.object({}) }, (_input, { user, db }) => {
  const job = enqueueJob(db, { kind: "score", task: "forecast", createdBy: user.id, params: {} });
  audit(db, { actor: user, action: "job.score.enqueue", entityType: "job", entityId: job.id, after: { task: "forecast", kind: "score" } });
  revalidatePath("/forecasts");
  return { jobId: job.id };
});
