"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ComponentProps, type ReactNode } from "react";
import { ActionError } from "@/components/ui/action-error";
import { useBulkSelection, type SelectedRow } from "@/components/ui/bulk-selection";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";

/** One button of the bar; `value` tells the action which was pressed (a fraud decision), `pendingLabel` replaces the label while it runs. */
export type BulkButton<V extends string> = { value: V; label: string; pendingLabel?: string; variant?: ComponentProps<typeof Button>["variant"] };

type Failure = Extract<ActionResult<unknown>, { ok: false }>;
type Outcome<V, T> = { ok: true; value: V; data: T } | { ok: false; code: string; error: string };

/**
 * The action bar above a table with <BulkSelection> (approve plans, approve prices, decide cases). It reads the
 * selection, runs the area's server action on the selected rows (each at the version the user saw), shows what it did
 * or why it was refused (a conflict with a Reload link), and on success clears the selection and reloads the page's
 * data. The area passes only what differs: the call, the buttons, the status line and the outcome in words.
 */
export function BulkActionBar<V extends string, T>({
  testId,
  buttons,
  run,
  status,
  outcome: outcomeText,
  reloadHref,
  fields,
  onSuccess,
  errorText = (failure) => failure.error,
}: {
  /** The bar's data-testid. */
  testId: string;
  buttons: BulkButton<V>[];
  /** Calls the area's server action (a prop from its page) with the selected rows, for the pressed button. */
  run: (rows: SelectedRow[], value: V) => Promise<ActionResult<T>>;
  /** The line beside the buttons, from how many rows are selected and whether the action is running. */
  status: (selection: { count: number; pending: boolean }) => ReactNode;
  /** What a successful action did, in words. */
  outcome: (data: T, value: V) => ReactNode;
  reloadHref: string;
  /** Inputs before the buttons (fraud's note): a bar with fields aligns to their bottom and gives its outcome a line of its own. */
  fields?: ReactNode;
  /** Runs on success beside clearing the selection (fraud empties its note). */
  onSuccess?: () => void;
  /** The refusal in words; by default the action's own error. */
  errorText?: (failure: Failure) => string;
}) {
  const { rows, clear } = useBulkSelection();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome<V, T> | null>(null);

  const act = (value: V) => {
    setOutcome(null);
    start(async () => {
      const result = await run(rows, value);
      if (result.ok) {
        setOutcome({ ok: true, value, data: result.data });
        onSuccess?.();
        clear();
        router.refresh();
      } else setOutcome({ ok: false, code: result.code, error: errorText(result) });
    });
  };

  const error = outcome && !outcome.ok && <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />;
  return (
    <div className={`mb-3 flex flex-wrap ${fields ? "items-end" : "items-center"} gap-3 text-sm`} data-testid={testId}>
      {fields}
      {buttons.map((b) => (
        <Button key={b.value} type="button" variant={b.variant} disabled={pending || rows.length === 0} onClick={() => act(b.value)}>
          {pending && b.pendingLabel ? b.pendingLabel : b.label}
        </Button>
      ))}
      <span className={`${fields ? "self-center " : ""}text-gray-600 dark:text-gray-400`} aria-live="polite">
        {status({ count: rows.length, pending })}
      </span>
      {outcome?.ok && (
        <p role="status" className={`${fields ? "w-full " : ""}text-green-700 dark:text-green-400`}>
          {outcomeText(outcome.data, outcome.value)}
        </p>
      )}
      {error && (fields ? <div className="w-full">{error}</div> : error)}
    </div>
  );
}
