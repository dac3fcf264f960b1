"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { requestPreferences } from "@/lib/i18n/preferences";
import { approveInput, approveScenario, rollbackInput, rollbackScenario, saveDraft, saveDraftInput } from "@/lib/recommendations/placements";
import { ScenarioError } from "@/lib/recommendations/words";

// defineAction authorizes every action on the server: a session, then content.approve (merchandisers only: they decide
// what the storefront shows; everyone else may preview). The audit entries are written inside lib/recommendations.

const revalidate = () => revalidatePath("/recommendations", "layout");

/**
 * Runs a change and puts a refusal that names rules, prices or times (ScenarioError) into the reader's language and
 * time zone; defineAction tells any other error as usual.
 */
async function inReaderWords<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const { locale, timeZone } = await requestPreferences();
    throw new AppError(error.code, error.textIn(locale, timeZone), error.details);
  }
}

/** Saves a placement's draft scenario (model version, rules, N); refused when someone saved it since the page was opened. */
export const saveRulesAction = defineAction({ name: "recommendationsSaveRules", capability: "content.approve", input: saveDraftInput }, async (input, { user, db }) => {
  const draft = await inReaderWords(() => saveDraft(db, user, input));
  revalidate();
  return { revision: draft.revision };
});

/** Approves the placement's draft for the storefront as its next version. */
export const approvePlacementAction = defineAction({ name: "recommendationsApprove", capability: "content.approve", input: approveInput }, async (input, { user, db }) => {
  const approved = await inReaderWords(() => approveScenario(db, user, input));
  revalidate();
  return { version: approved.version };
});

/** Serves an earlier approved version again (as a new version). */
export const rollbackPlacementAction = defineAction({ name: "recommendationsRollback", capability: "content.approve", input: rollbackInput }, async (input, { user, db }) => {
  const restored = await inReaderWords(() => rollbackScenario(db, user, input));
  revalidate();
  return { version: restored.version };
});
