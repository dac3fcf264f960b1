import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import type { Job } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

export type FraudJob = Pick<Job, "id" | "kind" | "status" | "createdAt" | "error"> & { progress: { stage?: string; fraction?: number } | null };

export const fraudJobLabel: Record<Job["kind"], string> = { train: "Training a fraud model", evaluate: "Checking drift", score: "Scoring recent payments" };

const pct = (j: FraudJob) => (j.progress?.fraction !== undefined ? ` (${Math.round(j.progress.fraction * 100)} %)` : "");

/** Fraud jobs queued or running (train, then batch scoring): the page refreshes itself until they finish. */
export function FraudJobs({ jobs }: { jobs: FraudJob[] }) {
  const active = jobs.filter((j) => j.status === "queued" || j.status === "running");
  const latest = jobs[0];
  if (active.length === 0) {
    if (latest?.status !== "failed") return null;
    return (
      <p className="card mb-4 text-sm text-red-700 dark:text-red-400" role="status" data-testid="fraud-jobs">
        The last fraud job (#{latest.id}, {fraudJobLabel[latest.kind].toLowerCase()}) failed{latest.error ? `: ${latest.error}` : "."} The cases below were not replaced.
      </p>
    );
  }
  return (
    <div className="card mb-4 text-sm" role="status" data-testid="fraud-jobs">
      <AutoRefresh active ms={3000} />
      <ul className="space-y-1">
        {active.map((j) => (
          <li key={j.id}>
            <span className="font-medium">{fraudJobLabel[j.kind]}</span> (job #{j.id}): {j.status}
            {j.status === "running" && j.progress?.stage ? ` · ${j.progress.stage}${pct(j)}` : ""}
            <span className="text-gray-500"> · queued {formatDateTime(j.createdAt)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-gray-500">This page updates when the job finishes; new cases join the queue as payments are scored.</p>
    </div>
  );
}

/**
 * The queue has nothing to show yet. Says honestly why: a job is training or scoring (and the page follows it), the
 * last one failed, no fraud model has been trained, or the champion has not flagged anything yet.
 */
export function FraudPending({ jobs, championVersion, dataSummary }: { jobs: FraudJob[]; championVersion: number | null; dataSummary: string }) {
  const active = jobs.find((j) => j.status === "running" || j.status === "queued");
  const lastFinished = jobs.find((j) => j.status !== "running" && j.status !== "queued");
  if (active) {
    return (
      <EmptyState title={active.kind === "train" ? "A fraud model is being trained" : "Recent payments are being scored"}>
        <AutoRefresh active ms={3000} />
        <p role="status" data-testid="fraud-job-status">
          Job #{active.id} ({active.kind}) is {active.status}
          {active.status === "running" && active.progress?.stage ? `: ${active.progress.stage}${pct(active)}` : ""}. Queued {formatDateTime(active.createdAt)}.
        </p>
        <p className="mt-1">Flagged payments appear here as soon as they are scored.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={championVersion === null ? "No fraud model has been trained yet" : "No payment has been flagged for review yet"}>
      {championVersion === null ? (
        <>
          <p>Ready to train on: {dataSummary}.</p>
          <p className="mt-1">The queue fills once an admin trains and promotes a fraud model: its first job scores recent payments.</p>
        </>
      ) : (
        <p>Fraud model v{championVersion} is the champion; payments it or a rule sends to review appear here (scored by the API or a batch job).</p>
      )}
      {lastFinished?.status === "failed" && (
        <p className="mt-2 text-red-700 dark:text-red-400">
          The last fraud job (#{lastFinished.id}, {lastFinished.kind}) failed{lastFinished.error ? `: ${lastFinished.error}` : "."}
        </p>
      )}
    </EmptyState>
  );
}
