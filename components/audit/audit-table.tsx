import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { AuditEntry } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-gray-500">–</span>;
  return <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditTable({ rows }: { rows: AuditEntry[] }) {
  return (
    <Table testId="audit-table">
      <HeaderRow>
        <Th>When</Th>
        <Th>Who</Th>
        <Th>Action</Th>
        <Th>Record</Th>
        <Th>Change</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap tabular-nums">{formatDateTime(r.at)}</Td>
            <Td>{r.actorEmail}</Td>
            <Td className="font-mono text-xs">{r.action}</Td>
            <Td>
              {r.entityType}
              {r.entityId ? ` #${r.entityId}` : ""}
            </Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-blue-600 dark:text-blue-400">before / after</summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div>
                    <p className="text-xs text-gray-500">Before</p>
                    <Json value={r.before} />
                  </div>
                  <div>
                    <p className="text-xs text-gray-500">After</p>
                    <Json value={r.after} />
                  </div>
                </div>
              </details>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
