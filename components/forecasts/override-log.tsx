import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ProductForecast } from "@/lib/forecasts/product";
import { formatDateTime } from "@/lib/format";
import { formatUnits, overrideReasonLabels } from "./format";

/** Every override made on this plan, newest first; only the latest per week is in force. */
export function OverrideLog({ entries }: { entries: ProductForecast["overrideLog"] }) {
  if (entries.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No overrides yet: the model&apos;s forecast is in force for every week.</p>;
  return (
    <Table testId="override-log">
      <HeaderRow>
        <Th>When</Th>
        <Th>Who</Th>
        <Th>Week</Th>
        <Th numeric>Model P50</Th>
        <Th numeric>Override</Th>
        <Th>Reason</Th>
        <Th>Note</Th>
      </HeaderRow>
      <tbody>
        {entries.map((o) => (
          <Tr key={o.id}>
            <Td className="text-xs whitespace-nowrap">{formatDateTime(new Date(o.at))}</Td>
            <Td className="text-xs">{o.by}</Td>
            <Td className="whitespace-nowrap">{o.week}</Td>
            <Td numeric>{formatUnits(o.modelP50)}</Td>
            <Td numeric>{formatUnits(o.units)}</Td>
            <Td>{overrideReasonLabels[o.reason] ?? o.reason}</Td>
            <Td className="text-xs">{o.note ?? ""}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
