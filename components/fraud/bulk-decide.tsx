"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { BulkActionBar } from "@/components/ui/bulk-action-bar";
import type { BulkDecideAction } from "@/lib/fraud/types";

const decisions = ["legitimate", "fraud", "escalate"] as const;

/**
 * The analysts' bulk decision bar: decides the selected cases together, each at the version the analyst saw, so a
 * case decided or changed meanwhile (or claimed by a colleague) refuses the whole batch, with who did what.
 */
export function BulkDecisionBar({ bulkDecide, reloadHref }: { bulkDecide: BulkDecideAction; reloadHref: string }) {
  const t = useTranslations("fraud.bulk");
  const id = useId();
  const [note, setNote] = useState("");
  return (
    <BulkActionBar
      testId="bulk-decide"
      fields={
        <label htmlFor={`${id}-note`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
          {t("note")}
          <input id={`${id}-note`} className="input w-72" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} placeholder={t("notePlaceholder")} />
        </label>
      }
      buttons={decisions.map((decision) => ({ value: decision, label: t(decision), variant: "secondary" }))}
      run={(rows, decision) => bulkDecide({ items: rows.map(({ id: caseId, expectedVersion }) => ({ caseId, expectedVersion })), decision, note: note.trim() || undefined })}
      status={({ count, pending }) => (pending ? t("deciding") : count === 0 ? t("selectCases") : t("selected", { count }))}
      outcome={({ decided }, decision) => t("done", { count: decided, decision })}
      onSuccess={() => setNote("")}
      // A missing note is a field error: say it in the note's own words rather than "Some fields are not valid."
      errorText={(failure) => failure.fieldErrors?.note?.join(" ") ?? Object.values(failure.fieldErrors ?? {}).flat()[0] ?? failure.error}
      reloadHref={reloadHref}
    />
  );
}
