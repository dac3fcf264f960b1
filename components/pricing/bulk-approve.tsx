"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { BulkActionBar } from "@/components/ui/bulk-action-bar";
import type { ApprovePricingAction } from "@/lib/pricing/types";

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
  const t = useTranslations("pricing.bulk");
  const f = useFormat();
  const pct = f.percent(secondApprovalPct / 100, Number.isInteger(secondApprovalPct) ? 0 : 1);
  return (
    <BulkActionBar
      testId="bulk-approve"
      buttons={[{ value: "approve", label: t("approveSelected"), pendingLabel: t("approving") }]}
      run={(rows) => approveAction({ runId, items: rows.map(({ id, expectedVersion }) => ({ productId: id, expectedVersion })) })}
      status={({ count }) => (count === 0 ? t("selectHint", { pct }) : t("selected", { count: f.integer(count), pct }))}
      outcome={({ approved, awaitingSecond }) =>
        awaitingSecond > 0 ? t("approvedWithSecond", { count: approved, second: awaitingSecond }) : t("approved", { count: approved })
      }
      reloadHref={reloadHref}
    />
  );
}
