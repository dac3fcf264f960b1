import { ImportOutcome } from "@/components/data/import-outcome";
import type { ImportView } from "@/lib/csv/queries";
import { formatInteger } from "@/lib/format";

const stageLabels: Record<string, string> = { reading: "Reading and checking rows", checking: "Checking against the database", writing: "Writing" };

/** One import followed from the page (a queued upload): where it stands, then its result. */
export function ImportProgress({ view }: { view: ImportView }) {
  if (view.result) return <ImportOutcome result={view.result} />;
  if (view.status === "failed") {
    return (
      <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300">
        Import of {view.filename} failed: {view.detail}
      </p>
    );
  }
  const percent = view.progress ? Math.round(view.progress.fraction * 100) : 0;
  const label = `Import of ${view.filename}`;
  return (
    <div className="mt-4 rounded-md border border-blue-200 bg-blue-50 p-4 text-sm dark:border-blue-900 dark:bg-blue-950" data-testid="import-progress">
      <p aria-live="polite">
        {view.status === "queued"
          ? `${label} (${((view.fileBytes ?? 0) / 1e6).toFixed(1)} MB) is queued: it runs in the background, and you may leave this page.`
          : `${label}: ${stageLabels[view.progress?.stage ?? ""] ?? "Starting"}, ${percent}% of the file read (${formatInteger(view.progress?.rowsRead ?? 0)} rows).`}
      </p>
      <progress className="mt-2 w-full" aria-label={label} max={100} value={view.status === "queued" ? undefined : percent} />
    </div>
  );
}
