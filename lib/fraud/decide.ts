import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { fraudRules, type FraudDecision, type FraudSettings, type ModelVersion, type ScoreReason } from "@/lib/schema";
import { AppError } from "@/lib/errors";
import type { FraudFeatures, FraudModel } from "@/models/fraud/index";
import { explainServed, scoreServed } from "@/models/fraud/serve";
import { TaskInputError } from "@/models/task";
import { anomalyReason, toScoreReason } from "./reasons";
import { compileRules, type RulePayment, type RuleVerdict } from "./rules-eval";
import { getFraudSettings } from "./settings";

/**
 * The decisions of the fraud scoring service: rules + model + thresholds + reasons for a batch of payments. Called
 * only from scoring.ts (the entry point, for the API's micro-batches and the batch job); calls only down: the
 * settings and rules it reads, and the model's numbers (models/fraud/serve.ts). No React, no "server-only": the
 * worker runs it.
 *
 * One decision per payment, in this order (see rules-eval.ts for the rules' own precedence):
 *   1. an active rule that matches decides (allow beats block beats review), decidedBy "rule";
 *   2. otherwise the champion's calibrated score against fraud_settings: >= blockThreshold block,
 *      >= reviewThreshold review, else allow; decidedBy "model".
 * The model scores every payment either way (the score is stored and shown beside a rule's decision).
 * Reasons are explainFraud's top 3 contributions towards fraud in analysts' words (reasons.ts), plus the anomaly
 * when the payment is stranger than 95 % of genuine ones.
 *
 * Only "review" opens a case in the analysts' queue (fraud_cases, open, due after reviewHours; score-store.ts writes
 * it). A "block" is not queued: the payment is declined at checkout and nobody has to act on it (a customer who calls
 * in is handled from the payment's page, and a block rule or threshold that blocks too much shows up in the rules
 * backtest and the threshold screen, not as queue work).
 */

export class NoChampionError extends AppError {
  constructor(detail = "No fraud model is in service yet: train one and promote it on the Models page.") {
    super("unavailable", detail);
  }
}

/** A loaded model with the registry version it is. */
export type LoadedScorer = { version: ModelVersion; model: FraudModel };

/** What scoring needs besides the payments: the model, the thresholds and the active rules, read once per batch. */
export type ScoringContext = { scorer: LoadedScorer; settings: FraudSettings; rules: (payment: RulePayment) => RuleVerdict | null };

export async function scoringContext(db: Db, scorer: LoadedScorer): Promise<ScoringContext> {
  const settings = await getFraudSettings(db, scorer.model.threshold);
  const rules = compileRules(await db.select().from(fraudRules).where(eq(fraudRules.active, true)).all());
  return { scorer, settings, rules };
}

export type ScoringRow = { features: FraudFeatures; rule: RulePayment };

export type PaymentDecision = {
  score: number;
  /** Percentile among genuine validation payments (0..1); null without an autoencoder. */
  anomaly: number | null;
  decision: FraudDecision;
  decidedBy: "rule" | "model";
  ruleId: number | null;
  reasons: ScoreReason[];
};

export type DecideTimings = { scoreSeconds: number; explainSeconds: number };

/** Scores stored and returned are rounded, so a repeated request gets back exactly what the first one did. */
const roundScore = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Rules, model and reasons for a batch of payments: ONE pass of the networks over all rows (on wasm a batch costs
 * about what a single row does) and one occlusion pass over the rows to explain. `explain`: "all" (the API answers
 * with reasons for every payment) or "flagged" (the batch job: only review and block decisions, the ones a person
 * reads; occlusion costs about 20 model passes per row).
 */
export function decidePayments(context: ScoringContext, rows: readonly ScoringRow[], explain: "all" | "flagged"): { decisions: PaymentDecision[]; timings: DecideTimings } {
  const { model } = context.scorer;
  const { settings } = context;
  const started = performance.now();
  const features = rows.map((r) => r.features);
  let served: ReturnType<typeof scoreServed>;
  try {
    served = scoreServed(model, features);
  } catch (error) {
    if (error instanceof TaskInputError) throw new NoChampionError(`The fraud champion cannot score this store's payments: ${error.message}.`);
    throw error;
  }
  const decisions: PaymentDecision[] = rows.map((row, i) => {
    const s = roundScore(served.score[i]!);
    const verdict = context.rules(row.rule);
    const anomaly = served.anomalyPercentile(i);
    const decision: FraudDecision = verdict ? verdict.action : s >= settings.blockThreshold ? "block" : s >= settings.reviewThreshold ? "review" : "allow";
    return {
      score: s,
      anomaly: Number.isNaN(anomaly) ? null : Math.round(anomaly * 1e4) / 1e4,
      decision,
      decidedBy: verdict ? "rule" : "model",
      ruleId: verdict?.ruleId ?? null,
      reasons: [],
    };
  });
  const scoreSeconds = (performance.now() - started) / 1000;

  const explainStarted = performance.now();
  const toExplain = explain === "all" ? rows.map((_, i) => i) : decisions.flatMap((d, i) => (d.decision === "allow" ? [] : [i]));
  if (toExplain.length > 0) {
    const reasons = explainServed(model, features, toExplain);
    toExplain.forEach((i, k) => {
      const words = (reasons[k] ?? []).map((r) => toScoreReason(r, rows[i]!.features));
      const decision = decisions[i]!;
      const unusual = decision.anomaly === null ? null : anomalyReason(decision.anomaly, served.anomalyShare(i));
      decision.reasons = unusual ? [...words, unusual] : words;
    });
  }
  return { decisions, timings: { scoreSeconds, explainSeconds: (performance.now() - explainStarted) / 1000 } };
}
