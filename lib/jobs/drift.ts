import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import type { ModelTask } from "../schema";
import { psi } from "../../models/metrics/drift";
import { verifiedArtifactDir } from "../models/artifacts";
import { championOf } from "../models/versions";
import type { DriftReference, TrainingPipeline } from "./pipeline";

/** PSI above this is a significant shift (Siddiqi 2006); the Models page flags it. */
export const DRIFT_THRESHOLD = 0.25;
/** Below this many recent values PSI is mostly sampling noise: reported, never flagged. */
export const DRIFT_MIN_RECENT = 50;

export type DriftReport = {
  versionId: number;
  version: number;
  windowDays: number;
  features: { name: string; psi: number; flagged: boolean; recentCount: number }[];
  flagged: boolean;
};

/** Compares the champion's training distribution with the last `windowDays` of data, feature by feature and for its score. */
export async function driftReport(db: Db, task: ModelTask, pipeline: TrainingPipeline, windowDays = 30): Promise<DriftReport> {
  const champion = await championOf(db, task);
  if (!champion?.artifactPath) throw new Error(`${task} has no champion to check for drift.`);
  const dir = verifiedArtifactDir(champion);
  const reference = JSON.parse(readFileSync(path.join(dir, "drift-reference.json"), "utf8")) as DriftReference;
  const recent = await pipeline.recentForDrift(db, dir, windowDays);
  const features = Object.entries(reference)
    .filter(([name]) => (recent[name]?.length ?? 0) > 0)
    .map(([name, bins]) => {
      const value = psi(bins, recent[name]!);
      const recentCount = recent[name]!.length;
      return { name, psi: value, flagged: value > DRIFT_THRESHOLD && recentCount >= DRIFT_MIN_RECENT, recentCount };
    })
    .sort((a, b) => b.psi - a.psi);
  return { versionId: champion.id, version: champion.version, windowDays, features, flagged: features.some((f) => f.flagged) };
}
