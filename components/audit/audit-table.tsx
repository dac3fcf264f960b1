import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { AuditEntry } from "@/db/schema";
import { describeAuditEntry, type AuditRecordRef } from "@/lib/audit/describe";
import { formatDateTime } from "@/lib/format";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-gray-600 dark:text-gray-400">–</span>;
  return <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

/** One sentence per entry, the record linked where it has a page; the action key stays beside it for searching. */
function Sentence({ row, record }: { row: AuditEntry; record: AuditRecordRef | undefined }) {
  const s = describeAuditEntry(row, record);
  return (
    <p>
      <span className="font-medium">{s.actor}</span> {s.verb}
      {s.object && (
        <>
          {" "}
          {s.object.href ? (
            <Link href={s.object.href} className="text-blue-700 underline dark:text-blue-400">
              {s.object.text}
            </Link>
          ) : (
            s.object.text
          )}
        </>
      )}
      {s.detail ? ` ${s.detail}` : ""}
    </p>
  );
}

export function AuditTable({ rows, records }: { rows: AuditEntry[]; records: Map<number, AuditRecordRef> }) {
  return (
    <Table testId="audit-table">
      <HeaderRow>
        <Th>When</Th>
        <Th>What happened</Th>
        <Th>Change</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap tabular-nums">{formatDateTime(r.at)}</Td>
            <Td className="min-w-64">
              <Sentence row={r} record={records.get(r.id)} />
              <p className="mt-0.5 text-xs text-gray-600 dark:text-gray-400">
                <code className="font-mono">{r.action}</code> · {r.actorEmail}
              </p>
            </Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-blue-700 dark:text-blue-400">before / after</summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div>
                    <p className="text-xs text-gray-600 dark:text-gray-400">Before</p>
                    <Json value={r.before} />
                  </div>
                  <div>
                    <p className="text-xs text-gray-600 dark:text-gray-400">After</p>
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
