"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { PlacementCode, PlacementRule, SaveDraftAction } from "@/lib/recommendations/types";

/** The draft as the page read it: every save sends the whole scenario with the revision it started from. */
export type EditableDraft = { placement: PlacementCode; modelVersionId: number | null; rules: PlacementRule[]; n: number; revision: number };
export type SaveFailure = { code: string; error: string };

type T = ReturnType<typeof useTranslations<"recommendations.saveErrors">>;

/** zod's field paths in words: "rules.2.factor" becomes "Rule 3 (factor)", so a refusal names the rule. */
function failureText(t: T, result: { error: string; fieldErrors?: Record<string, string[]> }): string {
  const fields = Object.entries(result.fieldErrors ?? {});
  if (fields.length === 0) return result.error;
  return fields
    .map(([path, list]) => {
      const messages = list.join(" ");
      const rule = /^rules\.(\d+)(?:\.(\w+))?/.exec(path);
      if (rule) return rule[2] ? t("ruleField", { number: Number(rule[1]) + 1, field: rule[2], messages }) : t("rule", { number: Number(rule[1]) + 1, messages });
      return path === "n" ? t("n", { messages }) : path === "modelVersionId" ? t("model", { messages }) : messages;
    })
    .join(" ");
}

/**
 * Saves a change to the draft (rules, model version or N) through `saveDraft` (the page's server action) at the page's revision, then
 * refreshes the page (the effects below are computed again). A stale page is refused as a conflict.
 */
export function useDraftSave(draft: EditableDraft, saveDraft: SaveDraftAction) {
  const t = useTranslations("recommendations.saveErrors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const save = (change: Partial<Pick<EditableDraft, "modelVersionId" | "rules" | "n">>, onSaved?: () => void) => {
    setFailure(null);
    start(async () => {
      const result = await saveDraft({
        placement: draft.placement,
        modelVersionId: draft.modelVersionId,
        rules: draft.rules,
        n: draft.n,
        ...change,
        expectedRevision: draft.revision,
      });
      if (result.ok) {
        onSaved?.();
        router.refresh();
      } else setFailure({ code: result.code, error: failureText(t, result) });
    });
  };
  return { save, pending, failure };
}
