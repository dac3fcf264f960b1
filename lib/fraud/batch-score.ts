import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { paymentTransactions, type ModelVersion } from "@/lib/schema";
import { audit } from "../audit";
import { DAY_MS } from "../dates";
import { type RulePayment } from "./rules-eval";
import { loadVersionScorer, releaseScorer, scoreStoredPayments, scoringContext, type StoredPayment } from "./scoring";
import { FEATURE_COLUMNS, fraudFeaturesOf, type PaymentFeatureRow } from "./training-data";
import type { TrainingProgress } from "../../models/task";
import { actorOf } from "../jobs/pipeline-common";

/**
 * Batch scoring with the fraud champion (the fraud pipeline's "score" job, queued after every promotion): every
 * payment of the last `windowDays` days (counted back from the latest payment, so a demo store whose dates are not
 * today's works the same) that has no fraud_scores row yet goes through the same entry point as the API (scoring.ts: rules,
 * then the model against the thresholds, reasons for the review and block decisions), in chunks of `chunkRows`:
 * one model pass per chunk and one transaction per chunk for its scores and review cases. Oldest first, so the
 * queue's cases come in payment order. Audited as `fraud.batch_scored`.
 */
export type BatchScoreOptions = {
  windowDays?: number;
  /** At most this many payments (the most recent unscored ones). */
  limit?: number;
  chunkRows?: number;
  /** "flagged" (default): reasons for review and block decisions only; "all": for every payment, about 20x the model work. */
  explain?: "flagged" | "all";
  createdBy?: number | null;
  onProgress?: (progress: TrainingProgress) => void;
};

export type BatchScoreResult = {
  payments: number;
  allowed: number;
  review: number;
  blocked: number;
  decidedByRule: number;
  casesOpened: number;
  from: string | null;
  to: string | null;
  seconds: {
    /** Whole run: model load, reads, scoring, reasons, writes. */
    total: number;
    load: number;
    read: number;
    /** Features -> encoded arrays -> scores and decisions (no reasons, no database). */
    featuresToScores: number;
    explain: number;
    write: number;
  };
};

const DEFAULT_CHUNK = 16_384;

type UnscoredRow = PaymentFeatureRow & { payment_id: number; card_hash: string; device_id: string | null; ip_address: string | null };

export async function batchScore(db: Db, artifactDir: string, version: ModelVersion, options: BatchScoreOptions = {}): Promise<BatchScoreResult> {
  const started = performance.now();
  if (version.task !== "fraud") throw new Error(`Model version ${version.id} is a ${version.task} model, not a fraud model.`);
  const windowDays = options.windowDays ?? 30;
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK;
  const onProgress = options.onProgress ?? (() => {});
  const seconds = { total: 0, load: 0, read: 0, featuresToScores: 0, explain: 0, write: 0 };
  const lap = (from: number) => (performance.now() - from) / 1000;

  let at = performance.now();
  onProgress({ stage: "loading the model", fraction: 0 });
  const scorer = await loadVersionScorer(artifactDir, version);
  seconds.load = lap(at);
  const counts = { payments: 0, allowed: 0, review: 0, blocked: 0, decidedByRule: 0, casesOpened: 0 };
  let from: number | null = null;
  let to: number | null = null;
  try {
    const context = await scoringContext(db, scorer);
    at = performance.now();
    const rows = await unscoredPayments(db, windowDays, options.limit);
    seconds.read = lap(at);
    for (let start = 0; start < rows.length; start += chunkRows) {
      const chunk = rows.slice(start, start + chunkRows);
      at = performance.now();
      const payments: StoredPayment[] = chunk.map((row) => ({ paymentId: row.payment_id, row: { features: fraudFeaturesOf(row), rule: rulePaymentOfRow(row) } }));
      const featuresSeconds = lap(at);
      const { decisions, casesOpened, timings } = await scoreStoredPayments(db, context, payments, options.explain ?? "flagged");
      seconds.featuresToScores += featuresSeconds + timings.scoreSeconds;
      seconds.explain += timings.explainSeconds;
      seconds.write += timings.writeSeconds;

      counts.casesOpened += casesOpened;
      for (const d of decisions) {
        counts.payments++;
        if (d.decision === "allow") counts.allowed++;
        else if (d.decision === "review") counts.review++;
        else counts.blocked++;
        if (d.decidedBy === "rule") counts.decidedByRule++;
      }
      from ??= chunk[0]!.created_at;
      to = chunk[chunk.length - 1]!.created_at;
      onProgress({ stage: "scoring payments", fraction: Math.min(0.99, (start + chunk.length) / rows.length) });
    }
  } finally {
    releaseScorer(scorer);
  }
  seconds.total = lap(started);
  const result: BatchScoreResult = {
    ...counts,
    from: from === null ? null : new Date(from).toISOString(),
    to: to === null ? null : new Date(to).toISOString(),
    seconds: Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as BatchScoreResult["seconds"],
  };
  await audit(db, {
    actor: await actorOf(db, options.createdBy ?? null),
    action: "fraud.batch_scored",
    entityType: "model_version",
    entityId: version.id,
    after: { version: version.version, windowDays, ...counts, from: result.from, to: result.to },
  });
  return result;
}

/** Payments of the window without any score, oldest first (the most recent `limit` of them when given). */
async function unscoredPayments(db: Db, windowDays: number, limit: number | undefined): Promise<UnscoredRow[]> {
  const latest = (await db.select({ last: sql<number | null>`max(${paymentTransactions.createdAt})` }).from(paymentTransactions).get())?.last;
  if (latest == null) return [];
  return (await unscoredSince(db, Number(latest) - windowDays * DAY_MS, limit)).reverse();
}

/**
 * Unscored payments created after `after`, newest first, at most `limit` (undefined: all). Raw SQL: the batch scoring
 * hot path, read in the stored form fraudFeaturesOf takes (FEATURE_COLUMNS, shared with the training reads).
 */
function unscoredSince(db: Db, after: number, limit: number | undefined): Promise<UnscoredRow[]> {
  return db.all<UnscoredRow>(
    sql`SELECT p.id AS payment_id, ${sql.raw(FEATURE_COLUMNS)}, p.card_hash, p.device_id, p.ip_address
       FROM payment_transactions p
       LEFT JOIN channels c ON c.id = p.channel_id
       WHERE p.created_at > ${after} AND NOT EXISTS (SELECT 1 FROM fraud_scores s WHERE s.payment_id = p.id)
       ORDER BY p.created_at DESC, p.id DESC
       ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`,
  );
}

function rulePaymentOfRow(row: UnscoredRow): RulePayment {
  return {
    cardHash: row.card_hash,
    email: row.email,
    deviceId: row.device_id,
    ipAddress: row.ip_address,
    cardTxnCount24h: row.card_txn_count_24h,
    amountCents: row.amount_cents,
  };
}
