import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { PlacementSummary } from "@/lib/recommendations/overview";
import { linkClass } from "./format";

/** The four placements: what the storefront serves (the live version), and whether the draft would change it. */
export function PlacementsTable({ rows }: { rows: PlacementSummary[] }) {
  return (
    <Table testId="placements">
      <HeaderRow>
        <Th>Placement</Th>
        <Th>Live version</Th>
        <Th>Draft</Th>
        <Th>Model</Th>
        <Th>Rules</Th>
        <Th numeric>Items shown</Th>
      </HeaderRow>
      <tbody>
        {rows.map((p) => (
          <Tr key={p.code}>
            <Td>
              <Link href={`/recommendations/placements/${p.code}`} className={`font-medium ${linkClass}`}>
                {p.label}
              </Link>
              <span className="block text-xs text-gray-500 dark:text-gray-400">{p.description}</span>
            </Td>
            <Td>
              {p.live ? (
                <>
                  <span className="font-medium">v{p.live.version}</span>
                  <span className="block text-xs text-gray-500 dark:text-gray-400">
                    {p.live.approvedBy} · {formatDateTime(p.live.approvedAt)}
                  </span>
                </>
              ) : (
                <span className="text-amber-700 dark:text-amber-400">Not approved</span>
              )}
            </Td>
            <Td>
              {!p.live ? (
                <span className="text-gray-500 dark:text-gray-400">{p.draft.revision === 0 ? "Default rules" : `Revision ${p.draft.revision}`}</span>
              ) : p.draftDiffers ? (
                <span className="text-amber-700 dark:text-amber-400">Differs from live</span>
              ) : (
                <span className="text-gray-500 dark:text-gray-400">Same as live</span>
              )}
              {p.draft.updatedBy && p.draft.updatedAt && (
                <span className="block text-xs text-gray-500 dark:text-gray-400">
                  edited by {p.draft.updatedBy} · {formatDateTime(p.draft.updatedAt)}
                </span>
              )}
            </Td>
            <Td>{p.model}</Td>
            <Td className="text-xs">{p.rules.length ? p.rules.join(" · ") : "No rules"}</Td>
            <Td numeric>{p.live?.n ?? p.draft.n}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
