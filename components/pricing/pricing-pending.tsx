import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import type { PricingJob } from "./pricing-jobs";

/**
 * No price run exists yet. Says honestly why: a job is training or publishing (and the page follows it), the last
 * one failed, no model has been trained, or the champion has not published yet.
 */
export function PricingPending({ jobs, championVersion, dataSummary, refresh }: { jobs: PricingJob[]; championVersion: number | null; dataSummary: string; refresh: React.ReactNode }) {
  const active = jobs.find((j) => j.status === "running" || j.status === "queued");
  const lastFinished = jobs.find((j) => j.status !== "running" && j.status !== "queued");
  if (active) {
    const pct = active.progress?.fraction !== undefined ? ` (${Math.round(active.progress.fraction * 100)} %)` : "";
    return (
      <EmptyState title={active.kind === "train" ? "A pricing model is being trained" : "Price recommendations are being published"}>
        <AutoRefresh active ms={3000} />
        <p role="status" data-testid="pricing-job-status">
          Job #{active.id} ({active.kind}) is {active.status}
          {active.status === "running" && active.progress?.stage ? `: ${active.progress.stage}${pct}` : ""}. Queued {formatDateTime(active.createdAt)}.
        </p>
        <p className="mt-1">This page shows the recommendations as soon as the run is published.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={championVersion === null ? "No pricing model has been trained yet" : "No price recommendations have been published yet"}>
      {championVersion === null ? (
        <>
          <p>Ready to train on: {dataSummary}.</p>
          <p className="mt-1">Recommendations appear here once an admin trains and promotes a pricing model.</p>
        </>
      ) : (
        <p>Pricing model v{championVersion} is the champion, but it has not published recommendations yet.</p>
      )}
      {lastFinished?.status === "failed" && (
        <p className="mt-2 text-red-700 dark:text-red-400">
          The last pricing job (#{lastFinished.id}, {lastFinished.kind}) failed{lastFinished.error ? `: ${lastFinished.error}` : "."}
        </p>
      )}
      {championVersion !== null && refresh && <div className="mt-3 flex justify-center">{refresh}</div>}
    </EmptyState>
  );
}
