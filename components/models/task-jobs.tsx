import { EmptyState } from "@/components/ui/empty-state";
import type { Job } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { TaskJob } from "@/lib/models/queries";
import { JobsPoller } from "./jobs-poller";

/** The areas whose page follows its own model's jobs (train, then publish or score). */
export type AreaTask = "forecast" | "pricing" | "fraud" | "sentiment" | "recommend";

/** How an area speaks of its jobs and of what they produce; everything else the two states say is the same. */
type Wording = {
  kindLabel: Record<Job["kind"], string>;
  /** What a failed job leaves in place: "The {replaced} below were not replaced." */
  replaced: string;
  /** After "This page updates when the job finishes; ". */
  whileRunning: string;
  /** The fraud page shows a running job's percentage after its stage, in brackets; the others after a dot, stage or not. */
  percentAfterStage: boolean;
  /** Titles and lines of the state before anything was published. */
  publishing: string;
  appearsWhenDone: string;
  nothingYet: string;
  untrained: string;
  champion: (version: number) => string;
};

const wording: Record<AreaTask, Wording> = {
  forecast: {
    kindLabel: { train: "Training a forecast model", evaluate: "Checking drift", score: "Publishing forecasts" },
    replaced: "forecasts",
    whileRunning: "the forecasts below stay in force until then.",
    percentAfterStage: false,
    publishing: "Forecasts are being published",
    appearsWhenDone: "This page shows the forecasts as soon as the run is published.",
    nothingYet: "No forecasts have been published yet",
    untrained: "Forecasts appear here once an admin trains and promotes a forecast model.",
    champion: (v) => `Forecast model v${v} is the champion, but it has not published a forecast run yet.`,
  },
  pricing: {
    kindLabel: { train: "Training a pricing model", evaluate: "Checking drift", score: "Publishing price recommendations" },
    replaced: "recommendations",
    whileRunning: "the recommendations below stay in force until then.",
    percentAfterStage: false,
    publishing: "Price recommendations are being published",
    appearsWhenDone: "This page shows the recommendations as soon as the run is published.",
    nothingYet: "No price recommendations have been published yet",
    untrained: "Recommendations appear here once an admin trains and promotes a pricing model.",
    champion: (v) => `Pricing model v${v} is the champion, but it has not published recommendations yet.`,
  },
  fraud: {
    kindLabel: { train: "Training a fraud model", evaluate: "Checking drift", score: "Scoring recent payments" },
    replaced: "cases",
    whileRunning: "new cases join the queue as payments are scored.",
    percentAfterStage: true,
    publishing: "Recent payments are being scored",
    appearsWhenDone: "Flagged payments appear here as soon as they are scored.",
    nothingYet: "No payment has been flagged for review yet",
    untrained: "The queue fills once an admin trains and promotes a fraud model: its first job scores recent payments.",
    champion: (v) => `Fraud model v${v} is the champion; payments it or a rule sends to review appear here (scored by the API or a batch job).`,
  },
  sentiment: {
    kindLabel: { train: "Training a sentiment model", evaluate: "Checking drift", score: "Scoring reviews" },
    replaced: "review scores",
    whileRunning: "the scores below stay in force until then.",
    percentAfterStage: false,
    publishing: "Reviews are being scored",
    appearsWhenDone: "This page shows each product's review sentiment as soon as the reviews are scored.",
    nothingYet: "The sentiment model has not scored the reviews yet",
    untrained: "Review sentiment appears here once an admin trains and promotes a sentiment model: its first job scores the reviews.",
    champion: (v) => `Sentiment model v${v} is the champion, but it has not scored the reviews yet.`,
  },
  // Recommendations publish nothing in batch: the lists are computed per request, so only training is followed.
  recommend: {
    kindLabel: { train: "Training a recommendation model", evaluate: "Checking drift", score: "Scoring" },
    replaced: "recommendations",
    whileRunning: "the previews below use the current champion until then.",
    percentAfterStage: false,
    publishing: "A recommendation model is being prepared",
    appearsWhenDone: "Previews and placements open here as soon as the first model is promoted.",
    nothingYet: "No recommendation model is in service",
    untrained: "Previews and placements open here once an admin trains and promotes a recommendation model.",
    champion: (v) => `Recommendation model v${v} is the champion.`,
  },
};

const isActive = (j: TaskJob) => j.status === "queued" || j.status === "running";
const percent = (j: TaskJob) => (j.progress?.fraction !== undefined ? Math.round(j.progress.fraction * 100) : null);

/** " · stage · 40 %" (or " · stage (40 %)" where the area says so) while a job runs; nothing while it waits. */
function runningProgress(j: TaskJob, percentAfterStage: boolean): string {
  if (j.status !== "running") return "";
  const pct = percent(j);
  const stage = j.progress?.stage;
  if (percentAfterStage) return stage ? ` · ${stage}${pct === null ? "" : ` (${pct} %)`}` : "";
  return `${stage ? ` · ${stage}` : ""}${pct === null ? "" : ` · ${pct} %`}`;
}

/**
 * An area's jobs queued or running (train, then publish or score), above results already in force: the page refreshes
 * itself until they finish. With none running, says so only when the newest one failed: the results shown are older
 * than someone asked for.
 */
export function TaskJobs({ task, jobs }: { task: AreaTask; jobs: TaskJob[] }) {
  const words = wording[task];
  const active = jobs.filter(isActive);
  const latest = jobs[0];
  if (active.length === 0) {
    if (latest?.status !== "failed") return null;
    return (
      <p className="card mb-4 text-sm text-red-700 dark:text-red-400" role="status" data-testid={`${task}-jobs`}>
        The last {task} job (#{latest.id}, {words.kindLabel[latest.kind].toLowerCase()}) failed{latest.error ? `: ${latest.error}` : "."} The {words.replaced} below were not replaced.
      </p>
    );
  }
  return (
    <div className="card mb-4 text-sm" role="status" data-testid={`${task}-jobs`}>
      <JobsPoller active everyMs={3000} />
      <ul className="space-y-1">
        {active.map((j) => (
          <li key={j.id}>
            <span className="font-medium">{words.kindLabel[j.kind]}</span> (job #{j.id}): {j.status}
            {runningProgress(j, words.percentAfterStage)}
            <span className="text-gray-500 dark:text-gray-400"> · queued {formatDateTime(j.createdAt)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">This page updates when the job finishes; {words.whileRunning}</p>
    </div>
  );
}

/**
 * The area has nothing to show yet. Says honestly why: a job is training or publishing (and the page follows it), the
 * last one failed, no model has been trained, or the champion has not published yet. `refresh` (a button to publish
 * again) shows once there is a champion.
 */
export function TaskPending({
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
  const words = wording[task];
  const active = jobs.find(isActive);
  const lastFinished = jobs.find((j) => !isActive(j));
  if (active) {
    const pct = percent(active);
    return (
      <EmptyState title={active.kind === "train" ? `A ${task} model is being trained` : words.publishing}>
        <JobsPoller active everyMs={3000} />
        <p role="status" data-testid={`${task}-job-status`}>
          Job #{active.id} ({active.kind}) is {active.status}
          {active.status === "running" && active.progress?.stage ? `: ${active.progress.stage}${pct === null ? "" : ` (${pct} %)`}` : ""}. Queued {formatDateTime(active.createdAt)}.
        </p>
        <p className="mt-1">{words.appearsWhenDone}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={championVersion === null ? `No ${task} model has been trained yet` : words.nothingYet}>
      {championVersion === null ? (
        <>
          <p>Ready to train on: {dataSummary}.</p>
          <p className="mt-1">{words.untrained}</p>
        </>
      ) : (
        <p>{words.champion(championVersion)}</p>
      )}
      {lastFinished?.status === "failed" && (
        <p className="mt-2 text-red-700 dark:text-red-400">
          The last {task} job (#{lastFinished.id}, {lastFinished.kind}) failed{lastFinished.error ? `: ${lastFinished.error}` : "."}
        </p>
      )}
      {championVersion !== null && refresh && <div className="mt-3 flex justify-center">{refresh}</div>}
    </EmptyState>
  );
}
