"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveRulesAction } from "@/app/(dashboard)/recommendations/actions";
import type { PlacementCode, PlacementRule } from "@/db/schema";

/** The draft as the page read it: every save sends the whole scenario with the revision it started from. */
export type EditableDraft = { placement: PlacementCode; modelVersionId: number | null; rules: PlacementRule[]; n: number; revision: number };
export type SaveFailure = { code: string; error: string };

/** zod's field paths in words: "rules.2.factor" becomes "Rule 3 (factor)", so a refusal names the rule. */
function failureText(result: { error: string; fieldErrors?: Record<string, string[]> }): string {
  const fields = Object.entries(result.fieldErrors ?? {});
  if (fields.length === 0) return result.error;
  return fields
    .map(([path, messages]) => {
      const rule = /^rules\.(\d+)(?:\.(\w+))?/.exec(path);
      const where = rule ? `Rule ${Number(rule[1]) + 1}${rule[2] ? ` (${rule[2]})` : ""}: ` : path === "n" ? "N: " : path === "modelVersionId" ? "Model: " : "";
      return `${where}${messages.join(" ")}`;
    })
    .join(" ");
}

/**
 * Saves a change to the draft (rules, model version or N) through saveRulesAction at the page's revision, then
 * refreshes the page (the effects below are computed again). A stale page is refused as a conflict.
 */
export function useDraftSave(draft: EditableDraft) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const save = (change: Partial<Pick<EditableDraft, "modelVersionId" | "rules" | "n">>, onSaved?: () => void) => {
    setFailure(null);
    start(async () => {
      const result = await saveRulesAction({
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
      } else setFailure({ code: result.code, error: failureText(result) });
    });
  };
  return { save, pending, failure };
}
