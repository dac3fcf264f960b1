"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { approveInput, approveScenario, rollbackInput, rollbackScenario, saveDraft, saveDraftInput } from "@/lib/recommendations/placements";

// defineAction authorizes every action on the server: a session, then content.approve (merchandisers only: they decide
// what the storefront shows; everyone else may preview). The audit entries are written inside lib/recommendations.

const revalidate = () => revalidatePath("/recommendations", "layout");

/** Saves a placement's draft scenario (model version, rules, N); refused when someone saved it since the page was opened. */
export const saveRulesAction = defineAction({ name: "recommendationsSaveRules", capability: "content.approve", input: saveDraftInput }, (input, { user, db }) => {
  const draft = saveDraft(db, user, input);
  revalidate();
  return { revision: draft.revision };
});

/** Approves the placement's draft for the storefront as its next version. */
export const approvePlacementAction = defineAction({ name: "recommendationsApprove", capability: "content.approve", input: approveInput }, (input, { user, db }) => {
  const approved = approveScenario(db, user, input);
  revalidate();
  return { version: approved.version };
});

/** Serves an earlier approved version again (as a new version). */
export const rollbackPlacementAction = defineAction({ name: "recommendationsRollback", capability: "content.approve", input: rollbackInput }, (input, { user, db }) => {
  const restored = rollbackScenario(db, user, input);
  revalidate();
  return { version: restored.version };
});
