import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import type { ForecastJob } from "./forecast-jobs";

/**
 * No forecast run exists yet. Says honestly why: a job is training or publishing (and the page follows it), the last
 * one failed, no model has been trained, or the champion has not published yet.
 */
export function ForecastPending({
  jobs,
  championVersion,
  dataSummary,
  refresh,
}: {
  jobs: ForecastJob[];
  championVersion: number | null;
  dataSummary: string;
  refresh: React.ReactNode;
}) {
  const active = jobs.find((j) => j.status === "running" || j.status === "queued");
  const lastFinished = jobs.find((j) => j.status !== "running" && j.status !== "queued");
  if (active) {
    const pct = active.progress?.fraction !== undefined ? ` (${Math.round(active.progress.fraction * 100)} %)` : "";
    return (
      <EmptyState title={active.kind === "train" ? "A forecast model is being trained" : "Forecasts are being published"}>
        <AutoRefresh active ms={3000} />
        <p role="status" data-testid="forecast-job-status">
          Job #{active.id} ({active.kind}) is {active.status}
          {active.status === "running" && active.progress?.stage ? `: ${active.progress.stage}${pct}` : ""}. Queued {formatDateTime(active.createdAt)}.
        </p>
        <p className="mt-1">This page shows the forecasts as soon as the run is published.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={championVersion === null ? "No forecast model has been trained yet" : "No forecasts have been published yet"}>
      {championVersion === null ? (
        <>
          <p>Ready to train on: {dataSummary}.</p>
          <p className="mt-1">Forecasts appear here once an admin trains and promotes a forecast model.</p>
        </>
      ) : (
        <p>Forecast model v{championVersion} is the champion, but it has not published a forecast run yet.</p>
      )}
      {lastFinished?.status === "failed" && (
        <p className="mt-2 text-red-700 dark:text-red-400">
          The last forecast job (#{lastFinished.id}, {lastFinished.kind}) failed{lastFinished.error ? `: ${lastFinished.error}` : "."}
        </p>
      )}
      {championVersion !== null && refresh && <div className="mt-3 flex justify-center">{refresh}</div>}
    </EmptyState>
  );
}
