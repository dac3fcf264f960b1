import { and, eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { fraudSettings, type FraudSettings } from "@/lib/schema";
import { userEmail } from "@/lib/auth/users";
import { audit, type Actor } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { msg, type MessageKey } from "@/lib/i18n/message";
import { verifiedArtifactDirOrNull } from "@/lib/models/artifacts";
import { championOf } from "@/lib/models/versions";
import { getFraudSettings } from "./settings";

/**
 * Choosing the thresholds on the champion's held-out evaluation: the formulas (curve, costs, confusion matrix) are in
 * threshold-math.ts, pure so the browser can use them too; here loadEvaluation reads the champion's evaluation.json
 * and updateThresholds saves the settings.
 */
export * from "./threshold-math";
import type { Evaluation } from "./threshold-math";

// ---- the champion's evaluation ----

export const evaluationSchema = z
  .object({ scores: z.array(z.number().min(0).max(1)), labels: z.array(z.union([z.literal(0), z.literal(1)])), amounts: z.array(z.number()) })
  .refine((e) => e.labels.length === e.scores.length && e.amounts.length === e.scores.length, "scores, labels and amounts must have the same length");

/** `<dir>/evaluation.json`, or null when it is missing or malformed (the page then says there is nothing to tune on). */
export function readEvaluation(dir: string): Evaluation | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, "evaluation.json"), "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = evaluationSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.error(`Ignoring ${path.join(dir, "evaluation.json")}: ${parsed.error.issues[0]?.message}`);
  } catch {
    console.error(`Ignoring ${path.join(dir, "evaluation.json")}: not JSON.`);
  }
  return null;
}

/** The fraud champion's held-out evaluation; null without a champion or without the file. */
export async function loadEvaluation(db: Db): Promise<Evaluation | null> {
  const champion = await championOf(db, "fraud");
  const dir = champion?.artifactPath ? verifiedArtifactDirOrNull(champion) : null;
  return dir ? readEvaluation(dir) : null;
}

// ---- settings ----

// Messages are catalogue keys (lib/i18n/zod.ts words them in the reader's language).
const probability = (what: "reviewThreshold" | "blockThreshold") =>
  z.number({ error: `fraud.validation.${what}.number` satisfies MessageKey }).gt(0, `fraud.validation.${what}.above` satisfies MessageKey).lt(1, `fraud.validation.${what}.below` satisfies MessageKey);
const money = (what: "missedFraudCost" | "reviewCost") =>
  z.number({ error: `fraud.validation.${what}.number` satisfies MessageKey }).min(0, `fraud.validation.${what}.negative` satisfies MessageKey).max(1_000_000, `fraud.validation.${what}.large` satisfies MessageKey);

export const thresholdsInput = z
  .object({
    reviewThreshold: probability("reviewThreshold"),
    blockThreshold: probability("blockThreshold"),
    missedFraudCost: money("missedFraudCost"),
    reviewCost: money("reviewCost"),
    reviewHours: z.number({ error: "fraud.validation.reviewHours" }).gt(0, "fraud.validation.reviewHoursPositive").max(720, "fraud.validation.reviewHoursMax"),
    expectedVersion: z.number().int().positive(),
  })
  .refine((v) => v.blockThreshold > v.reviewThreshold, { message: "fraud.validation.blockAboveReview", path: ["blockThreshold"] });

const editable = (s: FraudSettings) => ({
  reviewThreshold: s.reviewThreshold,
  blockThreshold: s.blockThreshold,
  missedFraudCost: s.missedFraudCost,
  reviewCost: s.reviewCost,
  reviewHours: s.reviewHours,
  version: s.version,
});

/**
 * Saves thresholds and costs if nobody saved them since `expectedVersion` (check and write are one UPDATE). They
 * apply to payments scored from now on; open cases keep their due time.
 */
export async function updateThresholds(db: Db, user: Actor & { id: number }, raw: z.input<typeof thresholdsInput>): Promise<FraudSettings> {
  const { expectedVersion, ...values } = thresholdsInput.parse(raw);
  return db.transaction(async () => {
    const before = await getFraudSettings(db);
    const updated = await db
      .update(fraudSettings)
      .set({ ...values, version: expectedVersion + 1, updatedBy: user.id, updatedAt: new Date() })
      .where(and(eq(fraudSettings.id, 1), eq(fraudSettings.version, expectedVersion)))
      .returning()
      .get();
    if (!updated) {
      const by = before.updatedBy === null ? "the system" : ((await userEmail(db, before.updatedBy)) ?? `user ${before.updatedBy}`);
      throw new ConflictError(msg("fraud.errors.thresholdsStale", { who: by, version: before.version, review: before.reviewThreshold, block: before.blockThreshold }), {
        version: before.version,
        updatedBy: before.updatedBy,
      });
    }
    await audit(db, { actor: user, action: "fraud.settings.update", entityType: "fraud_settings", entityId: 1, before: editable(before), after: editable(updated) });
    return updated;
  });
}
