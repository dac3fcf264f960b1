import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { HeaderRow, SortHeader, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { defaultQueueDir, type QueueFilter, type QueueRow } from "@/lib/fraud/queue";
import type { BulkDecideAction } from "@/lib/fraud/types";
import { CaseStatusBadge, DecidedBy, DecisionBadge, ScoreBar } from "./badges";
import { BulkDecisionBar } from "./bulk-decide";
import { amount } from "./amount";
import { dueOf } from "./queue-cards";

const active = (r: QueueRow) => r.status === "open" || r.status === "escalated";

/** One page of the review queue. Analysts get a checkbox per case still to decide and the bulk decision bar above. */
export async function QueueTable({
  rows,
  filter,
  params,
  caseQuery,
  canDecide,
  viewerId,
  thresholds,
  reloadHref,
  bulkDecide,
}: {
  rows: QueueRow[];
  filter: QueueFilter;
  params: Record<string, string>;
  /** The queue's filters and sort as a query string, carried to the case page so next/previous follow this order. */
  caseQuery: string;
  canDecide: boolean;
  viewerId: number;
  thresholds: { reviewThreshold: number; blockThreshold: number };
  reloadHref: string;
  /** The bulk decision's server action, passed by the page. */
  bulkDecide: BulkDecideAction;
}) {
  const [t, f, words] = await Promise.all([getTranslations("fraud.queue"), getFormat(), getTranslator()]);
  const selectable = (r: QueueRow): SelectedRow => ({ id: r.caseId, expectedVersion: r.version, label: r.externalId });
  const decidable = rows.filter(active).map(selectable);
  const dueLabel = (r: QueueRow) => {
    const due = dueOf(r, f);
    return due.state === "closed" ? t("closed") : due.state === "overdue" ? t("overdue", { time: due.time }) : t("dueShort", { time: due.time });
  };
  const sorting = { sort: filter, defaultDir: defaultQueueDir, params };
  const table = (
    <Table testId="fraud-queue">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={decidable} label={t("selectAll")} />}
        <Th>{t("columns.transaction")}</Th>
        <SortHeader column="amount" label={t("columns.amount")} {...sorting} numeric />
        <SortHeader column="age" label={t("columns.age")} {...sorting} numeric />
        <SortHeader column="due" label={t("columns.due")} {...sorting} />
        <SortHeader column="score" label={t("columns.score")} {...sorting} />
        <Th>{t("columns.decision")}</Th>
        <Th>{t("columns.topReason")}</Th>
        <Th>{t("columns.status")}</Th>
        <Th>{t("columns.claimedBy")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.caseId}>
            {canDecide && <RowCheckboxCell row={active(r) ? selectable(r) : null} />}
            <Td>
              <Link href={`/fraud/cases/${r.caseId}${caseQuery ? `?${caseQuery}` : ""}`} data-case-link className="font-mono text-xs font-medium text-blue-600 hover:underline dark:text-blue-400">
                {r.externalId}
              </Link>
              {r.email && <span className="block text-xs text-gray-600 dark:text-gray-400">{r.email}</span>}
            </Td>
            <Td numeric>{amount(f, r.amountCents, r.currency)}</Td>
            <Td numeric>{f.duration(r.ageMs)}</Td>
            <Td className="whitespace-nowrap">
              {!active(r) ? (
                <span className="text-xs text-gray-500 dark:text-gray-400">{t("closed")}</span>
              ) : (
                <span className={r.overdue ? "font-medium text-red-700 dark:text-red-400" : ""}>{dueLabel(r)}</span>
              )}
            </Td>
            <Td>
              <ScoreBar score={r.score} {...thresholds} />
            </Td>
            <Td>
              <DecisionBadge decision={r.decision} />
              <span className="block">
                <DecidedBy decidedBy={r.decidedBy} ruleName={r.ruleName} />
              </span>
            </Td>
            <Td className="max-w-64 text-xs">{(r.topReasonMessage ? words(r.topReasonMessage.key, r.topReasonMessage.values) : r.topReason) ?? <span className="text-gray-500 dark:text-gray-400">–</span>}</Td>
            <Td>
              <CaseStatusBadge status={r.status} />
            </Td>
            <Td className="text-xs">
              {r.assigneeEmail && r.claimLive ? (
                <span className={r.assigneeId === viewerId ? "font-medium" : ""}>{r.assigneeId === viewerId ? t("you") : r.assigneeEmail}</span>
              ) : r.assigneeEmail ? (
                <span className="text-gray-500 dark:text-gray-400" title={t("lapsedTitle", { email: r.assigneeEmail })}>
                  {t("nobodyLapsed")}
                </span>
              ) : (
                <span className="text-gray-500 dark:text-gray-400">{t("nobody")}</span>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
  if (!canDecide) return table;
  return (
    <BulkSelection>
      <BulkDecisionBar bulkDecide={bulkDecide} reloadHref={reloadHref} />
      {table}
    </BulkSelection>
  );
}
