import { AutoRefresh } from "@/components/ui/auto-refresh";
import type { Job } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

export type PricingJob = Pick<Job, "id" | "kind" | "status" | "createdAt" | "error"> & { progress: { stage?: string; fraction?: number } | null };

export const pricingJobLabel: Record<Job["kind"], string> = { train: "Training a pricing model", evaluate: "Checking drift", score: "Publishing price recommendations" };

/** Pricing jobs queued or running (train, then publish): the page refreshes itself until they finish. */
export function PricingJobs({ jobs }: { jobs: PricingJob[] }) {
  const active = jobs.filter((j) => j.status === "queued" || j.status === "running");
  const latest = jobs[0];
  if (active.length === 0) {
    // The newest pricing job failed: the recommendations shown are older than someone asked for, so say so.
    if (latest?.status !== "failed") return null;
    return (
      <p className="card mb-4 text-sm text-red-700 dark:text-red-400" role="status" data-testid="pricing-jobs">
        The last pricing job (#{latest.id}, {pricingJobLabel[latest.kind].toLowerCase()}) failed{latest.error ? `: ${latest.error}` : "."} The recommendations below were not replaced.
      </p>
    );
  }
  return (
    <div className="card mb-4 text-sm" role="status" data-testid="pricing-jobs">
      <AutoRefresh active ms={3000} />
      <ul className="space-y-1">
        {active.map((j) => {
          const pct = j.progress?.fraction !== undefined ? ` · ${Math.round(j.progress.fraction * 100)} %` : "";
          return (
            <li key={j.id}>
              <span className="font-medium">{pricingJobLabel[j.kind]}</span> (job #{j.id}): {j.status}
              {j.status === "running" && j.progress?.stage ? ` · ${j.progress.stage}` : ""}
              {j.status === "running" ? pct : ""}
              <span className="text-gray-500"> · queued {formatDateTime(j.createdAt)}</span>
            </li>
          );
        })}
      </ul>
      <p className="mt-1 text-xs text-gray-500">This page updates when the job finishes; the recommendations below stay in force until then.</p>
    </div>
  );
}
