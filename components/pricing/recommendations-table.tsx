import Link from "next/link";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { SortHeader } from "@/components/ui/sort-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { defaultDir, type ExpectedChange, type PricingFilter, type RecommendationListRow } from "@/lib/pricing/queries";
import { ConfidenceBadge, GuardrailBadge, RecommendationStatusBadge } from "./badges";
import { BulkApproveBar } from "./bulk-approve";
import { formatPct, formatWeeklyUnits, price, signedMoney, signedUnits } from "./format";

/** Expected weekly change at P50, and the recommended price's own P10–P90 as small text. */
function ChangeCell({ change, format, range }: { change: ExpectedChange | null; format: (v: number) => string; range: (v: number) => string }) {
  if (!change) return <span className="text-xs text-gray-500 dark:text-gray-400">no cost</span>;
  return (
    <>
      <span className={change.change > 0 ? "text-green-700 dark:text-green-400" : change.change < 0 ? "text-red-700 dark:text-red-400" : ""}>{format(change.change)}</span>
      <span className="block text-xs text-gray-500 dark:text-gray-400">
        {range(change.recommended.p10)}–{range(change.recommended.p90)}
      </span>
    </>
  );
}

const moneyRange = (cents: number) => price(Math.round(cents));

/**
 * One page of recommendations. Merchandisers get a checkbox per pending recommendation and the bulk approve bar above;
 * not on one whose guardrails conflicted (it kept the current price, so there is nothing to approve as it stands).
 */
export function RecommendationsTable({
  rows,
  runId,
  filter,
  params,
  canDecide,
  secondApprovalPct,
  reloadHref,
}: {
  rows: RecommendationListRow[];
  runId: number;
  filter: PricingFilter;
  params: Record<string, string>;
  canDecide: boolean;
  secondApprovalPct: number;
  reloadHref: string;
}) {
  const selectable = (r: RecommendationListRow): SelectedRow => ({ id: r.productId, expectedVersion: r.version, label: r.sku });
  const canApprove = (r: RecommendationListRow) => r.status === "pending" && r.conflict === null;
  const approvable = rows.filter(canApprove).map(selectable);
  const sorting = { sort: filter, defaultDir, params };
  const table = (
    <Table testId="pricing-table">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={approvable} label="Select all pending recommendations on this page" />}
        <SortHeader column="sku" label="Product" {...sorting} />
        <Th>Category</Th>
        <Th numeric>Current → recommended</Th>
        <SortHeader column="change" label="Change" {...sorting} numeric />
        <Th numeric>Δ units / wk</Th>
        <Th numeric>Δ revenue / wk</Th>
        <SortHeader column="uplift" label="Δ profit / wk" {...sorting} numeric />
        <SortHeader column="confidence" label="Confidence" {...sorting} />
        <Th>Bound by</Th>
        <Th>Status</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.productId}>
            {canDecide && <RowCheckboxCell row={canApprove(r) ? selectable(r) : null} />}
            <Td>
              <Link href={`/pricing/${r.productId}`} className="font-medium text-blue-600 hover:underline dark:text-blue-400">
                {r.sku}
              </Link>
              <span className="block text-xs text-gray-600 dark:text-gray-400">{r.name}</span>
            </Td>
            <Td className="text-xs">{r.category}</Td>
            <Td numeric>
              <span className="whitespace-nowrap">
                {price(r.currentPriceCents)} → <span className="font-medium">{price(r.recommendedPriceCents)}</span>
              </span>
              {r.decidedPriceCents !== null && r.decidedPriceCents !== r.recommendedPriceCents && <span className="block text-xs text-gray-500 dark:text-gray-400">decided {price(r.decidedPriceCents)}</span>}
            </Td>
            <Td numeric>{formatPct(r.changePct)}</Td>
            <Td numeric>
              <ChangeCell change={r.expected.units} format={signedUnits} range={formatWeeklyUnits} />
            </Td>
            <Td numeric>
              <ChangeCell change={r.expected.revenue} format={signedMoney} range={moneyRange} />
            </Td>
            <Td numeric>
              <ChangeCell change={r.expected.profit} format={signedMoney} range={moneyRange} />
            </Td>
            <Td>
              <ConfidenceBadge confidence={r.confidence} />
            </Td>
            <Td>
              <GuardrailBadge boundBy={r.boundBy} reason={r.guardrailNote} conflict={r.conflict} />
            </Td>
            <Td>
              <RecommendationStatusBadge status={r.status} />
              {r.status === "awaiting_second" && r.firstApprovedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">1st: {r.firstApprovedBy}</span>}
              {(r.status === "approved" || r.status === "rejected") && r.decidedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">{r.decidedBy}</span>}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
  if (!canDecide) return table;
  return (
    <BulkSelection>
      <BulkApproveBar runId={runId} secondApprovalPct={secondApprovalPct} reloadHref={reloadHref} />
      {table}
    </BulkSelection>
  );
}
