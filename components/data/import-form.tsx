"use client";

import { useState, useTransition } from "react";
import { importCsvAction } from "@/app/(dashboard)/data/actions";
import { Button } from "@/components/ui/button";

type Result = Awaited<ReturnType<typeof importCsvAction>>;

export function ImportForm({ kinds }: { kinds: { key: string; label: string }[] }) {
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setResult({ ok: false, code: "validation", error: "Choose a CSV file first." });
      return;
    }
    startTransition(async () => {
      const text = await file.text();
      setResult(await importCsvAction({ kind: String(form.get("kind")) as "auto", filename: file.name, text }));
    });
  }

  return (
    <div>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Import CSV">
        <label className="text-sm">
          <span className="block font-medium">What the file holds</span>
          <select name="kind" className="input mt-1" defaultValue="auto">
            <option value="auto">Detect from the header</option>
            {kinds.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">CSV file</span>
          <input name="file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </form>
      {result && <ImportOutcome result={result} />}
    </div>
  );
}

function ImportOutcome({ result }: { result: Result }) {
  if (!result.ok) {
    return (
      <p role="alert" className="mt-4 text-sm text-red-600 dark:text-red-400">
        {result.error}
      </p>
    );
  }
  const outcome = result.data;
  if (!outcome.ok) {
    return (
      <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium text-red-700 dark:text-red-300">
          Import refused: {outcome.errorCount.toLocaleString("en-US")} problem{outcome.errorCount === 1 ? "" : "s"} in{" "}
          {outcome.rowsRead.toLocaleString("en-US")} rows. Nothing was written.
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
            {outcome.errors.map((e, i) => (
              <tr key={i}>
                <td className="pr-3 tabular-nums">{e.line}</td>
                <td className="pr-3">{e.column ?? ""}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {outcome.errorCount > outcome.errors.length && <p className="mt-2">…and {outcome.errorCount - outcome.errors.length} more.</p>}
      </div>
    );
  }
  return (
    <div role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm dark:border-green-800 dark:bg-green-950">
      <p className="font-medium text-green-700 dark:text-green-300">
        Imported {outcome.rowsWritten.toLocaleString("en-US")} of {outcome.rowsRead.toLocaleString("en-US")} rows.
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 md:grid-cols-3" data-testid="import-summary">
        {Object.entries(outcome.summary).map(([k, v]) => (
          <div key={k} className="flex justify-between gap-2">
            <dt>{k}</dt>
            <dd className="tabular-nums">{typeof v === "number" ? v.toLocaleString("en-US") : v}</dd>
          </div>
        ))}
      </dl>
      {outcome.notes.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {outcome.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
