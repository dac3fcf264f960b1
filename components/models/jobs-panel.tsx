import { cancelJobAction } from "@/app/(dashboard)/models/actions";
import { LossChart } from "@/components/charts/loss-chart";
import { ActionButton } from "@/components/ui/action-button";
import { formatDateTime } from "@/lib/format";
import type { JobView } from "@/lib/models/queries";

const statusTone: Record<string, string> = {
  queued: "text-gray-600 dark:text-gray-400",
  running: "text-blue-600 dark:text-blue-400",
  succeeded: "text-green-600 dark:text-green-400",
  failed: "text-red-600 dark:text-red-400",
  cancelled: "text-amber-600 dark:text-amber-400",
};

export function JobsPanel({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No job has run yet. Start one with “Train new version”.</p>;
  return (
    <ul className="space-y-4" data-testid="jobs">
      {jobs.map((job) => {
        const p = job.progress;
        const pct = Math.round((p?.fraction ?? (job.status === "succeeded" ? 1 : 0)) * 100);
        return (
          <li key={job.id} className="rounded-lg border border-gray-200 p-4 dark:border-gray-800" data-testid={`job-${job.id}`}>
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <p>
                <span className="font-medium">
                  #{job.id} {job.kind} {job.task}
                </span>{" "}
                <span className={statusTone[job.status]} data-testid="job-status">
                  {job.status}
                  {job.status === "running" && job.cancelRequested ? " (cancelling)" : ""}
                </span>
                <span className="text-gray-500"> · {formatDateTime(job.createdAt)} · {job.createdByEmail ?? "system"}</span>
              </p>
              {(job.status === "running" || job.status === "queued") && !job.cancelRequested && (
                <ActionButton run={cancelJobAction.bind(null, { jobId: job.id })} testId={`cancel-${job.id}`}>
                  Cancel
                </ActionButton>
              )}
            </div>
            {job.status === "running" && (
              <div className="mt-2">
                <div className="h-2 w-full rounded bg-gray-200 dark:bg-gray-800" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
                  <div className="h-2 rounded bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
                </div>
                <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
                  {p?.stage ?? "starting"}
                  {p?.epoch !== undefined && ` · epoch ${p.epoch}${p.epochs ? ` of ${p.epochs}` : ""}`}
                  {p?.loss !== undefined && ` · loss ${p.loss.toPrecision(3)}`}
                  {p?.validation && ` · ${p.validation.name} ${p.validation.value.toPrecision(3)}`}
                  {p?.etaSeconds !== undefined && ` · about ${p.etaSeconds} s left`} · {pct} %
                </p>
              </div>
            )}
            {job.error && <p className="mt-2 text-sm text-red-600 dark:text-red-400">{job.error}</p>}
            {p?.drift && (
              <p className="mt-2 text-sm">
                Drift of v{p.drift.version} over the last {p.drift.windowDays} days: {p.drift.flagged ? "shift detected" : "stable"}.
              </p>
            )}
            {p && p.history.length > 1 && (
              <div className="mt-3">
                <LossChart history={p.history} validationName={p.validation?.name} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
