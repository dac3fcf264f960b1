"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useId, useState, useTransition } from "react";
import { bulkDecideAction } from "@/app/(dashboard)/fraud/actions";
import { ActionError } from "@/components/forecasts/action-error";
import { Button } from "@/components/ui/button";

/**
 * Selection for bulk decisions: the queue table stays a server component, and only its checkboxes and the decision
 * bar share this client state. Each selected case carries the version the analyst saw, so a case decided or changed
 * meanwhile (or claimed by a colleague) refuses the whole batch, with who did what.
 */
export type SelectedCase = { caseId: number; expectedVersion: number; externalId: string };

type Selection = { selected: Map<number, SelectedCase>; set: (cases: SelectedCase[], on: boolean) => void; clear: () => void };
const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = use(SelectionContext);
  if (!s) throw new Error("Bulk decision controls must sit inside <CaseSelection>.");
  return s;
}

export function CaseSelection({ children }: { children: React.ReactNode }) {
  const [selected, setSelected] = useState(() => new Map<number, SelectedCase>());
  const set = (cases: SelectedCase[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const c of cases) {
        if (on) next.set(c.caseId, c);
        else next.delete(c.caseId);
      }
      return next;
    });
  return <SelectionContext value={{ selected, set, clear: () => setSelected(new Map()) }}>{children}</SelectionContext>;
}

export function CaseCheckbox({ item }: { item: SelectedCase }) {
  const { selected, set } = useSelection();
  return <input type="checkbox" className="h-4 w-4" aria-label={`Select ${item.externalId}`} checked={selected.has(item.caseId)} onChange={(e) => set([item], e.target.checked)} />;
}

export function SelectAllCases({ items }: { items: SelectedCase[] }) {
  const { selected, set } = useSelection();
  const all = items.length > 0 && items.every((c) => selected.has(c.caseId));
  return (
    <input
      type="checkbox"
      className="h-4 w-4"
      aria-label="Select all open cases on this page"
      disabled={items.length === 0}
      checked={all}
      onChange={(e) => set(items, e.target.checked)}
    />
  );
}

type Decision = "legitimate" | "fraud" | "escalate";
type Outcome = { ok: true; decided: number; decision: Decision } | { ok: false; code: string; error: string };

const done: Record<Decision, string> = { legitimate: "marked legitimate", fraud: "confirmed as fraud", escalate: "escalated" };

export function BulkDecisionBar({ reloadHref }: { reloadHref: string }) {
  const { selected, clear } = useSelection();
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = [...selected.values()];

  const decide = (decision: Decision) => {
    setOutcome(null);
    start(async () => {
      const result = await bulkDecideAction({ items: items.map(({ caseId, expectedVersion }) => ({ caseId, expectedVersion })), decision, note: note.trim() || undefined });
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
        Note
        <input id={`${id}-note`} className="input w-72" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} placeholder="Required for fraud and escalate" />
      </label>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("legitimate")}>
        Mark legitimate
      </Button>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("fraud")}>
        Confirm fraud
      </Button>
      <Button type="button" variant="secondary" disabled={pending || items.length === 0} onClick={() => decide("escalate")}>
        Escalate
      </Button>
      <span className="self-center text-gray-600 dark:text-gray-400" aria-live="polite">
        {pending ? "Deciding…" : items.length === 0 ? "Select cases to decide them together" : `${items.length} selected`}
      </span>
      {outcome?.ok && (
        <p role="status" className="w-full text-green-700 dark:text-green-400">
          {outcome.decided} {outcome.decided === 1 ? "case" : "cases"} {done[outcome.decision]}.
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
