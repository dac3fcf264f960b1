import Link from "next/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { HeaderRow, SortHeader, Table, Td, Th, Tr } from "@/components/ui/table";
import { channelDemand, defaultDir, type ForecastFilter, type PlanRow } from "@/lib/forecasts/queries";
import type { ApprovePlansAction } from "@/lib/forecasts/types";
import { getFormat } from "@/lib/i18n/server";
import { BulkApproveBar } from "./bulk-approve";
import { ExceptionBadges } from "./exception-badges";
import { coverText } from "./figures";
import { fallbackReasonText, MethodName, useText } from "./plain-words";
import { PlanStatusBadge } from "./status-badge";

export function MethodCell({ method, fallbackReason }: { method: string; fallbackReason: string | null }) {
  const t = useTranslations("forecasts.methods");
  const text = useText();
  const reason = fallbackReason === null ? null : fallbackReasonText(fallbackReason, text);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className="text-xs">
        <MethodName method={method} />
      </span>
      {reason && (
        <span title={reason} className="relative rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700 dark:bg-gray-800 dark:text-gray-300">
          {t("baselineFallback")}
          <span className="sr-only">: {reason}</span>
        </span>
      )}
    </span>
  );
}

/** One page of plans. Planners get a checkbox per plan that is not yet approved and the bulk approve bar above. */
export async function ForecastTable({
  rows,
  runId,
  horizonWeeks,
  filter,
  params,
  canDecide,
  approve,
  reloadHref,
}: {
  rows: PlanRow[];
  runId: number;
  horizonWeeks: number;
  filter: ForecastFilter;
  params: Record<string, string>;
  canDecide: boolean;
  /** The approve action (the page's server action), for the bulk approve bar. */
  approve: ApprovePlansAction;
  reloadHref: string;
}) {
  const t = await getTranslations("forecasts");
  const f = await getFormat();
  const mase = { label: t("terms.mase.label"), explain: t("terms.mase.explain") };
  const selectable = (r: PlanRow): SelectedRow => ({ id: r.productId, expectedVersion: r.version, label: r.sku });
  const approvable = rows.filter((r) => r.status !== "approved").map(selectable);
  const sorting = { sort: filter, defaultDir, params };
  const detailHref = (productId: number) => `/forecasts/${productId}?${new URLSearchParams({ sl: String(filter.sl) })}`;
  const table = (
    <Table testId="forecast-table">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={approvable} label={t("table.selectAll")} />}
        <SortHeader column="sku" label={t("table.product")} {...sorting} />
        <Th>{t("table.category")}</Th>
        <Th>{t("table.status")}</Th>
        <Th>{t("table.method")}</Th>
        <SortHeader
          column="demand"
          label={filter.channel ? t("table.demandChannel", { weeks: horizonWeeks, channel: t(`channels.${filter.channel}`) }) : t("table.demand", { weeks: horizonWeeks })}
          {...sorting}
          numeric
        />
        <Th numeric>{t("table.position")}</Th>
        <SortHeader column="cover" label={t("table.cover")} {...sorting} numeric />
        <SortHeader column="order" label={t("table.order")} {...sorting} numeric />
        <SortHeader column="mase" label={mase.label} {...sorting} numeric />
        <SortHeader column="urgency" label={t("table.exceptions")} {...sorting} />
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.productId}>
            {canDecide && <RowCheckboxCell row={r.status !== "approved" ? selectable(r) : null} />}
            <Td>
              <Link href={detailHref(r.productId)} className="font-medium text-blue-600 hover:underline dark:text-blue-400">
                {r.sku}
              </Link>
              <span className="block text-xs text-gray-600 dark:text-gray-400">{r.name}</span>
            </Td>
            <Td className="text-xs">{r.category}</Td>
            <Td>
              <PlanStatusBadge status={r.status} />
              {r.overrides > 0 && (
                <span className="block text-xs text-gray-500 dark:text-gray-400">
                  {t("table.overrides", { count: r.overrides })}
                </span>
              )}
            </Td>
            <Td>
              <MethodCell method={r.method} fallbackReason={r.fallbackReason} />
            </Td>
            <Td numeric>
              {f.units(channelDemand(r, filter.channel))}
              {filter.channel && <span className="block text-xs text-gray-500 dark:text-gray-400">{t("table.allChannels", { units: f.units(r.horizonDemand) })}</span>}
            </Td>
            <Td numeric>
              {r.inventory ? (
                <>
                  {f.units(r.inventory.onHand + r.inventory.onOrder)}
                  <span className="block text-xs text-gray-500 dark:text-gray-400">
                    {t("table.onOrder", { onHand: f.units(r.inventory.onHand), onOrder: f.units(r.inventory.onOrder) })}
                  </span>
                </>
              ) : (
                <span className="text-xs text-gray-500 dark:text-gray-400">{t("table.noStock")}</span>
              )}
            </Td>
            <Td numeric>{coverText(f, r.replenishment?.weeksOfCover, () => t("cover.beyond", { weeks: horizonWeeks }))}</Td>
            <Td numeric>{r.replenishment ? f.integer(r.replenishment.orderQuantity) : "–"}</Td>
            <Td numeric>
              <span title={mase.explain}>{f.number(r.backtestMase, 2)}</span>
            </Td>
            <Td>
              <ExceptionBadges exceptions={r.exceptions} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
  // The column's explanation on screen too: a header's hover text never shows on a phone or to a keyboard.
  const key = (
    <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
      <span className="font-medium">{mase.label}:</span> {mase.explain}
    </p>
  );
  if (!canDecide) {
    return (
      <>
        {table}
        {key}
      </>
    );
  }
  return (
    <BulkSelection>
      <BulkApproveBar approve={approve} runId={runId} serviceLevel={filter.sl} reloadHref={reloadHref} />
      {table}
      {key}
    </BulkSelection>
  );
}
