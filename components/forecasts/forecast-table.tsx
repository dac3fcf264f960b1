import Link from "next/link";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { SortHeader } from "@/components/ui/sort-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { channelDemand, defaultDir, type ForecastFilter, type PlanRow } from "@/lib/forecasts/queries";
import { BulkApproveBar } from "./bulk-approve";
import { ExceptionBadges } from "./exception-badges";
import { formatCover, formatRatio, formatUnits } from "./format";
import { MethodName, metricTerms } from "./plain-words";
import { PlanStatusBadge } from "./status-badge";

export function MethodCell({ method, fallbackReason }: { method: string; fallbackReason: string | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className="text-xs">
        <MethodName method={method} />
      </span>
      {fallbackReason && (
        <span title={fallbackReason} className="relative rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700 dark:bg-gray-800 dark:text-gray-300">
          baseline fallback<span className="sr-only">: {fallbackReason}</span>
        </span>
      )}
    </span>
  );
}

/** One page of plans. Planners get a checkbox per plan that is not yet approved and the bulk approve bar above. */
export function ForecastTable({
  rows,
  runId,
  horizonWeeks,
  filter,
  params,
  canDecide,
  reloadHref,
}: {
  rows: PlanRow[];
  runId: number;
  horizonWeeks: number;
  filter: ForecastFilter;
  params: Record<string, string>;
  canDecide: boolean;
  reloadHref: string;
}) {
  const selectable = (r: PlanRow): SelectedRow => ({ id: r.productId, expectedVersion: r.version, label: r.sku });
  const approvable = rows.filter((r) => r.status !== "approved").map(selectable);
  const sorting = { sort: filter, defaultDir, params };
  const detailHref = (productId: number) => `/forecasts/${productId}?${new URLSearchParams({ sl: String(filter.sl) })}`;
  const table = (
    <Table testId="forecast-table">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={approvable} label="Select all approvable plans on this page" />}
        <SortHeader column="sku" label="Product" {...sorting} />
        <Th>Category</Th>
        <Th>Status</Th>
        <Th>Method</Th>
        <SortHeader column="demand" label={`${horizonWeeks}-wk demand (P50${filter.channel ? `, ${filter.channel}` : ""})`} {...sorting} numeric />
        <Th numeric>Position</Th>
        <SortHeader column="cover" label="Weeks of cover" {...sorting} numeric />
        <SortHeader column="order" label="Suggested order" {...sorting} numeric />
        <SortHeader column="mase" label={metricTerms.mase.label} {...sorting} numeric />
        <SortHeader column="urgency" label="Exceptions" {...sorting} />
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
                  {r.overrides} {r.overrides === 1 ? "override" : "overrides"}
                </span>
              )}
            </Td>
            <Td>
              <MethodCell method={r.method} fallbackReason={r.fallbackReason} />
            </Td>
            <Td numeric>
              {formatUnits(channelDemand(r, filter.channel))}
              {filter.channel && <span className="block text-xs text-gray-500 dark:text-gray-400">{formatUnits(r.horizonDemand)} all channels</span>}
            </Td>
            <Td numeric>
              {r.inventory ? (
                <>
                  {formatUnits(r.inventory.onHand + r.inventory.onOrder)}
                  <span className="block text-xs text-gray-500 dark:text-gray-400">
                    {formatUnits(r.inventory.onHand)} + {formatUnits(r.inventory.onOrder)} on order
                  </span>
                </>
              ) : (
                <span className="text-xs text-gray-500 dark:text-gray-400">no stock record</span>
              )}
            </Td>
            <Td numeric>{formatCover(r.replenishment?.weeksOfCover, horizonWeeks)}</Td>
            <Td numeric>{r.replenishment ? r.replenishment.orderQuantity.toLocaleString("en-US") : "–"}</Td>
            <Td numeric>
              <span title={metricTerms.mase.explain}>{formatRatio(r.backtestMase)}</span>
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
      <span className="font-medium">{metricTerms.mase.label}:</span> {metricTerms.mase.explain}
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
      <BulkApproveBar runId={runId} serviceLevel={filter.sl} reloadHref={reloadHref} />
      {table}
      {key}
    </BulkSelection>
  );
}
