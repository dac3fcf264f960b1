import Link from "next/link";
import { BulkSelection, RowCheckboxCell, SelectAllHeader, type SelectedRow } from "@/components/ui/bulk-selection";
import { SortHeader } from "@/components/ui/sort-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { defaultQueueDir, type QueueFilter, type QueueRow } from "@/lib/fraud/queue";
import { CaseStatusBadge, DecidedBy, DecisionBadge, ScoreBar } from "./badges";
import { BulkDecisionBar } from "./bulk-decide";
import { amount, formatDuration } from "./format";
import { dueText } from "./queue-cards";

const active = (r: QueueRow) => r.status === "open" || r.status === "escalated";

/** One page of the review queue. Analysts get a checkbox per case still to decide and the bulk decision bar above. */
export function QueueTable({
  rows,
  filter,
  params,
  caseQuery,
  canDecide,
  viewerId,
  thresholds,
  reloadHref,
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
}) {
  const selectable = (r: QueueRow): SelectedRow => ({ id: r.caseId, expectedVersion: r.version, label: r.externalId });
  const decidable = rows.filter(active).map(selectable);
  const sorting = { sort: filter, defaultDir: defaultQueueDir, params };
  const table = (
    <Table testId="fraud-queue">
      <HeaderRow>
        {canDecide && <SelectAllHeader rows={decidable} label="Select all open cases on this page" />}
        <Th>Transaction</Th>
        <SortHeader column="amount" label="Amount" {...sorting} numeric />
        <SortHeader column="age" label="Age" {...sorting} numeric />
        <SortHeader column="due" label="Due" {...sorting} />
        <SortHeader column="score" label="Score" {...sorting} />
        <Th>Decision</Th>
        <Th>Top reason</Th>
        <Th>Status</Th>
        <Th>Claimed by</Th>
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
            <Td numeric>{amount(r.amountCents, r.currency)}</Td>
            <Td numeric>{formatDuration(r.ageMs)}</Td>
            <Td className="whitespace-nowrap">
              {!active(r) ? (
                <span className="text-xs text-gray-500 dark:text-gray-400">closed</span>
              ) : (
                <span className={r.overdue ? "font-medium text-red-700 dark:text-red-400" : ""}>{dueText(r).text.replace(/^due /, "")}</span>
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
            <Td className="max-w-64 text-xs">{r.topReason ?? <span className="text-gray-500 dark:text-gray-400">–</span>}</Td>
            <Td>
              <CaseStatusBadge status={r.status} />
            </Td>
            <Td className="text-xs">
              {r.assigneeEmail && r.claimLive ? (
                <span className={r.assigneeId === viewerId ? "font-medium" : ""}>{r.assigneeId === viewerId ? "you" : r.assigneeEmail}</span>
              ) : r.assigneeEmail ? (
                <span className="text-gray-500 dark:text-gray-400" title={`${r.assigneeEmail}'s claim lapsed`}>
                  nobody (lapsed)
                </span>
              ) : (
                <span className="text-gray-500 dark:text-gray-400">nobody</span>
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
      <BulkDecisionBar reloadHref={reloadHref} />
      {table}
    </BulkSelection>
  );
}
