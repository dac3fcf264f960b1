"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { BulkActionBar } from "@/components/ui/bulk-action-bar";
import type { ApprovePlansAction } from "@/lib/forecasts/types";
import { serviceLevelText } from "./figures";

/** The planners' bulk approve bar: approves the selected plans (each at the version the planner saw) at this service level. */
export function BulkApproveBar({ approve, runId, serviceLevel, reloadHref }: { approve: ApprovePlansAction; runId: number; serviceLevel: number; reloadHref: string }) {
  const t = useTranslations("forecasts.bulk");
  const f = useFormat();
  return (
    <BulkActionBar
      testId="bulk-approve"
      buttons={[{ value: "approve", label: t("approve"), pendingLabel: t("approving") }]}
      run={(rows) => approve({ runId, serviceLevel, items: rows.map(({ id, expectedVersion }) => ({ productId: id, expectedVersion })) })}
      status={({ count }) => t("status", { count, level: serviceLevelText(f, serviceLevel) })}
      outcome={({ approved, orderQuantity }) => t("approved", { count: approved, units: f.integer(orderQuantity) })}
      reloadHref={reloadHref}
    />
  );
}
