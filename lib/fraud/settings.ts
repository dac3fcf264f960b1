import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { fraudSettings, type FraudSettings } from "@/lib/schema";
import { championOf } from "@/lib/models/versions";

/**
 * The fraud thresholds (one row, id 1), created on first use: review at the champion's own threshold (the F1-best
 * one on its validation slice, recorded in its metrics), block at max(0.9, review + 0.3) but below 1, so blocking
 * starts only where the model is much surer than where it starts asking a person; the costs keep the column
 * defaults. Without a champion, review starts at 0.5. No "server-only": the worker's batch scoring reads it too.
 */
export const FALLBACK_REVIEW_THRESHOLD = 0.5;
const MAX_BLOCK_THRESHOLD = 0.99;

export function defaultThresholds(modelThreshold: number | undefined): { reviewThreshold: number; blockThreshold: number } {
  const model = typeof modelThreshold === "number" && Number.isFinite(modelThreshold) ? modelThreshold : FALLBACK_REVIEW_THRESHOLD;
  const blockThreshold = Math.min(MAX_BLOCK_THRESHOLD, Math.max(0.9, model + 0.3));
  return { reviewThreshold: Math.min(model, blockThreshold), blockThreshold };
}

/** `modelThreshold`: the loaded model's threshold, when the caller has it (else the champion's recorded one). */
export async function getFraudSettings(db: Db, modelThreshold?: number): Promise<FraudSettings> {
  const row = await db.select().from(fraudSettings).where(eq(fraudSettings.id, 1)).get();
  if (row) return row;
  const threshold = modelThreshold ?? (await championOf(db, "fraud"))?.metrics?.threshold;
  await db
    .insert(fraudSettings)
    .values({ id: 1, ...defaultThresholds(threshold), version: 1, updatedAt: new Date() })
    .onConflictDoNothing()
    .run();
  return (await db.select().from(fraudSettings).where(eq(fraudSettings.id, 1)).get())!;
}
