"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useState, useTransition } from "react";
import { approvePlansAction } from "@/app/(dashboard)/forecasts/actions";
import { Button } from "@/components/ui/button";
import { ActionError } from "./action-error";
import { formatServiceLevel } from "./format";

/**
 * Selection for bulk approval: the table stays a server component, and only its checkboxes and the approve bar share
 * this small client state. Each selected plan carries the version the planner saw, so a plan that changed meanwhile
 * refuses the whole batch.
 */
export type SelectedPlan = { productId: number; expectedVersion: number; sku: string };

type Selection = { selected: Map<number, SelectedPlan>; set: (plans: SelectedPlan[], on: boolean) => void; clear: () => void };
const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = use(SelectionContext);
  if (!s) throw new Error("Bulk approval controls must sit inside <BulkSelection>.");
  return s;
}

export function BulkSelection({ children }: { children: React.ReactNode }) {
  const [selected, setSelected] = useState(() => new Map<number, SelectedPlan>());
  const set = (plans: SelectedPlan[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const p of plans) {
        if (on) next.set(p.productId, p);
        else next.delete(p.productId);
      }
      return next;
    });
  return <SelectionContext value={{ selected, set, clear: () => setSelected(new Map()) }}>{children}</SelectionContext>;
}

export function RowCheckbox({ plan }: { plan: SelectedPlan }) {
  const { selected, set } = useSelection();
  return (
    <input
      type="checkbox"
      className="h-4 w-4"
      aria-label={`Select ${plan.sku}`}
      checked={selected.has(plan.productId)}
      onChange={(e) => set([plan], e.target.checked)}
    />
  );
}

export function SelectAllCheckbox({ plans }: { plans: SelectedPlan[] }) {
  const { selected, set } = useSelection();
  const all = plans.length > 0 && plans.every((p) => selected.has(p.productId));
  return (
    <input
      type="checkbox"
      className="h-4 w-4"
      aria-label="Select all approvable plans on this page"
      disabled={plans.length === 0}
      checked={all}
      onChange={(e) => set(plans, e.target.checked)}
    />
  );
}

type Outcome = { ok: true; approved: number; orderQuantity: number } | { ok: false; code: string; error: string };

export function BulkApproveBar({ runId, serviceLevel, reloadHref }: { runId: number; serviceLevel: number; reloadHref: string }) {
  const { selected, clear } = useSelection();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = [...selected.values()];

  const approve = () => {
    setOutcome(null);
    start(async () => {
      const result = await approvePlansAction({ runId, serviceLevel, items: items.map(({ productId, expectedVersion }) => ({ productId, expectedVersion })) });
      if (result.ok) {
        setOutcome({ ok: true, ...result.data });
        clear();
        router.refresh();
      } else {
        setOutcome({ ok: false, code: result.code, error: result.error });
      }
    });
  };

  return (
    <div className="mb-3 flex flex-wrap items-center gap-3 text-sm" data-testid="bulk-approve">
      <Button type="button" disabled={pending || items.length === 0} onClick={approve}>
        {pending ? "Approving…" : "Approve selected"}
      </Button>
      <span className="text-gray-600 dark:text-gray-400" aria-live="polite">
        {items.length === 0 ? "Select plans to approve them" : `${items.length} selected`} at a {formatServiceLevel(serviceLevel)} service level
      </span>
      {outcome?.ok && (
        <p role="status" className="text-green-700 dark:text-green-400">
          Approved {outcome.approved} {outcome.approved === 1 ? "plan" : "plans"}; suggested orders total {outcome.orderQuantity.toLocaleString("en-US")} units.
        </p>
      )}
      {outcome && !outcome.ok && <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />}
    </div>
  );
}
