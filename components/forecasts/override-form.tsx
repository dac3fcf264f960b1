"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { overrideWeekAction } from "@/app/(dashboard)/forecasts/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { overrideReasonLabels } from "./format";

type OverrideInput = Parameters<typeof overrideWeekAction>[0];
type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };

/**
 * Overrides one week's P50. The server validates (a reason, a note when the reason is "other", a sane number) and
 * refuses a stale plan version; its messages show next to the fields they concern.
 */
export function OverrideForm({
  runId,
  productId,
  week,
  expectedVersion,
  placeholder,
  reasons,
  reloadHref,
}: {
  runId: number;
  productId: number;
  week: string;
  expectedVersion: number;
  placeholder: string;
  /** Passed in by the server part, so the schema module stays out of the browser bundle. */
  reasons: readonly string[];
  reloadHref: string;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const units = String(data.get("units") ?? "").trim();
    const note = String(data.get("note") ?? "").trim();
    // An empty or unparsable number goes as NaN so the server's own message ("Enter a number of units.") comes back.
    const input = { runId, productId, expectedVersion, week, units: units === "" ? Number.NaN : Number(units), reason: String(data.get("reason") ?? ""), note: note || undefined };
    setFailure(null);
    setSaved(false);
    start(async () => {
      const result = await overrideWeekAction(input as OverrideInput);
      if (result.ok) {
        form.reset();
        setSaved(true);
        router.refresh();
      } else setFailure({ code: result.code, error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  };

  const fieldError = (name: string) => {
    const messages = failure?.fieldErrors[name];
    return messages && messages.length > 0 ? (
      <span id={`${id}-${name}-error`} className="block text-xs text-red-700 dark:text-red-400">
        {messages.join(" ")}
      </span>
    ) : null;
  };
  const invalid = (name: string) => (failure?.fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});
  const otherErrors = failure ? Object.entries(failure.fieldErrors).filter(([k]) => !["units", "reason", "note"].includes(k)) : [];

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1" noValidate>
      <div className="flex flex-wrap items-start gap-2">
        <span>
          <label htmlFor={`${id}-units`} className="sr-only">
            Units for week {week}
          </label>
          <input id={`${id}-units`} name="units" type="number" min={0} step="any" inputMode="decimal" placeholder={placeholder} className="input w-24 py-1" {...invalid("units")} />
          {fieldError("units")}
        </span>
        <span>
          <label htmlFor={`${id}-reason`} className="sr-only">
            Reason for week {week}
          </label>
          <select id={`${id}-reason`} name="reason" defaultValue="" className="input py-1" {...invalid("reason")}>
            <option value="" disabled>
              Reason…
            </option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r === "other" ? "Other (add a note)" : (overrideReasonLabels[r] ?? r)}
              </option>
            ))}
          </select>
          {fieldError("reason")}
        </span>
        <span>
          <label htmlFor={`${id}-note`} className="sr-only">
            Note for week {week}
          </label>
          <input id={`${id}-note`} name="note" type="text" maxLength={500} placeholder="Note" className="input w-40 py-1" {...invalid("note")} />
          {fieldError("note")}
        </span>
        <Button type="submit" variant="secondary" className="py-1" disabled={pending} aria-label={`Override ${week}`}>
          {pending ? "Saving…" : "Override"}
        </Button>
      </div>
      {saved && (
        <span role="status" className="text-xs text-green-700 dark:text-green-400">
          Override saved.
        </span>
      )}
      {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || otherErrors.length > 0) && (
        <ActionError error={otherErrors.length > 0 ? otherErrors.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref={reloadHref} />
      )}
    </form>
  );
}
