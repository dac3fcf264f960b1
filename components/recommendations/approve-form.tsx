"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ApprovePlacementAction, PlacementCode } from "@/lib/recommendations/types";

/**
 * Approves the draft as the placement's next version, which the storefront API then serves. The draft revision and
 * the live version the page read travel with it: if either changed meanwhile, the server refuses (a conflict, with a
 * Reload link). The panel keys this form by both, so it starts fresh after every approval. When most sampled
 * customers would get a short list, approving asks for an explicit acknowledgement.
 */
export function ApproveForm({
  placement,
  expectedRevision,
  expectedVersion,
  flagged,
  reloadHref,
  approve,
}: {
  placement: PlacementCode;
  expectedRevision: number;
  expectedVersion: number;
  flagged: boolean;
  reloadHref: string;
  approve: ApprovePlacementAction;
}) {
  const t = useTranslations("recommendations.approve");
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [acknowledged, setAcknowledged] = useState(false);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    start(async () => {
      const result = await approve({ placement, expectedRevision, expectedVersion, note: note.trim() || undefined });
      // The refreshed page shows the new live version (facts, history) and remounts this form for it.
      if (result.ok) router.refresh();
      else {
        const fields = result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : "";
        setFailure({ code: result.code, error: fields || result.error });
      }
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label={t("formLabel")} data-testid="approve-form">
      <label htmlFor={`${id}-note`} className="text-xs font-medium text-gray-600 dark:text-gray-400">
        {t("note")}
      </label>
      <textarea id={`${id}-note`} name="note" className="input min-h-16" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      {flagged && (
        <label className="flex items-center gap-2 text-sm text-red-700 dark:text-red-400">
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
          {t("acknowledge")}
        </label>
      )}
      <span>
        <Button type="submit" disabled={pending || (flagged && !acknowledged)} data-testid="approve-placement">
          {pending ? t("working") : expectedVersion === 0 ? t("approveDraft") : t("approveAs", { version: expectedVersion + 1 })}
        </Button>
      </span>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </form>
  );
}
