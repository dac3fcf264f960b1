import type { Job } from "@/lib/schema";
import type { JobProgress, LossPoint } from "@/lib/jobs/queue";

/**
 * How far a job is and how long it has left, for the Models page. The worker keeps one overall fraction that only
 * grows (lib/jobs/progress.ts); the time left is estimated here from it and the time the job has run, the way a
 * download estimates: elapsed * (1 - f) / f. Early on that guess is noise (loading data takes a fixed while, the
 * first epochs compile kernels), so nothing is shown until the job has run a while and got some way.
 */
export const ETA_MIN_FRACTION = 0.05;
export const ETA_MIN_ELAPSED_MS = 10_000;

export type JobTiming = {
  /** 0..1 of the whole job: 0 while queued, 1 once it succeeded. */
  fraction: number;
  /** Seconds left, or null while it cannot be estimated yet (or the job is not running). */
  secondsLeft: number | null;
  /** Seconds from start to end (finished jobs) or to now (running ones); null before it started. */
  elapsedSeconds: number | null;
};

type TimedJob = Pick<Job, "status" | "startedAt" | "finishedAt"> & { progress: Pick<JobProgress, "fraction"> | null };

export function jobTiming(job: TimedJob, now: number): JobTiming {
  const reported = job.progress?.fraction;
  const fraction = job.status === "succeeded" ? 1 : job.status === "queued" ? 0 : Math.min(1, Math.max(0, Number.isFinite(reported) ? reported! : 0));
  const end = job.finishedAt ? job.finishedAt.getTime() : now;
  const elapsedMs = job.startedAt ? Math.max(0, end - job.startedAt.getTime()) : null;
  let secondsLeft: number | null = null;
  if (job.status === "running" && elapsedMs !== null && elapsedMs >= ETA_MIN_ELAPSED_MS && fraction >= ETA_MIN_FRACTION && fraction < 1) {
    secondsLeft = ((elapsedMs / 1000) * (1 - fraction)) / fraction;
  }
  return { fraction, secondsLeft, elapsedSeconds: elapsedMs === null ? null : elapsedMs / 1000 };
}

/** One training stage's curve: its epochs count from 1 again, so it gets its own chart. */
export type LossSegment = {
  stage: string;
  /** 1 for the stage's first run; a stage that ran again (a fold, a restart) counts on. */
  run: number;
  validationName: string | null;
  points: { epoch: number; loss: number; validation?: number }[];
};

/**
 * The loss history cut into stages: a new segment where the stage changes or the epoch count starts again (jobs
 * recorded before points carried their stage are cut on the restart alone).
 */
export function lossSegments(history: readonly LossPoint[], validationNames: Record<string, string> = {}, fallbackValidationName?: string): LossSegment[] {
  const segments: LossSegment[] = [];
  const runs = new Map<string, number>();
  for (const point of history) {
    if (!Number.isFinite(point.loss)) continue;
    const stage = point.stage ?? "training";
    const current = segments[segments.length - 1];
    const last = current?.points[current.points.length - 1];
    if (!current || current.stage !== stage || !last || point.epoch <= last.epoch) {
      const run = (runs.get(stage) ?? 0) + 1;
      runs.set(stage, run);
      const validationName = validationNames[stage] ?? (point.stage === undefined ? (fallbackValidationName ?? null) : null);
      segments.push({ stage, run, validationName, points: [] });
    }
    const { epoch, loss, validation } = point;
    segments[segments.length - 1]!.points.push(validation === undefined || !Number.isFinite(validation) ? { epoch, loss } : { epoch, loss, validation });
  }
  return segments;
}
