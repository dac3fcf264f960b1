import { rollbackPlacementAction } from "@/app/(dashboard)/recommendations/actions";
import { ActionButton } from "@/components/ui/action-button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { PlacementCode } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { HistoryEntry } from "@/lib/recommendations/overview";

/**
 * The placement's approved versions, newest (live) first. A merchandiser may serve an older one again: the rollback
 * is approved as a new version, so the history only grows.
 */
export function ApprovedHistory({ placement, rows, canRollback }: { placement: PlacementCode; rows: HistoryEntry[]; canRollback: boolean }) {
  const live = rows[0]?.version ?? 0;
  return (
    <Table testId="approved-versions">
      <HeaderRow>
        <Th>Version</Th>
        <Th>Approved</Th>
        <Th>Model</Th>
        <Th>Rules</Th>
        <Th numeric>Items shown</Th>
        <Th>Note</Th>
        {canRollback && <Th>Actions</Th>}
      </HeaderRow>
      <tbody>
        {rows.map((v) => (
          <Tr key={v.version}>
            <Td className="font-medium">
              v{v.version}
              {v.version === live && <span className="block text-xs font-normal text-green-700 dark:text-green-400">live</span>}
            </Td>
            <Td>
              {v.approvedBy}
              <span className="block text-xs text-gray-500 dark:text-gray-400">{formatDateTime(v.approvedAt)}</span>
            </Td>
            <Td>{v.model}</Td>
            <Td className="text-xs">{v.rules.length ? v.rules.join(" · ") : "No rules"}</Td>
            <Td numeric>{v.n}</Td>
            <Td className="text-xs">{v.note ?? (v.restoredFrom ? `Rollback to version ${v.restoredFrom}` : "–")}</Td>
            {canRollback && (
              <Td>
                {v.version < live && (
                  <ActionButton run={rollbackPlacementAction.bind(null, { placement, toVersion: v.version, expectedVersion: live })} confirm={`Serve version ${v.version} again, as version ${live + 1}?`} testId={`rollback-${v.version}`}>
                    Roll back to this
                  </ActionButton>
                )}
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
