"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { RuleList } from "./rule-list";
import type { SaveDraftAction } from "@/lib/recommendations/types";
import { useDraftSave, type EditableDraft } from "./use-draft-save";

/**
 * A merchandiser's draft: which model version it uses (the champion, whichever it is at serving time, or a pinned
 * version), how many items it shows, and its rules (each removable). Every change is saved at once, at the
 * revision the page read; the page remounts this on the next revision (keyed by it), so the fields start fresh.
 */
export function DraftEditor({
  draft,
  ruleLabels,
  versions,
  maxN,
  reloadHref,
  saveDraft,
}: {
  draft: EditableDraft;
  ruleLabels: string[];
  versions: { id: number; label: string }[];
  maxN: number;
  reloadHref: string;
  saveDraft: SaveDraftAction;
}) {
  const t = useTranslations("recommendations.editor");
  const id = useId();
  const { save, pending, failure } = useDraftSave(draft, saveDraft);
  const [model, setModel] = useState(draft.modelVersionId === null ? "" : String(draft.modelVersionId));
  const [n, setN] = useState(String(draft.n));
  const changed = model !== (draft.modelVersionId === null ? "" : String(draft.modelVersionId)) || n !== String(draft.n);

  return (
    <div className="flex flex-col gap-4" data-testid="draft-editor">
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        aria-label={t("formLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          save({ modelVersionId: model === "" ? null : Number(model), n: Number(n) });
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400" htmlFor={`${id}-model`}>
          {t("model")}
          <select id={`${id}-model`} className="input" value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="">{t("champion")}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400" htmlFor={`${id}-n`}>
          {t("itemsShown")}
          <input id={`${id}-n`} className="input w-24" type="number" min={1} max={maxN} step={1} value={n} onChange={(e) => setN(e.target.value)} />
        </label>
        <Button type="submit" variant="secondary" disabled={pending || !changed} data-testid="save-model">
          {pending ? t("working") : t("save")}
        </Button>
      </form>
      <div>
        <h3 className="mb-1 text-sm font-medium">{t("rules")}</h3>
        <RuleList labels={ruleLabels} disabled={pending} onRemove={(index) => save({ rules: draft.rules.filter((_, i) => i !== index) })} />
      </div>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </div>
  );
}
