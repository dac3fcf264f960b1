import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ImportView } from "@/lib/csv/queries";
import { formatDateTime, formatInteger } from "@/lib/format";

const statusClass: Record<string, string> = {
  refused: "text-red-600 dark:text-red-400",
  failed: "text-red-600 dark:text-red-400",
  queued: "text-blue-700 dark:text-blue-300",
  running: "text-blue-700 dark:text-blue-300",
};

/** The latest imports: each one's status, rows, and its first error or what it wrote; the file links to the full result. */
export function ImportsTable({ imports }: { imports: ImportView[] }) {
  return (
    <Table testId="imports-table" label="Recent imports">
      <HeaderRow>
        <Th>When</Th>
        <Th>File</Th>
        <Th>Kind</Th>
        <Th>Status</Th>
        <Th numeric>Rows written / read</Th>
        <Th>Details</Th>
      </HeaderRow>
      <tbody>
        {imports.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap">{formatDateTime(r.createdAt)}</Td>
            <Td>
              <Link href={`/data?import=${r.id}`} className="text-blue-600 hover:underline dark:text-blue-400">
                {r.filename}
              </Link>
            </Td>
            <Td>{r.kind}</Td>
            <Td className={statusClass[r.status] ?? ""}>{r.status}</Td>
            <Td numeric>
              {formatInteger(r.rowsWritten)} / {formatInteger(r.rowsRead)}
            </Td>
            <Td className="max-w-md text-gray-600 dark:text-gray-400">{r.detail}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
