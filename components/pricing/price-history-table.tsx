import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { PriceHistoryEntry } from "@/lib/pricing/queries";
import { formatDateTime } from "@/lib/format";
import { price } from "./format";

const sourceLabels: Record<PriceHistoryEntry["source"], string> = { seed: "history", import: "import", approved: "approved" };

/** Every list price of the product, newest first: where it came from and, for approved prices, who approved it. */
export function PriceHistoryTable({ entries }: { entries: PriceHistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No price changes recorded.</p>;
  return (
    <Table testId="price-history">
      <HeaderRow>
        <Th>Effective from</Th>
        <Th numeric>Price</Th>
        <Th>Source</Th>
        <Th>Approved by</Th>
        <Th>Reason</Th>
      </HeaderRow>
      <tbody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">{e.effectiveFrom}</Td>
            <Td numeric>{price(e.priceCents)}</Td>
            <Td>{sourceLabels[e.source]}</Td>
            <Td className="text-xs">
              {e.approvedBy ?? "–"}
              {e.firstApprovedBy && e.firstApprovedBy !== e.approvedBy && <span className="block text-gray-500 dark:text-gray-400">first: {e.firstApprovedBy}</span>}
              {e.decidedAt !== null && <span className="block text-gray-500 dark:text-gray-400">{formatDateTime(new Date(e.decidedAt))}</span>}
            </Td>
            <Td className="text-xs">{e.reason ?? ""}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
