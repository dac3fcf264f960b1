"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ApproveSummaryAction } from "@/lib/reviews/types";

/**
 * A merchandiser edits the storefront summary and approves it as the next version. The version the page read travels
 * with it: if someone approved a newer one meanwhile, the server refuses (a conflict, with a Reload link). `approve` is
 * the page's server action.
 */
export function SummaryForm({
  productId,
  initialBody,
  expectedVersion,
  limits,
  reloadHref,
  approve,
}: {
  productId: number;
  initialBody: string;
  expectedVersion: number;
  limits: { minChars: number; maxChars: number };
  reloadHref: string;
  approve: ApproveSummaryAction;
}) {
  const t = useTranslations("reviews.form");
  const f = useFormat();
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const length = body.trim().length;
  const outside = length < limits.minChars || length > limits.maxChars;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setFailure(null);
    setDone(null);
    start(async () => {
      const result = await approve({ productId, body: String(data.get("body") ?? ""), expectedVersion: Number(data.get("expectedVersion")) });
      if (result.ok) {
        setDone(t("done", { version: String(result.data.version) }));
        router.refresh();
      } else {
        const fields = result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : "";
        setFailure({ code: result.code, error: fields || result.error });
      }
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" data-testid="summary-form" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="text-sm font-medium">
        {t("heading")}
      </h3>
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <label htmlFor={`${id}-body`} className="sr-only">
        {t("bodyLabel")}
      </label>
      <textarea id={`${id}-body`} name="body" className="input min-h-32" value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={`${id}-count`} />
      <span className="flex flex-wrap items-center justify-between gap-2">
        <span id={`${id}-count`} className={`text-xs ${outside ? "text-red-700 dark:text-red-400" : "text-gray-500 dark:text-gray-400"}`}>
          {t("count", { count: f.integer(length), min: f.integer(limits.minChars), max: f.integer(limits.maxChars) })}
        </span>
        <Button type="submit" disabled={pending || outside} data-testid="approve-summary">
          {pending ? t("working") : expectedVersion === 0 ? t("approve") : t("approveVersion", { version: String(expectedVersion + 1) })}
        </Button>
      </span>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {done}
        </p>
      )}
    </form>
  );
}
