import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fraudRules, type FraudDecision, type FraudSettings, type ModelVersion, type ScoreReason } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { encodeRows } from "@/models/fraud/features";
import { explainFraud, type FraudFeatures, type FraudModel } from "@/models/fraud/index";
import { loadFraudModel } from "@/models/fraud/persist";
import { anomalyPercentile, checkColumns, scoreEncoded } from "@/models/fraud/predict";
import { championOf } from "@/lib/models/versions";
import { TaskInputError } from "@/models/task";
import { perConnection } from "@/lib/prepared";
import { anomalyReason, toScoreReason } from "./reasons";
import { compileRules, type RulePayment, type RuleVerdict } from "./rules-eval";
import { getFraudSettings } from "./settings";

/**
 * The engine of the fraud scoring service (scoring.ts is its entry point): the champion model's cache, rules +
 * model + reasons for a batch of payments, and the writes of scores and cases. Shared by the API's micro-batches and
 * the batch job (lib/fraud/batch-score.ts). No React, no "server-only": the worker runs it.
 *
 * One decision per payment, in this order (see rules-eval.ts for the rules' own precedence):
 *   1. an active rule that matches decides (allow beats block beats review), decidedBy "rule";
 *   2. otherwise the champion's calibrated score against fraud_settings: >= blockThreshold block,
 *      >= reviewThreshold review, else allow; decidedBy "model".
 * The model scores every payment either way (the score is stored and shown beside a rule's decision).
 * Reasons are explainFraud's top 3 contributions towards fraud in analysts' words (reasons.ts), plus the anomaly
 * when the payment is stranger than 95 % of genuine ones.
 *
 * Only "review" opens a case in the analysts' queue (fraud_cases, open, due after reviewHours). A "block" is not
 * queued: the payment is declined at checkout and nobody has to act on it (a customer who calls in is handled from
 * the payment's page, and a block rule or threshold that blocks too much shows up in the rules backtest and the
 * threshold screen, not as queue work).
 */

export class NoChampionError extends AppError {
  constructor(detail = "No fraud model is in service yet: train one and promote it on the Models page.") {
    super("unavailable", detail);
  }
}

/** How often the cached model checks whether the champion changed (a cheap query; the load happens only on change). */
export const CHAMPION_CHECK_MS = 3000;

export type LoadedScorer = { version: ModelVersion; model: FraudModel };
type ScorerCache = { current: LoadedScorer | null; checkedAt: number; loading: Promise<LoadedScorer> | null };

// On globalThis, like the database connection, so a dev hot reload does not load the model again.
const globalForScorer = globalThis as unknown as { fraudScorer?: ScorerCache };
const cache: ScorerCache = (globalForScorer.fraudScorer ??= { current: null, checkedAt: 0, loading: null });

/**
 * The champion fraud model, loaded once and kept; re-checked against the registry at most every CHAMPION_CHECK_MS
 * and reloaded when the champion changed. Concurrent callers share one load. Throws NoChampionError.
 */
export async function championScorer(db: Db): Promise<LoadedScorer> {
  if (cache.current && Date.now() - cache.checkedAt < CHAMPION_CHECK_MS) return cache.current;
  if (cache.loading) return cache.loading;
  cache.loading = (async () => {
    const champion = championOf(db, "fraud");
    if (!champion?.artifactPath) throw new NoChampionError();
    const current = cache.current;
    if (current && current.version.id === champion.id && current.version.artifactPath === champion.artifactPath) {
      cache.checkedAt = Date.now();
      return current;
    }
    let model: FraudModel;
    try {
      model = await loadScoringModel(champion.artifactPath);
    } catch (error) {
      console.error(error);
      throw new NoChampionError(`The fraud champion v${champion.version} could not be loaded from its files.`);
    }
    cache.current = { version: champion, model };
    cache.checkedAt = Date.now();
    // Scoring batches run one at a time and take the scorer when they start, so no batch holds the old one now.
    if (current) disposeModel(current.model);
    return cache.current;
  })().finally(() => {
    cache.loading = null;
  });
  return cache.loading;
}

/** Makes the next request look the champion up again at once (after a promotion in tests, or on demand). */
export function refreshFraudScorer(): void {
  cache.checkedAt = 0;
}

/** Loads a fraud model and warms it up with one small batch (wasm compiles its kernels on first use). */
export async function loadScoringModel(dir: string): Promise<FraudModel> {
  const model = await loadFraudModel(dir);
  const needed = [...model.schema.numeric.map((c) => c.name), ...model.schema.categorical.map((c) => c.source)];
  const blank: FraudFeatures = Object.fromEntries(needed.map((name) => [name, null]));
  const rows = Array.from({ length: 4 }, (_, i) => ({ id: `warm-${i}`, features: blank }));
  scoreEncoded(model, encodeRows(model.schema, rows.map((r) => r.features)), { withAnomaly: true });
  explainFraud(model, rows, { top: 3 });
  return model;
}

export function disposeModel(model: FraudModel): void {
  model.classifier.dispose();
  model.autoencoder?.dispose();
}

/** What scoring needs besides the payments: the model, the thresholds and the active rules, read once per batch. */
export type ScoringContext = { scorer: LoadedScorer; settings: FraudSettings; rules: (payment: RulePayment) => RuleVerdict | null };

export function scoringContext(db: Db, scorer: LoadedScorer): ScoringContext {
  const settings = getFraudSettings(db, scorer.model.threshold);
  const rules = compileRules(db.select().from(fraudRules).where(eq(fraudRules.active, true)).all());
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
  const testRows = rows.map((r, i) => ({ id: String(i), features: r.features }));
  try {
    checkColumns(model, testRows);
  } catch (error) {
    if (error instanceof TaskInputError) throw new NoChampionError(`The fraud champion cannot score this store's payments: ${error.message}.`);
    throw error;
  }
  const encoded = encodeRows(
    model.schema,
    testRows.map((r) => r.features),
  );
  const { score, anomalyLogError } = scoreEncoded(model, encoded, { withAnomaly: true });
  const { calibration } = model;
  const decisions: PaymentDecision[] = rows.map((row, i) => {
    const s = roundScore(score[i]!);
    const verdict = context.rules(row.rule);
    const anomaly = anomalyLogError ? anomalyPercentile(model.anomalyReference, anomalyLogError[i]!) : Number.NaN;
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
    const reasons = explainFraud(
      model,
      toExplain.map((i) => testRows[i]!),
      { top: 3, direction: "raises" },
    );
    toExplain.forEach((i, k) => {
      const words = (reasons[k] ?? []).map((r) => toScoreReason(r, rows[i]!.features));
      const decision = decisions[i]!;
      // The anomaly's own share of the log-odds: its blend weight times its standardised log error (0 unblended).
      const z = anomalyLogError ? (anomalyLogError[i]! - calibration.anomalyMean) / calibration.anomalySd : 0;
      const unusual = decision.anomaly === null ? null : anomalyReason(decision.anomaly, calibration.anomalyWeight * z);
      decision.reasons = unusual ? [...words, unusual] : words;
    });
  }
  return { decisions, timings: { scoreSeconds, explainSeconds: (performance.now() - explainStarted) / 1000 } };
}

export type ScoreSource = "api" | "batch";

/** One decided payment to store: its payment row id and the decision. */
export type ScoreWrite = { paymentId: number; decision: PaymentDecision };

/**
 * Writes fraud_scores rows (and an open case for each review decision) for decided payments. Call inside a
 * transaction: the API writes a micro-batch, the batch job a chunk, each in one. Returns the score ids in order.
 */
export function writeScores(db: Db, context: ScoringContext, writes: readonly ScoreWrite[], source: ScoreSource, now: Date): { scoreIds: number[]; casesOpened: number } {
  const statements = statementsOf(db);
  const at = now.getTime();
  const dueAt = at + context.settings.reviewHours * 3_600_000;
  const versionId = context.scorer.version.id;
  const scoreIds: number[] = [];
  let casesOpened = 0;
  for (const { paymentId, decision: d } of writes) {
    const id = Number(
      statements.insertScore.run(paymentId, versionId, d.score, d.anomaly, d.decision, d.decidedBy, d.ruleId, JSON.stringify(d.reasons), source, at).lastInsertRowid,
    );
    scoreIds.push(id);
    if (d.decision === "review") casesOpened += statements.insertCase.run(paymentId, id, dueAt, at, at).changes;
  }
  return { scoreIds, casesOpened };
}

const statementsOf = perConnection((client) => ({
  insertScore: client.prepare<unknown[]>(
    `INSERT INTO fraud_scores (payment_id, model_version_id, score, anomaly, decision, decided_by, rule_id, reasons, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // A payment already in the queue (scored again later) keeps its case.
  insertCase: client.prepare<unknown[]>(
    `INSERT INTO fraud_cases (payment_id, score_id, status, due_at, version, created_at, updated_at)
     VALUES (?, ?, 'open', ?, 1, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
  ),
}));
