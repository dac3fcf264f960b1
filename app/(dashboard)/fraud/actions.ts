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
export const claimCaseAction = defineAction({ name: "fraudClaim", capability, input: claimInput }, (input, { user, db }) => {
  const result = claimCase(db, user, input);
  if (result.claimed && !result.refreshed) revalidate();
  return result.claimed
    ? { claimed: true as const, version: result.case.version }
    : { claimed: false as const, version: result.case.version, heldBy: result.heldBy && { email: result.heldBy.email, claimedAt: result.heldBy.claimedAt.toISOString() } };
});

export const releaseCaseAction = defineAction({ name: "fraudRelease", capability, input: releaseInput }, (input, { user, db }) => {
  const result = releaseCase(db, user, input);
  revalidate();
  return result;
});

export const decideCaseAction = defineAction({ name: "fraudDecide", capability, input: decideInput }, (input, { user, db }) => {
  const outcome = decideCase(db, user, input);
  revalidate();
  return outcome;
});

export const bulkDecideAction = defineAction({ name: "fraudBulkDecide", capability, input: bulkDecideInput }, (input, { user, db }) => {
  const outcomes = bulkDecide(db, user, input);
  revalidate();
  return { decided: outcomes.length, outcomes };
});

/** What a rule would have caught, shown in the form before saving; writes nothing. */
export const previewRuleAction = defineAction({ name: "fraudPreviewRule", capability, input: previewRuleInput }, (input, { db }) => previewRule(db, input));

export const saveRuleAction = defineAction({ name: "fraudSaveRule", capability, input: ruleInput }, (input, { user, db }) => {
  const rule = saveRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, backtest: rule.backtest };
});

export const updateRuleAction = defineAction({ name: "fraudUpdateRule", capability, input: updateRuleInput }, (input, { user, db }) => {
  const rule = updateRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, backtest: rule.backtest };
});

export const toggleRuleAction = defineAction({ name: "fraudToggleRule", capability, input: toggleRuleInput }, (input, { user, db }) => {
  const rule = toggleRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, active: rule.active };
});

export const deleteRuleAction = defineAction({ name: "fraudDeleteRule", capability, input: deleteRuleInput }, (input, { user, db }) => {
  const rule = deleteRule(db, user, input);
  revalidate();
  return { id: rule.id, version: rule.version, active: rule.active };
});

export const updateThresholdsAction = defineAction({ name: "fraudUpdateThresholds", capability, input: thresholdsInput }, (input, { user, db }) => {
  const settings = updateThresholds(db, user, input);
  revalidate();
  return { version: settings.version };
});
