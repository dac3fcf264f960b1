import { z } from "zod";
import type { TrainingStop } from "@/models/training-stop";

/**
 * How a version's training ended, read from its params (written by models/pipelines/*), in words for the Models
 * page. A cap that ended training is a warning, never a silent fact: the model may be unfinished.
 */
const stopSchema = z.object({
  stoppedBy: z.enum(["patience", "max-epochs", "time", "no-validation"]),
  capSeconds: z.number().nullable(),
  maxEpochs: z.number().nullable(),
  epochsRun: z.number(),
  bestEpoch: z.number(),
  unit: z.enum(["epochs", "steps"]).optional(),
  stillImproving: z.boolean(),
  capHit: z.boolean(),
});

/** The params keys that hold a stop, with what each fit was. `training` is the shipped model's. */
export const STOP_KEYS = { training: "Training", autoencoderTraining: "Autoencoder", heldOutTraining: "Held-out fit" } as const;

export type NamedStop = { key: keyof typeof STOP_KEYS; label: string; stop: TrainingStop };

/** The stop recorded under `key`, or null when absent (versions trained before it was recorded) or malformed. */
export function trainingStopOf(params: Record<string, unknown> | null | undefined, key: keyof typeof STOP_KEYS = "training"): TrainingStop | null {
  const parsed = stopSchema.safeParse(params?.[key]);
  return parsed.success ? parsed.data : null;
}

export function trainingStopsOf(params: Record<string, unknown> | null | undefined): NamedStop[] {
  return (Object.keys(STOP_KEYS) as (keyof typeof STOP_KEYS)[]).flatMap((key) => {
    const stop = trainingStopOf(params, key);
    return stop ? [{ key, label: STOP_KEYS[key], stop }] : [];
  });
}

const unitOf = (stop: TrainingStop) => stop.unit ?? "epochs";
const formatSeconds = (s: number) => `${Number.isInteger(s) ? s : s.toFixed(1)} s`;

/** The warning a cap hit deserves, or null when training ended on its own (patience, or no validation to judge). */
export function capWarning(stop: TrainingStop): string | null {
  if (!stop.capHit) return null;
  const limit =
    stop.stoppedBy === "time"
      ? stop.capSeconds === null
        ? "the time limit"
        : `the ${formatSeconds(stop.capSeconds)} time limit`
      : `the ${stop.maxEpochs ?? stop.epochsRun}-${unitOf(stop) === "steps" ? "step" : "epoch"} limit`;
  const how = stop.stillImproving ? "while still improving" : "before early stopping settled";
  return `Stopped at ${limit} ${how}: the model may be unfinished.`;
}

const reasons: Record<TrainingStop["stoppedBy"], string> = {
  patience: "early stopping (no further improvement)",
  "max-epochs": "the epoch limit",
  time: "the time limit",
  "no-validation": "a fixed schedule (too little data to validate)",
};

/** One line: why it stopped, how far it ran, the best point and the caps. */
export function describeTrainingStop(stop: TrainingStop): string {
  const unit = unitOf(stop);
  const caps = [stop.maxEpochs === null ? null : `${stop.maxEpochs} ${unit}`, stop.capSeconds === null ? null : formatSeconds(stop.capSeconds)].filter(Boolean);
  const reason = stop.stoppedBy === "max-epochs" && unit === "steps" ? "the step limit" : reasons[stop.stoppedBy];
  return `Stopped by ${reason} after ${stop.epochsRun} ${unit}, best at ${stop.bestEpoch}${caps.length ? ` (caps: ${caps.join(", ")})` : ""}.`;
}
