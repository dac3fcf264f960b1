"use client";

import { useTranslations } from "next-intl";
import { createContext, use, useState } from "react";

/**
 * Selection for a bulk action (approve plans, approve prices, decide cases): the table stays a server component, and
 * only its checkboxes and the action bar (<BulkActionBar>) share this small client state. Each selected row carries the version
 * the user saw, so a row that changed meanwhile refuses the whole batch (a conflict, with a Reload link).
 */
export type SelectedRow = {
  /** The row's id in its area (a product id, a case id). */
  id: number;
  expectedVersion: number;
  /** What the row's checkbox is named after ("Select <label>"): a SKU, a transaction id. */
  label: string;
};

type Selection = { selected: Map<number, SelectedRow>; set: (rows: SelectedRow[], on: boolean) => void; clear: () => void };
const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = use(SelectionContext);
  if (!s) throw new Error("Bulk selection controls must sit inside <BulkSelection>.");
  return s;
}

export function BulkSelection({ children }: { children: React.ReactNode }) {
  const [selected, setSelected] = useState(() => new Map<number, SelectedRow>());
  const set = (rows: SelectedRow[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const row of rows) {
        if (on) next.set(row.id, row);
        else next.delete(row.id);
      }
      return next;
    });
  return <SelectionContext value={{ selected, set, clear: () => setSelected(new Map()) }}>{children}</SelectionContext>;
}

/** For the action bar (<BulkActionBar>): the rows selected now, and a way to clear them once the action succeeded. */
export function useBulkSelection(): { rows: SelectedRow[]; clear: () => void } {
  const { selected, clear } = useSelection();
  return { rows: [...selected.values()], clear };
}

/** The row's first cell: its checkbox, or nothing for a row that cannot be selected (already decided). */
export function RowCheckboxCell({ row }: { row: SelectedRow | null }) {
  const t = useTranslations("ui");
  const { selected, set } = useSelection();
  return (
    <td className="py-2 pr-2">
      {row && <input type="checkbox" className="h-4 w-4" aria-label={t("selectRow", { label: row.label })} checked={selected.has(row.id)} onChange={(e) => set([row], e.target.checked)} />}
    </td>
  );
}

/** The header's first cell: selects (or clears) every selectable row of the page; `label` names them, e.g. "Select all open cases on this page". */
export function SelectAllHeader({ rows, label }: { rows: SelectedRow[]; label: string }) {
  const { selected, set } = useSelection();
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <th className="w-8 py-2 pr-2">
      <input type="checkbox" className="h-4 w-4" aria-label={label} disabled={rows.length === 0} checked={all} onChange={(e) => set(rows, e.target.checked)} />
    </th>
  );
}
