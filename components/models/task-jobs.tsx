import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import type { Format } from "@/lib/format";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import type { TaskJob } from "@/lib/models/queries";
import { JobsPoller } from "./jobs-poller";
import { stageLabel, type Translate } from "./labels";

/** The areas whose page follows its own model's jobs (train, then publish or score). */
export type AreaTask = "forecast" | "pricing" | "fraud" | "sentiment" | "recommend";

/**
 * How an area speaks of its jobs and of what they produce comes from the catalogue (models.taskJobs.*, one entry per
 * task); everything else the two states say is the same. The fraud page shows a running job's percentage after its
 * stage, in brackets; the others after a dot, stage or not.
 */
const percentAfterStage: Record<AreaTask, boolean> = { forecast: false, pricing: false, fraud: true, sentiment: false, recommend: false };

const isActive = (j: TaskJob) => j.status === "queued" || j.status === "running";
const percent = (j: TaskJob) => (j.progress?.fraction !== undefined ? Math.round(j.progress.fraction * 100) : null);

/** " · stage · 40 %" (or " · stage (40 %)" where the area says so) while a job runs; nothing while it waits. */
function runningProgress(j: TaskJob, afterStage: boolean, t: Translate, f: Format): string {
  if (j.status !== "running") return "";
  const pct = percent(j);
  const shown = pct === null ? null : f.percent(pct / 100);
  const stage = j.progress?.stage ? stageLabel(j.progress.stage, t) : null;
  if (afterStage) return stage ? ` · ${shown === null ? stage : t("models.taskJobs.stagePercent", { stage, percent: shown })}` : "";
  return `${stage ? ` · ${stage}` : ""}${shown === null ? "" : ` · ${shown}`}`;
}

/**
 * An area's jobs queued or running (train, then publish or score), above results already in force: the page refreshes
 * itself until they finish. With none running, says so only when the newest one failed: the results shown are older
 * than someone asked for.
 */
export async function TaskJobs({ task, jobs }: { task: AreaTask; jobs: TaskJob[] }) {
  const active = jobs.filter(isActive);
  const latest = jobs[0];
  if (active.length === 0 && latest?.status !== "failed") return null;
  const [tj, tm, t, f] = await Promise.all([getTranslations("models.taskJobs"), getTranslations("models"), getTranslator(), getFormat()]);
  const kindLabel = (kind: TaskJob["kind"]) => tj(`kinds.${task}.${kind}`);
  if (active.length === 0 && latest) {
    const values = { task: tm(`tasks.${task}`), id: String(latest.id), kind: kindLabel(latest.kind).toLowerCase() };
    return (
      <p className="card mb-4 text-sm text-red-700 dark:text-red-400" role="status" data-testid={`${task}-jobs`}>
        {latest.error ? tj("lastFailed", { ...values, error: latest.error }) : tj("lastFailedNoError", values)} {tj(`notReplaced.${task}`)}
      </p>
    );
  }
  return (
    <div className="card mb-4 text-sm" role="status" data-testid={`${task}-jobs`}>
      <JobsPoller active everyMs={3000} />
      <ul className="space-y-1">
        {active.map((j) => (
          <li key={j.id}>
            <span className="font-medium">{kindLabel(j.kind)}</span> {tj("activeLine", { id: String(j.id), status: tm(`jobStatuses.${j.status}`) })}
            {runningProgress(j, percentAfterStage[task], t, f)}
            <span className="text-gray-500 dark:text-gray-400">
              {" · "}
              {tj("queuedAt", { at: f.dateTime(j.createdAt) })}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">{tj(`whileRunning.${task}`)}</p>
    </div>
  );
}

/**
 * The area has nothing to show yet. Says honestly why: a job is training or publishing (and the page follows it), the
 * last one failed, no model has been trained, or the champion has not published yet. `refresh` (a button to publish
 * again) shows once there is a champion.
 */
export async function TaskPending({
  task,
  jobs,
  championVersion,
  dataSummary,
  refresh,
}: {
  task: AreaTask;
  jobs: TaskJob[];
  championVersion: number | null;
  dataSummary: string;
  refresh?: React.ReactNode;
}) {
  const [tj, tm, t, f] = await Promise.all([getTranslations("models.taskJobs"), getTranslations("models"), getTranslator(), getFormat()]);
  const taskName = tm(`tasks.${task}`);
  const active = jobs.find(isActive);
  const lastFinished = jobs.find((j) => !isActive(j));
  if (active) {
    const pct = percent(active);
    const job = { id: String(active.id), kind: tm(`jobKindCodes.${active.kind}`), status: tm(`jobStatuses.${active.status}`) };
    const stage = active.status === "running" && active.progress?.stage ? stageLabel(active.progress.stage, t) : null;
    return (
      <EmptyState title={active.kind === "train" ? tj("beingTrained", { task: taskName }) : tj(`publishing.${task}`)}>
        <JobsPoller active everyMs={3000} />
        <p role="status" data-testid={`${task}-job-status`}>
          {stage
            ? tj("jobStatusStage", { ...job, stage: pct === null ? stage : tj("stagePercent", { stage, percent: f.percent(pct / 100) }) })
            : tj("jobStatus", job)}{" "}
          {tj("queued", { at: f.dateTime(active.createdAt) })}
        </p>
        <p className="mt-1">{tj(`appearsWhenDone.${task}`)}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={championVersion === null ? tj("notTrained", { task: taskName }) : tj(`nothingYet.${task}`)}>
      {championVersion === null ? (
        <>
          <p>{tj("readyOn", { data: dataSummary })}</p>
          <p className="mt-1">{tj(`untrained.${task}`)}</p>
        </>
      ) : (
        <p>{tj(`champion.${task}`, { version: championVersion })}</p>
      )}
      {lastFinished?.status === "failed" && (
        <p className="mt-2 text-red-700 dark:text-red-400">
          {(() => {
            const values = { task: taskName, id: String(lastFinished.id), kind: tm(`jobKindCodes.${lastFinished.kind}`) };
            return lastFinished.error ? tj("lastFailed", { ...values, error: lastFinished.error }) : tj("lastFailedNoError", values);
          })()}
        </p>
      )}
      {championVersion !== null && refresh && <div className="mt-3 flex justify-center">{refresh}</div>}
    </EmptyState>
  );
}
