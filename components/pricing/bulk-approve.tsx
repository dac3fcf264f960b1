"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { useBulkSelection } from "@/components/ui/bulk-selection";
import { Button } from "@/components/ui/button";
import type { ApprovePricingAction } from "@/lib/pricing/types";

type Outcome = { ok: true; approved: number; awaitingSecond: number } | { ok: false; code: string; error: string };

/**
 * The merchandisers' bulk approve bar: approves the selected recommendations at the recommended price, each at the
 * version the merchandiser saw; changes above the second-approval limit wait for a second merchandiser.
 */
export function BulkApproveBar({
  runId,
  secondApprovalPct,
  reloadHref,
  approveAction,
}: {
  runId: number;
  secondApprovalPct: number;
  reloadHref: string;
  /** The page's server action (app/(dashboard)/pricing/actions.ts). */
  approveAction: ApprovePricingAction;
}) {
  const { rows: items, clear } = useBulkSelection();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const t = useTranslations("pricing.bulk");
  const f = useFormat();
  const pct = f.percent(secondApprovalPct / 100, Number.isInteger(secondApprovalPct) ? 0 : 1);

  const approve = () => {
    setOutcome(null);
    start(async () => {
      const result = await approveAction({ runId, items: items.map(({ id, expectedVersion }) => ({ productId: id, expectedVersion })) });
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
        {pending ? t("approving") : t("approveSelected")}
      </Button>
      <span className="text-gray-600 dark:text-gray-400" aria-live="polite">
        {items.length === 0 ? t("selectHint", { pct }) : t("selected", { count: f.integer(items.length), pct })}
      </span>
      {outcome?.ok && (
        <p role="status" className="text-green-700 dark:text-green-400">
          {outcome.awaitingSecond > 0 ? t("approvedWithSecond", { count: outcome.approved, second: outcome.awaitingSecond }) : t("approved", { count: outcome.approved })}
        </p>
      )}
      {outcome && !outcome.ok && <ActionError error={outcome.error} code={outcome.code} reloadHref={reloadHref} />}
    </div>
  );
}
