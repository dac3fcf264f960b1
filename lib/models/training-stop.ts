import { z } from "zod";
import { msg, type Message } from "@/lib/i18n/message";
import type { TrainingStop } from "@/models/training-stop";

/**
 * How a version's training ended, read from its params (written by lib/<area>/pipeline.ts), as Messages for the Models
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
export const STOP_KEYS = {
  training: msg("models.trainingStop.fits.training"),
  autoencoderTraining: msg("models.trainingStop.fits.autoencoderTraining"),
  heldOutTraining: msg("models.trainingStop.fits.heldOutTraining"),
} as const;

export type NamedStop = { key: keyof typeof STOP_KEYS; label: Message; stop: TrainingStop };

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
/** Seconds as recorded, a fraction to one decimal. */
const seconds = (s: number) => (Number.isInteger(s) ? s : Number(s.toFixed(1)));

/** The warning a cap hit deserves, or null when training ended on its own (patience, or no validation to judge). */
export function capWarning(stop: TrainingStop): Message | null {
  if (!stop.capHit) return null;
  const limit = stop.stoppedBy === "time" ? (stop.capSeconds === null ? "time" : "timeSeconds") : unitOf(stop) === "steps" ? "steps" : "epochs";
  return msg("models.trainingStop.capWarning", {
    limit,
    seconds: stop.capSeconds === null ? 0 : seconds(stop.capSeconds),
    count: stop.maxEpochs ?? stop.epochsRun,
    improving: stop.stillImproving ? "yes" : "no",
  });
}

const reasons: Record<TrainingStop["stoppedBy"], string> = { patience: "patience", "max-epochs": "maxEpochs", time: "time", "no-validation": "noValidation" };

/** One line: why it stopped, how far it ran, the best point and the caps. */
export function describeTrainingStop(stop: TrainingStop): Message {
  const unit = unitOf(stop);
  const caps = stop.maxEpochs !== null && stop.capSeconds !== null ? "both" : stop.maxEpochs !== null ? "epochs" : stop.capSeconds !== null ? "seconds" : "none";
  return msg("models.trainingStop.described", {
    reason: stop.stoppedBy === "max-epochs" && unit === "steps" ? "maxSteps" : reasons[stop.stoppedBy],
    runs: stop.epochsRun,
    unit,
    best: stop.bestEpoch,
    caps,
    maxEpochs: stop.maxEpochs ?? 0,
    capSeconds: stop.capSeconds === null ? 0 : seconds(stop.capSeconds),
  });
}
