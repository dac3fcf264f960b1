"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useState, useTransition } from "react";
import { approveAction } from "@/app/(dashboard)/pricing/actions";
import { ActionError } from "@/components/forecasts/action-error";
import { Button } from "@/components/ui/button";

/**
 * Selection for bulk approval: the table stays a server component, and only its checkboxes and the approve bar share
 * this small client state. Each selected recommendation carries the version the merchandiser saw, so one that changed
 * meanwhile refuses the whole batch (conflict, with a Reload link).
 */
export type SelectedRecommendation = { productId: number; expectedVersion: number; sku: string };

type Selection = { selected: Map<number, SelectedRecommendation>; set: (items: SelectedRecommendation[], on: boolean) => void; clear: () => void };
const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = use(SelectionContext);
  if (!s) throw new Error("Bulk approval controls must sit inside <BulkSelection>.");
  return s;
}

export function BulkSelection({ children }: { children: React.ReactNode }) {
  const [selected, setSelected] = useState(() => new Map<number, SelectedRecommendation>());
  const set = (items: SelectedRecommendation[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const item of items) {
        if (on) next.set(item.productId, item);
        else next.delete(item.productId);
      }
      return next;
    });
  return <SelectionContext value={{ selected, set, clear: () => setSelected(new Map()) }}>{children}</SelectionContext>;
}

export function RowCheckbox({ item }: { item: SelectedRecommendation }) {
  const { selected, set } = useSelection();
  return <input type="checkbox" className="h-4 w-4" aria-label={`Select ${item.sku}`} checked={selected.has(item.productId)} onChange={(e) => set([item], e.target.checked)} />;
}

export function SelectAllCheckbox({ items }: { items: SelectedRecommendation[] }) {
  const { selected, set } = useSelection();
  const all = items.length > 0 && items.every((i) => selected.has(i.productId));
  return (
    <input
      type="checkbox"
      className="h-4 w-4"
      aria-label="Select all pending recommendations on this page"
      disabled={items.length === 0}
      checked={all}
      onChange={(e) => set(items, e.target.checked)}
    />
  );
}

type Outcome = { ok: true; approved: number; awaitingSecond: number } | { ok: false; code: string; error: string };

export function BulkApproveBar({ runId, secondApprovalPct, reloadHref }: { runId: number; secondApprovalPct: number; reloadHref: string }) {
  const { selected, clear } = useSelection();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = [...selected.values()];

  const approve = () => {
    setOutcome(null);
    start(async () => {
      const result = await approveAction({ runId, items: items.map(({ productId, expectedVersion }) => ({ productId, expectedVersion })) });
      if (result.ok) {
        setOutcome({ ok: true, approved: result.data.approved, awaitingSecond: result.data.awaitingSecond });
        clear();
        router.refresh();
      } else setOutcome({ ok: false, code: result.code, error: result.error });
    });
  };

  return (
    <div className="mb-3 flex flex-wrap items-center gap-3 text-sm" data-testid="bulk-approve">
      <Button type="button" disabled={pending || items.length === 0} onClick={approve}>
        {pending ? "Approving…" : "Approve selected"}
      </Button>
      <span className="text-gray-600 dark:text-gray-400" aria-live="polite">
        {items.length === 0 ? "Select recommendations to approve them at the recommended price" : `${items.length} selected`}; changes over {secondApprovalPct}&nbsp;% need a second merchandiser.
      </span>
      {outcome?.ok && (
        <p role="status" className="text-green-700 dark:text-green-400">
          Approved {outcome.approved} {outcome.approved === 1 ? "price" : "prices"}
          {outcome.awaitingSecond > 0 ? `; ${outcome.awaitingSecond} now ${outcome.awaitingSecond === 1 ? "needs" : "need"} a second merchandiser` : ""}.
        </p>
      )}
      {outcome && !outcome.ok && <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />}
    </div>
  );
}
