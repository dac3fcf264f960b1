"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ReopenPlanAction } from "@/lib/forecasts/types";

type Failure = { code: string; error: string; reason?: string };

/** Shortest reason accepted; the server enforces the same (lib/forecasts/plans.ts reopenInput). */
const MIN_REASON = 5;

/**
 * Reopens an approved plan so its forecast can be changed again. It asks why first: the reason goes into the audit
 * log with the quantities the approval had fixed, and the plan then needs approving again.
 */
export function ReopenPlan({ reopen, runId, productId, version, reloadHref }: { reopen: ReopenPlanAction; runId: number; productId: number; version: number; reloadHref: string }) {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const t = useTranslations("forecasts.reopen");

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    start(async () => {
      const result = await reopen({ runId, productId, expectedVersion: version, reason });
      if (result.ok) {
        setOpen(false);
        setReason("");
        router.refresh();
      } else setFailure({ code: result.code, error: result.error, reason: result.fieldErrors?.reason?.join(" ") });
    });
  };

  if (!open) {
    return (
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setOpen(true);
          // Focus the reason once it is on screen, so a keyboard user lands where they type.
          requestAnimationFrame(() => input.current?.focus());
        }}
      >
        {t("open")}
      </Button>
    );
  }
  return (
    <form onSubmit={submit} className="flex w-full max-w-md flex-col gap-2" noValidate aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="text-sm font-medium">
        {t("title")}
      </p>
      <label htmlFor={`${id}-reason`} className="text-sm">
        {t("reasonLabel")} <span className="text-gray-600 dark:text-gray-400">{t("reasonHint", { min: MIN_REASON })}</span>
      </label>
      <textarea
        ref={input}
        id={`${id}-reason`}
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="input"
        aria-invalid={failure?.reason ? true : undefined}
        aria-describedby={failure?.reason ? `${id}-reason-error` : undefined}
      />
      {failure?.reason && (
        <span id={`${id}-reason-error`} className="text-xs text-red-700 dark:text-red-400">
          {failure.reason}
        </span>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || reason.trim().length < MIN_REASON}>
          {pending ? t("reopening") : t("submit")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={pending}
          onClick={() => {
            setOpen(false);
            setFailure(null);
          }}
        >
          {t("cancel")}
        </Button>
      </div>
      <p className="text-xs text-gray-600 dark:text-gray-400">{t("note")}</p>
      {failure && !failure.reason && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </form>
  );
}
