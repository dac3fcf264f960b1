import type { ImportResult } from "@/lib/csv/types";
import { formatInteger } from "@/lib/format";

/** What an import did: the rows written with their summary and notes, or every problem by line when refused. */
export function ImportOutcome({ result }: { result: ImportResult }) {
  if (!result.ok) {
    return (
      <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium text-red-700 dark:text-red-300">
          Import refused: {formatInteger(result.errorCount)} problem{result.errorCount === 1 ? "" : "s"} in {formatInteger(result.rowsRead)} rows.
          Nothing was written.
        </p>
        <table className="mt-3 w-full text-left" data-testid="import-errors">
          <thead>
            <tr>
              <th className="pr-3 font-medium">Line</th>
              <th className="pr-3 font-medium">Column</th>
              <th className="font-medium">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e, i) => (
              <tr key={i}>
                <td className="pr-3 tabular-nums">{e.line > 0 ? e.line : "file"}</td>
                <td className="pr-3">{e.column ?? ""}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.errorCount > result.errors.length && <p className="mt-2">…and {formatInteger(result.errorCount - result.errors.length)} more.</p>}
      </div>
    );
  }
  return (
    <div role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm dark:border-green-800 dark:bg-green-950">
      <p className="font-medium text-green-700 dark:text-green-300">
        Imported {formatInteger(result.rowsWritten)} of {formatInteger(result.rowsRead)} rows.
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 md:grid-cols-3" data-testid="import-summary">
        {Object.entries(result.summary).map(([k, v]) => (
          <div key={k} className="flex justify-between gap-2">
            <dt>{k}</dt>
            <dd className="tabular-nums">{typeof v === "number" ? v.toLocaleString("en-US") : v}</dd>
          </div>
        ))}
      </dl>
      {result.notes.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
