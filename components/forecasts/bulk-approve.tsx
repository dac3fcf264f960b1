"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { useBulkSelection } from "@/components/ui/bulk-selection";
import { useFormat } from "@/components/i18n/use-format";
import { Button } from "@/components/ui/button";
import type { ApprovePlansAction } from "@/lib/forecasts/types";
import { serviceLevelText } from "./figures";

type Outcome = { ok: true; approved: number; orderQuantity: number } | { ok: false; code: string; error: string };

/** The planners' bulk approve bar: approves the selected plans (each at the version the planner saw) at this service level. */
export function BulkApproveBar({ approve: approvePlans, runId, serviceLevel, reloadHref }: { approve: ApprovePlansAction; runId: number; serviceLevel: number; reloadHref: string }) {
  const { rows: items, clear } = useBulkSelection();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const t = useTranslations("forecasts.bulk");
  const f = useFormat();

  const approve = () => {
    setOutcome(null);
    start(async () => {
      const result = await approvePlans({ runId, serviceLevel, items: items.map(({ id, expectedVersion }) => ({ productId: id, expectedVersion })) });
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
        {pending ? t("approving") : t("approve")}
      </Button>
      <span className="text-gray-600 dark:text-gray-400" aria-live="polite">
        {t("status", { count: items.length, level: serviceLevelText(f, serviceLevel) })}
      </span>
      {outcome?.ok && (
        <p role="status" className="text-green-700 dark:text-green-400">
          {t("approved", { count: outcome.approved, units: f.integer(outcome.orderQuantity) })}
        </p>
      )}
      {outcome && !outcome.ok && <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />}
    </div>
  );
}
