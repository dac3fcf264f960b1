import { cancelJobAction } from "@/app/(dashboard)/models/actions";
import { ActionButton } from "@/components/ui/action-button";
import { formatDateTime, formatSigned } from "@/lib/format";
import type { JobView } from "@/lib/models/queries";
import { formatDuration, formatTimeLeft } from "./duration";
import { trainingLossTerm, validationTerm } from "./labels";
import { LossCharts } from "./loss-charts";

const statusTone: Record<string, string> = {
  queued: "text-gray-600 dark:text-gray-400",
  running: "text-blue-700 dark:text-blue-400",
  succeeded: "text-green-700 dark:text-green-400",
  failed: "text-red-700 dark:text-red-400",
  cancelled: "text-amber-700 dark:text-amber-400",
};

const kindWords: Record<JobView["kind"], string> = { train: "Training", evaluate: "Drift check", score: "Publishing" };

const isActive = (job: JobView) => job.status === "queued" || job.status === "running";

/** What a finished job left behind, in a few words for its one-line summary. */
function outcome(job: JobView): string | null {
  if (job.status === "failed") return job.error ? (job.error.length > 90 ? `${job.error.slice(0, 87)}…` : job.error) : null;
  if (job.status === "cancelled") return null;
  if (job.kind === "train") return job.version === null ? null : `registered v${job.version}`;
  if (job.kind === "evaluate") {
    const drift = job.progress?.drift;
    return drift ? `v${drift.version}: ${drift.flagged ? "shift detected" : "stable"}` : null;
  }
  return job.version === null ? null : `with v${job.version}`;
}

function JobLine({ job }: { job: JobView }) {
  const took = job.timing.elapsedSeconds;
  const result = outcome(job);
  return (
    <span className="text-sm">
      <span className="font-medium">
        #{job.id} {kindWords[job.kind]} {job.task}
      </span>
      {" · "}
      <span className={statusTone[job.status]} data-testid="job-status">
        {job.status}
        {job.status === "running" && job.cancelRequested ? " (cancelling)" : ""}
      </span>
      <span className="text-gray-600 dark:text-gray-400">
        {" · "}
        {formatDateTime(job.createdAt)}
        {!isActive(job) && took !== null ? ` · took ${formatDuration(took)}` : ""}
        {result ? ` · ${result}` : ""}
        {" · "}
        {job.createdByEmail ?? "system"}
      </span>
    </span>
  );
}

/** A running job's bar and line: stage, epoch, losses by name, percentage, and the time left once it can be told. */
function Progress({ job }: { job: JobView }) {
  const p = job.progress;
  const pct = Math.floor(job.timing.fraction * 100);
  const loss = p?.loss !== undefined && p.stage ? trainingLossTerm(job.task, p.stage) : null;
  const secondsLeft = job.timing.secondsLeft;
  return (
    <div className="mt-2">
      <div className="h-2 w-full rounded bg-gray-200 dark:bg-gray-800" role="progressbar" aria-label={`Job ${job.id} progress`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-2 rounded bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-gray-600 dark:text-gray-400" data-testid="job-progress">
        {p?.stage ?? "starting"}
        {p?.epoch !== undefined && ` · epoch ${p.epoch}${p.epochs ? ` of ${p.epochs}` : ""}`}
        {loss && p?.loss !== undefined && ` · ${loss.label} ${formatSigned(p.loss)}`}
        {p?.validation && ` · ${validationTerm(p.validation.name).label} ${formatSigned(p.validation.value)}`}
        {` · ${pct} %`}
        {secondsLeft !== null && ` · ${formatTimeLeft(secondsLeft)}`}
      </p>
    </div>
  );
}

function Details({ job }: { job: JobView }) {
  const p = job.progress;
  return (
    <>
      {job.error && <p className="mt-2 text-sm text-red-700 dark:text-red-400">{job.error}</p>}
      {p?.drift && (
        <p className="mt-2 text-sm">
          Drift of v{p.drift.version} over the last {p.drift.windowDays} days: {p.drift.flagged ? "shift detected" : "stable"}.
        </p>
      )}
      {p && p.history.length > 1 && <LossCharts task={job.task} progress={p} />}
    </>
  );
}

/**
 * Jobs newest first. Queued and running ones stay open with their progress and loss charts; finished ones fold to
 * one line (kind, status, when, how long, result) that opens on their charts and errors.
 */
export function JobsPanel({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No job has run yet. Start one with “Train new version”.</p>;
  return (
    <ul className="space-y-3" data-testid="jobs">
      {jobs.map((job) => (
        <li key={job.id} id={`job-${job.id}`} className="min-w-0 scroll-mt-4 rounded-lg border border-gray-200 p-3 break-words dark:border-gray-800" data-testid={`job-${job.id}`}>
          {isActive(job) ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <JobLine job={job} />
                {!job.cancelRequested && (
                  <ActionButton run={cancelJobAction.bind(null, { jobId: job.id })} testId={`cancel-${job.id}`}>
                    Cancel
                  </ActionButton>
                )}
              </div>
              {job.status === "running" ? <Progress job={job} /> : <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">Waiting for the worker to pick it up.</p>}
              <Details job={job} />
            </>
          ) : (
            <details>
              <summary className="cursor-pointer">
                <JobLine job={job} />
              </summary>
              <Details job={job} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
