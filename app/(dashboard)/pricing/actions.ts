"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { requestPreferences } from "@/lib/i18n/preferences";
import { adjust, adjustInput, approve, approveInput, reject, rejectInput } from "@/lib/pricing/decisions";
import { productLimitsInput, setProductLimits, settingsInput, updateSettings } from "@/lib/pricing/settings";
import { startJob } from "@/lib/models/start-job";

// defineAction authorizes every action below on the server: a session, then pricing.decide (merchandisers).
// The what-if has no action: it is pure (lib/pricing/what-if.ts) and runs in the browser on the curve the page has.

const revalidate = () => revalidatePath("/pricing", "layout");

export const approveAction = defineAction({ name: "pricingApprove", capability: "pricing.decide", input: approveInput }, async (input, { user, db }) => {
  // Refusals that quote guardrails and prices are put into words here, in the reader's language.
  const decided = await approve(db, user, input, (await requestPreferences()).locale);
  revalidate();
  return { approved: decided.filter((d) => d.status === "approved").length, awaitingSecond: decided.filter((d) => d.status === "awaiting_second").length, items: decided };
});

export const adjustAction = defineAction({ name: "pricingAdjust", capability: "pricing.decide", input: adjustInput }, async (input, { user, db }) => {
  const decided = await adjust(db, user, input, (await requestPreferences()).locale);
  revalidate();
  return decided;
});

export const rejectAction = defineAction({ name: "pricingReject", capability: "pricing.decide", input: rejectInput }, async (input, { user, db }) => {
  const decided = await reject(db, user, input);
  revalidate();
  return decided;
});

export const updateSettingsAction = defineAction({ name: "pricingSettings", capability: "pricing.decide", input: settingsInput }, async (input, { user, db }) => {
  const settings = await updateSettings(db, user, input);
  revalidate();
  return { version: settings.version };
});

export const setProductLimitsAction = defineAction({ name: "pricingLimits", capability: "pricing.decide", input: productLimitsInput }, async (input, { user, db }) => {
  const limits = await setProductLimits(db, user, input);
  revalidate();
  return limits;
});

/** Re-scores every product with the pricing champion under today's guardrails (a worker job; the page shows its progress). */
export const refreshRecommendationsAction = defineAction({ name: "pricingRefresh", capability: "pricing.decide", input: z.object({}) }, async (_input, { user, db }) => {
  const job = await startJob(db, user, { task: "pricing", kind: "score" });
  revalidate();
  return { jobId: job.id };
});
