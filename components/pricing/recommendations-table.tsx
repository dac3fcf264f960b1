import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { HeaderRow, SortHeader, Table, Td, Th, Tr } from "@/components/ui/table";
import { isLocale } from "@/lib/i18n/locales";
import { getFormat } from "@/lib/i18n/server";
import { guardrailsText } from "@/lib/pricing/allowed";
import { defaultDir, type ExpectedChange, type PricingFilter, type RecommendationListRow } from "@/lib/pricing/queries";
import type { ApprovePricingAction } from "@/lib/pricing/types";
import { ConfidenceBadge, GuardrailBadge, RecommendationStatusBadge } from "./badges";
import { BulkApproveBar } from "./bulk-approve";


/** Expected weekly change at P50, and the recommended price's own P10–P90 as small text. */
function ChangeCell({ change, format, range, noCost }: { change: ExpectedChange | null; format: (v: number) => string; range: (v: number) => string; noCost: string }) {
  if (!change) return <span className="text-xs text-gray-500 dark:text-gray-400">{noCost}</span>;
  return (
    <>
      <span className={change.change > 0 ? "text-green-700 dark:text-green-400" : change.change < 0 ? "text-red-700 dark:text-red-400" : ""}>{format(change.change)}</span>
      <span className="block text-xs text-gray-500 dark:text-gray-400">
        {range(change.recommended.p10)}–{range(change.recommended.p90)}
      </span>
    </>
  );
}

/**
 * One page of recommendations. Merchandisers get a checkbox per pending recommendation and the bulk approve bar above;
 * not on one whose guardrails conflicted (it kept the current price, so there is nothing to approve as it stands).
 */
export async function RecommendationsTable({
  rows,
  runId,
  filter,
  params,
  canDecide,
  secondApprovalPct,
  reloadHref,
  approveAction,
}: {
  rows: RecommendationListRow[];
  runId: number;
  filter: PricingFilter;
  params: Record<string, string>;
  canDecide: boolean;
  secondApprovalPct: number;
  reloadHref: string;
  /** The page's server action, for the bulk approve bar. */
  approveAction: ApprovePricingAction;
}) {
  const t = await getTranslations("pricing.table");
  const f = await getFormat();
  const locale = await getLocale();
  const guardrailsOf = (r: RecommendationListRow) => guardrailsText(r.boundBy, r.adjustments, isLocale(locale) ? locale : undefined);
  const price = (cents: number) => f.money(cents);
  const moneyRange = (cents: number) => f.money(Math.round(cents));
  /** A change of money: cents shown below $100, whole dollars above. */
  const signedMoney = (cents: number) => f.signedMoney(cents, { whole: Math.abs(cents) >= 10_000 });
  const signedUnits = (v: number) => (v > 0 ? `+${f.units(v)}` : f.units(v));
  const noCost = t("noCost");
  const selectable = (r: RecommendationListRow): SelectedRow => ({ id: r.productId, expectedVersion: r.version, label: r.sku });
  const canApprove = (r: RecommendationListRow) => r.status === "pending" && r.conflict === null;
  const approvable = rows.filter(canApprove).map(selectable);
  const sorting = { sort: filter, defaultDir, params };
  const table = (
    <Table testId="pricing-table">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={approvable} label={t("selectAll")} />}
        <SortHeader column="sku" label={t("product")} {...sorting} />
        <Th>{t("category")}</Th>
        <Th numeric>{t("currentToRecommended")}</Th>
        <SortHeader column="change" label={t("change")} {...sorting} numeric />
        <Th numeric>{t("units")}</Th>
        <Th numeric>{t("revenue")}</Th>
        <SortHeader column="uplift" label={t("profit")} {...sorting} numeric />
        <SortHeader column="confidence" label={t("confidence")} {...sorting} />
        <Th>{t("boundBy")}</Th>
        <Th>{t("status")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => {
          const guardrails = guardrailsOf(r);
          return (
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
              {r.decidedPriceCents !== null && r.decidedPriceCents !== r.recommendedPriceCents && <span className="block text-xs text-gray-500 dark:text-gray-400">{t("decided", { price: price(r.decidedPriceCents) })}</span>}
            </Td>
            <Td numeric>{f.signedPercent(r.changePct / 100)}</Td>
            <Td numeric>
              <ChangeCell change={r.expected.units} format={signedUnits} range={f.units} noCost={noCost} />
            </Td>
            <Td numeric>
              <ChangeCell change={r.expected.revenue} format={signedMoney} range={moneyRange} noCost={noCost} />
            </Td>
            <Td numeric>
              <ChangeCell change={r.expected.profit} format={signedMoney} range={moneyRange} noCost={noCost} />
            </Td>
            <Td>
              <ConfidenceBadge confidence={r.confidence} />
            </Td>
            <Td>
              <GuardrailBadge boundBy={r.boundBy} reason={guardrails.note} conflict={guardrails.conflict} />
            </Td>
            <Td>
              <RecommendationStatusBadge status={r.status} />
              {r.status === "awaiting_second" && r.firstApprovedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">{t("firstApproval", { email: r.firstApprovedBy })}</span>}
              {(r.status === "approved" || r.status === "rejected") && r.decidedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">{r.decidedBy}</span>}
            </Td>
          </Tr>
          );
        })}
      </tbody>
    </Table>
  );
  if (!canDecide) return table;
  return (
    <BulkSelection>
      <BulkApproveBar runId={runId} secondApprovalPct={secondApprovalPct} reloadHref={reloadHref} approveAction={approveAction} />
      {table}
    </BulkSelection>
  );
}
