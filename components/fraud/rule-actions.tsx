"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { RuleRowActions } from "@/lib/fraud/types";

/**
 * Edit a rule (the form above, filled in, with a new backtest before saving), turn it on or off, or delete it (which
 * deactivates it for good: past scores name it), at the version the list shows; a rule changed meanwhile is refused
 * with who changed it.
 */
export function RuleActions({ toggle, remove, id, name, version, active, editing }: RuleRowActions & { id: number; name: string; version: number; active: boolean; editing: boolean }) {
  const router = useRouter();
  const t = useTranslations("fraud.rules");
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);

  const run = (action: () => ReturnType<RuleRowActions["toggle"]>) => {
    setFailure(null);
    start(async () => {
      const r = await action();
      if (r.ok) router.refresh();
      else setFailure({ code: r.code, error: r.error });
    });
  };

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <span className="inline-flex gap-2">
        <Link
          href={`/fraud/rules?edit=${id}#rule-form`}
          aria-label={t("editLabel", { name })}
          aria-current={editing ? "true" : undefined}
          className={`rounded-md border px-2 py-1 text-xs font-medium ${editing ? "border-blue-600 bg-blue-600 text-white" : "border-gray-300 dark:border-gray-700"}`}
        >
          {t("edit")}
        </Link>
        <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={t(active ? "deactivateLabel" : "activateLabel", { name })} onClick={() => run(() => toggle({ id, expectedVersion: version, active: !active }))}>
          {active ? t("deactivate") : t("activate")}
        </Button>
        {active && (
          <Button
            type="button"
            variant="ghost"
            className="px-2 py-1 text-xs text-red-700 dark:text-red-400"
            disabled={pending}
            aria-label={t("deleteLabel", { name })}
            onClick={() => {
              if (window.confirm(t("deleteConfirm", { name }))) run(() => remove({ id, expectedVersion: version }));
            }}
          >
            {t("delete")}
          </Button>
        )}
      </span>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref="/fraud/rules" />}
    </span>
  );
}
