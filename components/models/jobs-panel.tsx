import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import type { Format } from "@/lib/format";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import type { JobView } from "@/lib/models/queries";
import { formatDuration, formatTimeLeft } from "./duration";
import { stageLabel, trainingLossTerm, validationTerm, type Translate } from "./labels";
import { LossCharts } from "./loss-charts";

const statusTone: Record<string, string> = {
  queued: "text-gray-600 dark:text-gray-400",
  running: "text-blue-700 dark:text-blue-400",
  succeeded: "text-green-700 dark:text-green-400",
  failed: "text-red-700 dark:text-red-400",
  cancelled: "text-amber-700 dark:text-amber-400",
};

const isActive = (job: JobView) => job.status === "queued" || job.status === "running";

type Words = { t: Translate; f: Format };

/** What a finished job left behind, in a few words for its one-line summary. */
function outcome(job: JobView, t: Translate): string | null {
  // The worker's error is stored as it was raised: shown as written.
  if (job.status === "failed") return job.error ? (job.error.length > 90 ? `${job.error.slice(0, 87)}…` : job.error) : null;
  if (job.status === "cancelled") return null;
  if (job.kind === "train") return job.version === null ? null : t("models.jobs.registered", { version: job.version });
  if (job.kind === "evaluate") {
    const drift = job.progress?.drift;
    return drift ? t("models.jobs.driftResult", { version: drift.version, flagged: drift.flagged ? "yes" : "no" }) : null;
  }
  return job.version === null ? null : t("models.jobs.withVersion", { version: job.version });
}

function JobLine({ job, t, f }: { job: JobView } & Words) {
  const took = job.timing.elapsedSeconds;
  const result = outcome(job, t);
  const details = [
    f.dateTime(job.createdAt),
    !isActive(job) && took !== null ? t("models.jobs.took", { duration: formatDuration(took, t) }) : null,
    result,
    job.createdByEmail ?? t("models.jobs.system"),
  ].filter((d): d is string => Boolean(d));
  return (
    <span className="text-sm">
      <span className="font-medium">{t("models.jobs.line", { id: String(job.id), kind: t(`models.jobs.kinds.${job.kind}`), task: t(`models.tasks.${job.task}`) })}</span>
      {" · "}
      <span className={statusTone[job.status]} data-testid="job-status">
        {t(`models.jobStatuses.${job.status}`)}
        {job.status === "running" && job.cancelRequested ? ` ${t("models.jobs.cancelling")}` : ""}
      </span>
      <span className="text-gray-600 dark:text-gray-400">
        {details.map((d, i) => (
          <span key={i}>
            {" · "}
            {d}
          </span>
        ))}
      </span>
    </span>
  );
}

/** A running job's bar and line: stage, epoch, losses by name, percentage, and the time left once it can be told. */
function Progress({ job, t, f }: { job: JobView } & Words) {
  const p = job.progress;
  const pct = Math.floor(job.timing.fraction * 100);
  const loss = p?.loss !== undefined && p.stage ? trainingLossTerm(job.task, p.stage, t) : null;
  const secondsLeft = job.timing.secondsLeft;
  const parts = [
    p?.stage ? stageLabel(p.stage, t) : t("models.stages.starting"),
    p?.epoch !== undefined ? (p.epochs ? t("models.jobs.epochOf", { epoch: p.epoch, epochs: p.epochs }) : t("models.jobs.epoch", { epoch: p.epoch })) : null,
    loss && p?.loss !== undefined ? t("models.jobs.measure", { label: loss.label, value: f.signed(p.loss) }) : null,
    p?.validation ? t("models.jobs.measure", { label: validationTerm(p.validation.name, t).label, value: f.signed(p.validation.value) }) : null,
    f.percent(pct / 100),
    secondsLeft !== null ? formatTimeLeft(secondsLeft, t) : null,
  ].filter((part): part is string => part !== null);
  return (
    <div className="mt-2">
      <div
        className="h-2 w-full rounded bg-gray-200 dark:bg-gray-800"
        role="progressbar"
        aria-label={t("models.jobs.progressLabel", { id: String(job.id) })}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-2 rounded bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-gray-600 dark:text-gray-400" data-testid="job-progress">
        {parts.join(" · ")}
      </p>
    </div>
  );
}

function Details({ job, t }: { job: JobView; t: Translate }) {
  const p = job.progress;
  return (
    <>
      {job.error && <p className="mt-2 text-sm text-red-700 dark:text-red-400">{job.error}</p>}
      {p?.drift && (
        <p className="mt-2 text-sm">{t("models.jobs.driftDetail", { version: p.drift.version, days: p.drift.windowDays, flagged: p.drift.flagged ? "yes" : "no" })}</p>
      )}
      {p && p.history.length > 1 && <LossCharts task={job.task} progress={p} />}
    </>
  );
}

/**
 * Jobs newest first. Queued and running ones stay open with their progress and loss charts; finished ones fold to
 * one line (kind, status, when, how long, result) that opens on their charts and errors.
 */
export async function JobsPanel({
  jobs,
  cancelJob,
}: {
  jobs: JobView[];
  /** The page's server action that asks a job to stop (app/(dashboard)/models/actions.ts). */
  cancelJob: (input: { jobId: number }) => Promise<{ ok: true } | { ok: false; error: string }>;
}) {
  const [tm, t, f] = await Promise.all([getTranslations("models.jobs"), getTranslator(), getFormat()]);
  if (jobs.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">{tm("none")}</p>;
  return (
    <ul className="space-y-3" data-testid="jobs">
      {jobs.map((job) => (
        <li key={job.id} id={`job-${job.id}`} className="min-w-0 scroll-mt-4 rounded-lg border border-gray-200 p-3 break-words dark:border-gray-800" data-testid={`job-${job.id}`}>
          {isActive(job) ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <JobLine job={job} t={t} f={f} />
                {!job.cancelRequested && (
                  <ActionButton run={cancelJob.bind(null, { jobId: job.id })} testId={`cancel-${job.id}`}>
                    {tm("cancel")}
                  </ActionButton>
                )}
              </div>
              {job.status === "running" ? <Progress job={job} t={t} f={f} /> : <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">{tm("waiting")}</p>}
              <Details job={job} t={t} />
            </>
          ) : (
            <details>
              <summary className="cursor-pointer">
                <JobLine job={job} t={t} f={f} />
              </summary>
              <Details job={job} t={t} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
