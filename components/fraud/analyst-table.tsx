import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { AnalystStats } from "@/lib/fraud/performance";
import { formatDuration, formatShare } from "./format";

/** Each analyst's decisions: how many, how fast, and how often they agree with what is known to be true. */
export function AnalystTable({ rows }: { rows: AnalystStats[] }) {
  if (rows.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">No analyst has decided a case yet.</p>;
  return (
    <Table testId="analyst-table">
      <HeaderRow>
        <Th>Analyst</Th>
        <Th numeric>Fraud</Th>
        <Th numeric>Legitimate</Th>
        <Th numeric>Escalated</Th>
        <Th numeric>Median time to decide</Th>
        <Th numeric>Agrees with known outcome</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.userId}>
            <Td>{r.email}</Td>
            <Td numeric>{r.fraud}</Td>
            <Td numeric>{r.legitimate}</Td>
            <Td numeric>{r.escalated}</Td>
            <Td numeric>{r.medianDecideMs === null ? "–" : formatDuration(r.medianDecideMs)}</Td>
            <Td numeric>
              {r.agreement === null ? "–" : formatShare(r.agreement)}
              <span className="block text-xs text-gray-500 dark:text-gray-400">{r.withTruth === 0 ? "no known outcomes" : `of ${r.withTruth} with a known outcome`}</span>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
