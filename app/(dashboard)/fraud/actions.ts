"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { bulkDecide, bulkDecideInput, claimCase, claimInput, decideCase, decideInput, releaseCase, releaseInput } from "@/lib/fraud/cases";
import { deleteRule, deleteRuleInput, previewRule, previewRuleInput, ruleInput, saveRule, toggleRule, toggleRuleInput, updateRule, updateRuleInput } from "@/lib/fraud/rules";
import { thresholdsInput, updateThresholds } from "@/lib/fraud/threshold";

// defineAction authorizes every action below on the server: a session, then fraud.decide (risk analysts only;
// admins see the fraud area read-only, since these decisions become training labels).

const capability = "fraud.decide" as const;
const revalidate = () => revalidatePath("/fraud", "layout");

/** The analyst's first action on a case ("Take case", starting a note) claims it; a live claim by someone else comes back as `heldBy` rather than an error. */
export const claimCaseAction = defineAction({ name: "fraudClaim", capability, input: claimInput }, async (input, { user, db }) => {
  const result = await claimCase(db, user, input);
  if (result.claimed && !result.refreshed) revalidate();
  return result.claimed
    ? { claimed: true as const, version: result.case.version }
    : { claimed: false as const, version: result.case.version, heldBy: result.heldBy && { email: result.heldBy.email, claimedAt: result.heldBy.claimedAt.toISOString() } };
});

export const releaseCaseAction = defineAction({ name: "fraudRelease", capability, input: releaseInput }, async (input, { user, db }) => {
  const result = await releaseCase(db, user, input);
  revalidate();
  return result;
});

export const decideCaseAction = defineAction({ name: "fraudDecide", capability, input: decideInput }, async (input, { user, db }) => {
  const outcome = await decideCase(db, user, input);
  revalidate();
  return outcome;
});

export const bulkDecideAction = defineAction({ name: "fraudBulkDecide", capability, input: bulkDecideInput }, async (input, { user, db }) => {
  const outcomes = await bulkDecide(db, user, input);
  revalidate();
  return { decided: outcomes.length, outcomes };
});

/** What a rule would have caught, shown in the form before saving; writes nothing. */
export const previewRuleAction = defineAction({ name: "fraudPreviewRule", capability, input: previewRuleInput }, (input, { db }) => previewRule(db, input));

export const saveRuleAction = defineAction({ name: "fraudSaveRule", capability, input: ruleInput }, async (input, { user, db }) => {
  const rule = await saveRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, backtest: rule.backtest };
});

export const updateRuleAction = defineAction({ name: "fraudUpdateRule", capability, input: updateRuleInput }, async (input, { user, db }) => {
  const rule = await updateRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, backtest: rule.backtest };
});

export const toggleRuleAction = defineAction({ name: "fraudToggleRule", capability, input: toggleRuleInput }, async (input, { user, db }) => {
  const rule = await toggleRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, active: rule.active };
});

export const deleteRuleAction = defineAction({ name: "fraudDeleteRule", capability, input: deleteRuleInput }, async (input, { user, db }) => {
  const rule = await deleteRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, active: rule.active };
});

export const updateThresholdsAction = defineAction({ name: "fraudUpdateThresholds", capability, input: thresholdsInput }, async (input, { user, db }) => {
  const settings = await updateThresholds(db, user, input);
  revalidate();
  return { version: settings.version };
});
