import { and, eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/db/client";
import { fraudSettings, users, type FraudSettings } from "@/db/schema";
import { audit, type Actor } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { championOf } from "@/models/registry/versions";
import { getFraudSettings } from "./settings";

/**
 * Choosing the thresholds on the champion's held-out evaluation: the precision-recall curve, the expected cost at
 * each threshold and the threshold that minimises it, and the confusion matrix at a chosen threshold. A payment is
 * flagged when its score is at or above the threshold (as the scorer sends it to review). The functions are pure;
 * loadEvaluation reads the champion's evaluation.json and updateThresholds saves the settings.
 */

export type Evaluation = { scores: number[]; labels: (0 | 1)[]; amounts: number[] };
export type Costs = { missedFraudCost: number; reviewCost: number };

export type Confusion = {
  threshold: number;
  /** Fraud flagged, legitimate flagged, fraud missed, legitimate passed. */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** tp / (tp + fp); 1 when nothing is flagged (no false alarms), as scikit-learn's curve ends. */
  precision: number;
  /** tp / (tp + fn); 0 when there is no fraud at all. */
  recall: number;
  /** Share of all payments flagged: (tp + fp) / n. */
  flaggedShare: number;
  /** Sums of `amounts` (in the file's unit) of the fraud caught and missed. */
  caughtFraudAmount: number;
  missedFraudAmount: number;
};
export type CurvePoint = Confusion & { costPer1000: number };

export const MAX_CURVE_POINTS = 200;

/**
 * Expected cost per 1,000 payments: (missedFraudCost × FN + reviewCost × (TP + FP)) / n × 1,000. Every flagged
 * payment costs a review; every missed fraud costs the loss. A correctly passed payment costs nothing.
 */
export function costPer1000(c: Pick<Confusion, "tp" | "fp" | "fn" | "tn">, costs: Costs): number {
  const n = c.tp + c.fp + c.fn + c.tn;
  return n === 0 ? 0 : ((costs.missedFraudCost * c.fn + costs.reviewCost * (c.tp + c.fp)) / n) * 1000;
}

function confusionOf(threshold: number, tp: number, fp: number, positives: number, n: number, caught: number, fraudAmount: number): Confusion {
  const fn = positives - tp;
  return {
    threshold,
    tp,
    fp,
    fn,
    tn: n - positives - fp,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: positives === 0 ? 0 : tp / positives,
    flaggedShare: n === 0 ? 0 : (tp + fp) / n,
    caughtFraudAmount: caught,
    missedFraudAmount: fraudAmount - caught,
  };
}

export function confusionAt(evaluation: Evaluation, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let caught = 0;
  let fraudAmount = 0;
  evaluation.scores.forEach((score, i) => {
    const fraud = evaluation.labels[i] === 1;
    const amount = evaluation.amounts[i] ?? 0;
    if (fraud) {
      positives++;
      fraudAmount += amount;
    }
    if (score >= threshold && fraud) {
      tp++;
      caught += amount;
    } else if (score >= threshold) fp++;
  });
  return confusionOf(threshold, tp, fp, positives, evaluation.scores.length, caught, fraudAmount);
}

/** The thresholds of the curve: every distinct score when there are at most `max`, else `max` of them evenly spaced in rank (lowest and highest included). */
export function curveThresholds(scores: readonly number[], max = MAX_CURVE_POINTS): number[] {
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  if (distinct.length <= max) return distinct;
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(distinct[Math.round((i * (distinct.length - 1)) / (max - 1))]!);
  return [...picked].sort((a, b) => a - b);
}

/** Precision, recall, flagged share and expected cost at each curve threshold, lowest threshold first. One sort, one sweep. */
export function thresholdCurve(evaluation: Evaluation, costs: Costs, max = MAX_CURVE_POINTS): CurvePoint[] {
  const n = evaluation.scores.length;
  const order = evaluation.scores.map((_, i) => i).sort((a, b) => evaluation.scores[b]! - evaluation.scores[a]!);
  const positives = evaluation.labels.reduce<number>((s, l) => s + l, 0);
  const fraudAmount = evaluation.labels.reduce<number>((s, l, i) => s + (l === 1 ? (evaluation.amounts[i] ?? 0) : 0), 0);
  const thresholds = curveThresholds(evaluation.scores, max).reverse();
  const points: CurvePoint[] = [];
  let k = 0;
  let tp = 0;
  let fp = 0;
  let caught = 0;
  for (const threshold of thresholds) {
    // Highest threshold first: take in every payment scored at or above it.
    while (k < n && evaluation.scores[order[k]!]! >= threshold) {
      const i = order[k++]!;
      if (evaluation.labels[i] === 1) {
        tp++;
        caught += evaluation.amounts[i] ?? 0;
      } else fp++;
    }
    const c = confusionOf(threshold, tp, fp, positives, n, caught, fraudAmount);
    points.push({ ...c, costPer1000: costPer1000(c, costs) });
  }
  return points.reverse();
}

/** The curve point of least expected cost; of equal costs the highest threshold (fewest reviews). Null for an empty curve. */
export function costMinimisingThreshold(points: readonly CurvePoint[]): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const p of points) if (!best || p.costPer1000 < best.costPer1000 - 1e-12 || (Math.abs(p.costPer1000 - best.costPer1000) <= 1e-12 && p.threshold > best.threshold)) best = p;
  return best;
}

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
export function loadEvaluation(db: Db): Evaluation | null {
  const artifactPath = championOf(db, "fraud")?.artifactPath;
  return artifactPath ? readEvaluation(artifactPath) : null;
}

// ---- settings ----

const probability = (what: string) => z.number({ error: `Enter the ${what} as a number.` }).gt(0, `The ${what} must be above 0.`).lt(1, `The ${what} must be below 1.`);
const money = (what: string) => z.number({ error: `Enter the ${what} as a number.` }).min(0, `The ${what} cannot be negative.`).max(1_000_000, `The ${what} is too large.`);

export const thresholdsInput = z
  .object({
    reviewThreshold: probability("review threshold"),
    blockThreshold: probability("block threshold"),
    missedFraudCost: money("cost of a missed fraud"),
    reviewCost: money("cost of a review"),
    reviewHours: z.number({ error: "Enter the review time in hours." }).gt(0, "The review time must be above 0 hours.").max(720, "The review time must be at most 720 hours (30 days)."),
    expectedVersion: z.number().int().positive(),
  })
  .refine((v) => v.blockThreshold > v.reviewThreshold, { message: "The block threshold must be above the review threshold.", path: ["blockThreshold"] });

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
export function updateThresholds(db: Db, user: Actor & { id: number }, raw: z.input<typeof thresholdsInput>): FraudSettings {
  const { expectedVersion, ...values } = thresholdsInput.parse(raw);
  return db.transaction(() => {
    const before = getFraudSettings(db);
    const updated = db
      .update(fraudSettings)
      .set({ ...values, version: expectedVersion + 1, updatedBy: user.id, updatedAt: new Date() })
      .where(and(eq(fraudSettings.id, 1), eq(fraudSettings.version, expectedVersion)))
      .returning()
      .get();
    if (!updated) {
      const by = before.updatedBy === null ? "the system" : (db.select({ email: users.email }).from(users).where(eq(users.id, before.updatedBy)).get()?.email ?? `user ${before.updatedBy}`);
      throw new ConflictError(`${by} changed the fraud thresholds since you opened them (now version ${before.version}: review at ${before.reviewThreshold}, block at ${before.blockThreshold}). Reload before saving.`, {
        version: before.version,
        updatedBy: before.updatedBy,
      });
    }
    audit(db, { actor: user, action: "fraud.settings.update", entityType: "fraud_settings", entityId: 1, before: editable(before), after: editable(updated) });
    return updated;
  });
}
