import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatInteger, formatMoney, formatSignedPercent } from "@/lib/format";
import type { CategoryTotal } from "@/lib/overview/queries";

export function CategoryTable({ rows }: { rows: CategoryTotal[] }) {
  return (
    <Table testId="category-table">
      <HeaderRow>
        <Th>Category</Th>
        <Th numeric>Revenue</Th>
        <Th numeric>Units</Th>
        <Th numeric>Change</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.category}>
            <Td>{r.category}</Td>
            <Td numeric>{formatMoney(r.revenueCents)}</Td>
            <Td numeric>{formatInteger(r.units)}</Td>
            <Td numeric>{formatSignedPercent(r.previousRevenueCents > 0 ? r.revenueCents / r.previousRevenueCents - 1 : null)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
