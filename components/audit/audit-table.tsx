import type { AuditEntry } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-gray-400">–</span>;
  return <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditTable({ rows }: { rows: AuditEntry[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="audit-table">
        <thead className="text-left text-gray-500 dark:text-gray-400">
          <tr>
            <th className="py-2 pr-4 font-medium">When</th>
            <th className="py-2 pr-4 font-medium">Who</th>
            <th className="py-2 pr-4 font-medium">Action</th>
            <th className="py-2 pr-4 font-medium">Record</th>
            <th className="py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-gray-100 align-top dark:border-gray-800">
              <td className="py-2 pr-4 whitespace-nowrap tabular-nums">{formatDateTime(r.at)}</td>
              <td className="py-2 pr-4">{r.actorEmail}</td>
              <td className="py-2 pr-4 font-mono text-xs">{r.action}</td>
              <td className="py-2 pr-4">
                {r.entityType}
                {r.entityId ? ` #${r.entityId}` : ""}
              </td>
              <td className="py-2">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
