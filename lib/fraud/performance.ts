import "server-only";
import { and, count, desc, eq, exists, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/lib/db";
import { auditLog, fraudCases, fraudScores, paymentTransactions, truthTransactions, users, type FraudDecision } from "@/lib/schema";
import { addDays, DAY_MS, isoOfDay, isoOfMs, startOfDayMs } from "@/lib/dates";
import { getFraudSettings } from "./settings";
import { confusionAt, costMinimisingThreshold, costPer1000, loadEvaluation, thresholdCurve, type CurvePoint, type Evaluation } from "./threshold";

/**
 * How the fraud screen is doing: the champion's precision-recall curve with the current thresholds on it, how many
 * payments were allowed / reviewed / blocked each day, and how each analyst decides.
 */

/** The curve, the confusion matrices at the current review and block thresholds, and the cheapest threshold; null curve without an evaluation. */
export async function modelPerformance(db: Db, given?: Evaluation | null) {
  const evaluation = given === undefined ? await loadEvaluation(db) : given;
  const settings = await getFraudSettings(db);
  const costs = { missedFraudCost: settings.missedFraudCost, reviewCost: settings.reviewCost };
  if (!evaluation) return { settings, curve: null, atReview: null, atBlock: null, best: null };
  const at = (threshold: number): CurvePoint => {
    const c = confusionAt(evaluation, threshold);
    return { ...c, costPer1000: costPer1000(c, costs) };
  };
  const curve = thresholdCurve(evaluation, costs);
  return { settings, curve, atReview: at(settings.reviewThreshold), atBlock: at(settings.blockThreshold), best: costMinimisingThreshold(curve) };
}

const newer = alias(fraudScores, "s2");

/** The id of a payment's latest score, as a subquery correlated with payment_transactions. */
function latestScoreId(db: Db) {
  return db.select({ id: newer.id }).from(newer).where(eq(newer.paymentId, paymentTransactions.id)).orderBy(desc(newer.createdAt), desc(newer.id)).limit(1);
}

export type FlagDay = { day: string } & Record<FraudDecision, number>;

/**
 * Payments allowed, reviewed and blocked per day over `days` days, each payment counted once, on the day it was
 * made, with its latest score's decision. (Counting score rows by the day they were written would pile a batch
 * rescore of history onto one day.) The window ends on the day of the newest scored payment, so a demo database whose
 * data ends in the past still shows its last 60 days; days without payments are zeros.
 */
export async function flagVolumeByDay(db: Db, options: { days?: number; until?: string } = {}): Promise<FlagDay[]> {
  const days = options.days ?? 60;
  const newest = (
    await db
      .select({ at: sql<number | null>`max(${paymentTransactions.createdAt})` })
      .from(paymentTransactions)
      .where(exists(db.select({ one: sql`1` }).from(fraudScores).where(eq(fraudScores.paymentId, paymentTransactions.id))))
      .get()
  )?.at;
  const until = options.until ?? isoOfMs(newest == null ? Date.now() : Number(newest));
  const from = addDays(until, -(days - 1));
  // The payment's UTC day as a day number (days since 1970-01-01): integer division of the millisecond timestamp, the
  // same on SQLite and PostgreSQL (an integer column over an integer literal; payments are after 1970, so truncation
  // is the floor). A literal, not a parameter, so the GROUP BY expression is the selected one on PostgreSQL.
  const paymentDay = sql<number>`${paymentTransactions.createdAt} / ${sql.raw(String(DAY_MS))}`;
  const rows = await db
    .select({ day: paymentDay, decision: fraudScores.decision, n: count() })
    .from(paymentTransactions)
    .innerJoin(fraudScores, eq(fraudScores.id, latestScoreId(db)))
    .where(and(gte(paymentTransactions.createdAt, new Date(startOfDayMs(from))), lt(paymentTransactions.createdAt, new Date(startOfDayMs(addDays(until, 1))))))
    .groupBy(paymentDay, fraudScores.decision)
    .all();
  const byDay = new Map<string, FlagDay>();
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    byDay.set(day, { day, allow: 0, review: 0, block: 0 });
  }
  for (const r of rows) {
    const d = byDay.get(isoOfDay(Number(r.day)));
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
export async function decisionsByAnalyst(db: Db): Promise<AnalystStats[]> {
  const closed = await db
    .select({
      userId: users.id,
      email: users.email,
      status: fraudCases.status,
      ms: sql<number | null>`${fraudCases.decidedAt} - ${fraudCases.createdAt}`,
      truth: truthTransactions.isFraud,
    })
    .from(fraudCases)
    .innerJoin(users, eq(users.id, fraudCases.decidedBy))
    .leftJoin(truthTransactions, eq(truthTransactions.transactionId, fraudCases.paymentId))
    .where(inArray(fraudCases.status, ["fraud", "legitimate"]))
    .all();
  // One row per actor: the e-mail is aggregated (the user's own, else the one the audit entries recorded).
  const escalations = await db
    .select({ userId: auditLog.actorId, email: sql<string>`max(coalesce(${users.email}, ${auditLog.actorEmail}))`, n: count() })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.action, "fraud.case.escalate"), isNotNull(auditLog.actorId)))
    .groupBy(auditLog.actorId)
    .all();
  const stats = new Map<number, AnalystStats & { times: number[]; agreed: number }>();
  const entry = (userId: number, email: string) => {
    let s = stats.get(userId);
    if (!s) stats.set(userId, (s = { userId, email, fraud: 0, legitimate: 0, escalated: 0, medianDecideMs: null, withTruth: 0, agreement: null, times: [], agreed: 0 }));
    return s;
  };
  for (const r of closed) {
    // Never taken (the WHERE keeps closed cases only): it narrows the status to the two counted.
    if (r.status !== "fraud" && r.status !== "legitimate") continue;
    const s = entry(r.userId, r.email);
    s[r.status]++;
    if (r.ms !== null) s.times.push(Number(r.ms));
    if (r.truth !== null) {
      s.withTruth++;
      if ((r.status === "fraud") === r.truth) s.agreed++;
    }
  }
  for (const r of escalations) if (r.userId !== null) entry(r.userId, r.email).escalated += r.n;
  return [...stats.values()]
    .map(({ times, agreed, ...s }) => ({ ...s, medianDecideMs: median(times), agreement: s.withTruth === 0 ? null : agreed / s.withTruth }))
    .sort((a, b) => b.fraud + b.legitimate + b.escalated - (a.fraud + a.legitimate + a.escalated) || a.email.localeCompare(b.email));
}
