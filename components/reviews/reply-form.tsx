"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { MarkRepliedAction } from "@/lib/reviews/types";

/**
 * A merchandiser's reply to a negative review: the draft built from the review's aspects, editable here, is never sent
 * by the app; they copy it to the reply tool, then mark the review replied with the text they sent (`markReplied`, the
 * page's server action).
 */
export function ReplyForm({ reviewId, draft, maxChars, reloadHref, markReplied }: { reviewId: number; draft: string; maxChars: number; reloadHref: string; markReplied: MarkRepliedAction }) {
  const t = useTranslations("reviews.reply");
  const f = useFormat();
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState(draft);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);
  const over = body.length > maxChars;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    start(async () => {
      const result = await markReplied({ reviewId, body });
      if (result.ok) router.refresh();
      else setFailure({ code: result.code, error: result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") || result.error : result.error });
    });
  };

  return (
    <form onSubmit={submit} className="mt-2 flex flex-col gap-1" aria-label={t("formLabel", { id: String(reviewId) })}>
      <label htmlFor={`${id}-reply`} className="text-xs font-medium text-gray-600 dark:text-gray-400">
        {t("draftLabel")}
      </label>
      <textarea id={`${id}-reply`} className="input min-h-20" value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={`${id}-count`} />
      <span className="flex flex-wrap items-center justify-between gap-2">
        <span id={`${id}-count`} className={`text-xs ${over ? "text-red-700 dark:text-red-400" : "text-gray-500 dark:text-gray-400"}`}>
          {t("count", { count: f.integer(body.length), max: f.integer(maxChars) })}
        </span>
        <Button type="submit" variant="secondary" disabled={pending || over || body.trim() === ""} data-testid="mark-replied">
          {pending ? t("working") : t("markReplied")}
        </Button>
      </span>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </form>
  );
}
