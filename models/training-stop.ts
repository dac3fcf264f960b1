/**
 * Why a fit's epoch loop ended, in one shape for every task, so a version records it (params.training) and the
 * Models page can warn when a cap, not convergence, ended training. A cap that is hit must never be silent: a big
 * store would otherwise get an unfinished model with nothing to say so.
 */
export type StopReason = "patience" | "max-epochs" | "time" | "no-validation";

export type TrainingStop = {
  stoppedBy: StopReason;
  /** The wall-clock cap of the loop, in seconds (null: none). */
  capSeconds: number | null;
  maxEpochs: number | null;
  epochsRun: number;
  bestEpoch: number;
  /** What epochsRun and bestEpoch count: epochs (the default) or optimiser steps (pricing). */
  unit?: "epochs" | "steps";
  /** The last epoch run was the best one: validation was still improving when training stopped. */
  stillImproving: boolean;
  /** Training ended at its time cap, or at its epoch cap while still improving: the model may be unfinished. */
  capHit: boolean;
};

/** The stop with what follows from the run (still improving, cap hit) derived, never passed in. */
export function trainingStop(run: Omit<TrainingStop, "stillImproving" | "capHit">): TrainingStop {
  const stillImproving = run.epochsRun > 0 && run.bestEpoch >= run.epochsRun;
  const capHit = run.stoppedBy === "time" || (run.stoppedBy === "max-epochs" && stillImproving);
  return { ...run, capSeconds: Number.isFinite(run.capSeconds) ? run.capSeconds : null, stillImproving, capHit };
}
