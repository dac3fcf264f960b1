import "server-only";
import type { Db } from "@/db/client";
import type { FraudDecision } from "@/db/schema";
import { addDays, isoOfMs, startOfDayMs } from "@/lib/dates";
import { getFraudSettings } from "./settings";
import { confusionAt, costMinimisingThreshold, costPer1000, loadEvaluation, thresholdCurve, type CurvePoint, type Evaluation } from "./threshold";

/**
 * How the fraud screen is doing: the champion's precision-recall curve with the current thresholds on it, how many
 * payments were allowed / reviewed / blocked each day, and how each analyst decides.
 */

/** The curve, the confusion matrices at the current review and block thresholds, and the cheapest threshold; null curve without an evaluation. */
export function modelPerformance(db: Db, evaluation: Evaluation | null = loadEvaluation(db)) {
  const settings = getFraudSettings(db);
  const costs = { missedFraudCost: settings.missedFraudCost, reviewCost: settings.reviewCost };
  if (!evaluation) return { settings, curve: null, atReview: null, atBlock: null, best: null };
  const at = (threshold: number): CurvePoint => {
    const c = confusionAt(evaluation, threshold);
    return { ...c, costPer1000: costPer1000(c, costs) };
  };
  const curve = thresholdCurve(evaluation, costs);
  return { settings, curve, atReview: at(settings.reviewThreshold), atBlock: at(settings.blockThreshold), best: costMinimisingThreshold(curve) };
}

export type FlagDay = { day: string } & Record<FraudDecision, number>;

/**
 * Payments allowed, reviewed and blocked per day over `days` days, each payment counted once, on the day it was
 * made, with its latest score's decision. (Counting score rows by the day they were written would pile a batch
 * rescore of history onto one day.) The window ends on the day of the newest scored payment, so a demo database whose
 * data ends in the past still shows its last 60 days; days without payments are zeros.
 */
export function flagVolumeByDay(db: Db, options: { days?: number; until?: string } = {}): FlagDay[] {
  const days = options.days ?? 60;
  const newest = db.$client
    .prepare<[], { at: number | null }>("SELECT MAX(p.created_at) AS at FROM payment_transactions p WHERE EXISTS (SELECT 1 FROM fraud_scores s WHERE s.payment_id = p.id)")
    .get()?.at;
  const until = options.until ?? isoOfMs(newest ?? Date.now());
  const from = addDays(until, -(days - 1));
  const rows = db.$client
    .prepare<[number, number], { day: string; decision: FraudDecision; n: number }>(
      `SELECT strftime('%Y-%m-%d', p.created_at / 1000, 'unixepoch') AS day, s.decision, COUNT(*) AS n
         FROM payment_transactions p
         JOIN fraud_scores s ON s.id = (SELECT s2.id FROM fraud_scores s2 WHERE s2.payment_id = p.id ORDER BY s2.created_at DESC, s2.id DESC LIMIT 1)
        WHERE p.created_at >= ? AND p.created_at < ?
        GROUP BY day, s.decision`,
    )
    .all(startOfDayMs(from), startOfDayMs(addDays(until, 1)));
  const byDay = new Map<string, FlagDay>();
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    byDay.set(day, { day, allow: 0, review: 0, block: 0 });
  }
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.decision] += r.n;
  }
  return [...byDay.values()];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type AnalystStats = {
  userId: number;
  email: string;
  fraud: number;
  legitimate: number;
  /** Escalations made (from the audit trail: an escalated case may since have been decided by someone else). */
  escalated: number;
  /** Median time from the case opening to this analyst's decision, in ms (closed cases only). */
  medianDecideMs: number | null;
  /** Closed cases whose payment has a ground-truth label, and the share of those the analyst got right. */
  withTruth: number;
  agreement: number | null;
};

/** Per analyst: fraud / legitimate decisions (cases they closed), escalations, median time to decide, agreement with ground truth. */
export function decisionsByAnalyst(db: Db): AnalystStats[] {
  const closed = db.$client
    .prepare<[], { userId: number; email: string; status: "fraud" | "legitimate"; ms: number | null; truth: number | null }>(
      `SELECT c.decided_by AS userId, u.email, c.status, c.decided_at - c.created_at AS ms, t.is_fraud AS truth
         FROM fraud_cases c JOIN users u ON u.id = c.decided_by
         LEFT JOIN truth_transactions t ON t.transaction_id = c.payment_id
        WHERE c.status IN ('fraud', 'legitimate')`,
    )
    .all();
  const escalations = db.$client
    .prepare<[], { userId: number; email: string; n: number }>(
      `SELECT a.actor_id AS userId, COALESCE(u.email, a.actor_email) AS email, COUNT(*) AS n
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'fraud.case.escalate' AND a.actor_id IS NOT NULL GROUP BY a.actor_id`,
    )
    .all();
  const stats = new Map<number, AnalystStats & { times: number[]; agreed: number }>();
  const entry = (userId: number, email: string) => {
    let s = stats.get(userId);
    if (!s) stats.set(userId, (s = { userId, email, fraud: 0, legitimate: 0, escalated: 0, medianDecideMs: null, withTruth: 0, agreement: null, times: [], agreed: 0 }));
    return s;
  };
  for (const r of closed) {
    const s = entry(r.userId, r.email);
    s[r.status]++;
    if (r.ms !== null) s.times.push(r.ms);
    if (r.truth !== null) {
      s.withTruth++;
      if ((r.status === "fraud") === (r.truth === 1)) s.agreed++;
    }
  }
  for (const r of escalations) entry(r.userId, r.email).escalated += r.n;
  return [...stats.values()]
    .map(({ times, agreed, ...s }) => ({ ...s, medianDecideMs: median(times), agreement: s.withTruth === 0 ? null : agreed / s.withTruth }))
    .sort((a, b) => b.fraud + b.legitimate + b.escalated - (a.fraud + a.legitimate + a.escalated) || a.email.localeCompare(b.email));
}
