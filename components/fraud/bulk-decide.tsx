"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { useBulkSelection } from "@/components/ui/bulk-selection";
import { Button } from "@/components/ui/button";
import type { BulkDecideAction } from "@/lib/fraud/types";

type Decision = "legitimate" | "fraud" | "escalate";
type Outcome = { ok: true; decided: number; decision: Decision } | { ok: false; code: string; error: string };


/**
 * The analysts' bulk decision bar: decides the selected cases together, each at the version the analyst saw, so a
 * case decided or changed meanwhile (or claimed by a colleague) refuses the whole batch, with who did what.
 */
export function BulkDecisionBar({ bulkDecide, reloadHref }: { bulkDecide: BulkDecideAction; reloadHref: string }) {
  const { rows: items, clear } = useBulkSelection();
  const router = useRouter();
  const t = useTranslations("fraud.bulk");
  const id = useId();
  const [pending, start] = useTransition();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const decide = (decision: Decision) => {
    setOutcome(null);
    start(async () => {
      const result = await bulkDecide({ items: items.map(({ id: caseId, expectedVersion }) => ({ caseId, expectedVersion })), decision, note: note.trim() || undefined });
      if (result.ok) {
        setOutcome({ ok: true, decided: result.data.decided, decision });
        setNote("");
        clear();
        router.refresh();
      } else {
        // A missing note is a field error: say it in the note's own words rather than "Some fields are not valid."
        const noteError = result.fieldErrors?.note?.join(" ");
        setOutcome({ ok: false, code: result.code, error: noteError ?? Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error });
      }
    });
  };

  return (
    <div className="mb-3 flex flex-wrap items-end gap-3 text-sm" data-testid="bulk-decide">
      <label htmlFor={`${id}-note`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
        {t("note")}
        <input id={`${id}-note`} className="input w-72" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} placeholder={t("notePlaceholder")} />
      </label>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("legitimate")}>
        {t("legitimate")}
      </Button>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("fraud")}>
        {t("fraud")}
      </Button>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("escalate")}>
        {t("escalate")}
      </Button>
      <span className="self-center text-gray-600 dark:text-gray-400" aria-live="polite">
        {pending ? t("deciding") : items.length === 0 ? t("selectCases") : t("selected", { count: items.length })}
      </span>
      {outcome?.ok && (
        <p role="status" className="w-full text-green-700 dark:text-green-400">
          {t("done", { count: outcome.decided, decision: outcome.decision })}
        </p>
      )}
      {outcome && !outcome.ok && (
        <div className="w-full">
          <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />
        </div>
      )}
    </div>
  );
}
