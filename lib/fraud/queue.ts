import "server-only";
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, lte, not, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { caseStatuses, fraudCases, fraudRules, fraudScores, paymentTransactions, users, type CaseStatus, type FraudDecision } from "@/lib/schema";
import type { Message } from "@/lib/i18n/message";
import { listParams, type SortDir } from "@/lib/search-params";
import { CLAIM_IDLE_MS } from "./cases";
import type { ReasonRecord } from "./reasons";

/**
 * The analysts' review queue: cases filtered and sorted from the URL, a page at a time, with the facts an analyst
 * triages on (score, who decided, the top reason, amount, due time, who holds the claim).
 */

export const QUEUE_PAGE_SIZE = 25;

/** An optional number from a URL parameter: an empty or malformed value means "no filter" (not 0). */
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().min(min).max(max).optional()).catch(undefined);

const flag = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean()).catch(false);

export const queueStatuses = ["active", ...caseStatuses, "all"] as const;

/** URL search params of the queue; anything malformed falls back to "no filter". Amounts are in dollars (what people type). */
export const queueFilterSchema = z.object({
  /** active = open and escalated (the work still to do). */
  status: z.enum(queueStatuses).catch("active").default("active"),
  minScore: optionalNumber(0, 1),
  maxScore: optionalNumber(0, 1),
  minAmount: optionalNumber(0, 100_000_000),
  maxAmount: optionalNumber(0, 100_000_000),
  /** Decided by this rule id, or "model". */
  rule: z.union([z.literal("model"), z.coerce.number().int().positive()]).optional().catch(undefined),
  /** me / unassigned / a user id: who holds a live claim (a lapsed claim counts as unassigned). */
  assignee: z.union([z.enum(["me", "unassigned"]), z.coerce.number().int().positive()]).optional().catch(undefined),
  overdue: flag,
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
  ...listParams(["score", "age", "due", "amount"], "score", { maxPage: 100_000 }),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/** Default directions: highest score, oldest case (age descending), soonest due, largest amount. */
export const defaultQueueDir: Record<QueueFilter["sort"], SortDir> = { score: "desc", age: "desc", due: "asc", amount: "desc" };

export type QueueRow = {
  caseId: number;
  version: number;
  status: CaseStatus;
  paymentId: number;
  externalId: string;
  email: string | null;
  amountCents: number;
  currency: string;
  paymentCreatedAt: Date;
  caseCreatedAt: Date;
  /** How long the case has waited, in ms. */
  ageMs: number;
  dueAt: Date;
  overdue: boolean;
  score: number;
  decision: FraudDecision;
  decidedBy: "rule" | "model";
  ruleId: number | null;
  ruleName: string | null;
  topReason: string | null;
  /** The top reason as a message in the reader's words, when the scorer worded it (else `topReason`'s English). */
  topReasonMessage: Message | null;
  assigneeId: number | null;
  assigneeEmail: string | null;
  /** The assignee's claim is younger than CLAIM_IDLE_MS (a lapsed claim may be taken by anyone). */
  claimLive: boolean;
};

const ACTIVE: CaseStatus[] = ["open", "escalated"];

/**
 * The assignee holds a claim younger than CLAIM_IDLE_MS. A claim without a time counts as lapsed, and coalesce keeps
 * the test from being NULL, so NOT of it is exactly "unassigned".
 */
const live = (lapsedBefore: number): SQL => and(isNotNull(fraudCases.assigneeId), gt(sql`coalesce(${fraudCases.claimedAt}, 0)`, lapsedBefore))!;

/**
 * Case-insensitive LIKE with `\\` escaping the analyst's % and _ (drizzle's like() has no ESCAPE clause). lower() on
 * both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
 */
const contains = (column: SQLiteColumn, pattern: string) => sql`lower(${column}) like lower(${pattern}) escape '\\'`;

function where(filter: QueueFilter, viewerId: number, now: number, options: { withStatus: boolean }): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (options.withStatus && filter.status !== "all") parts.push(filter.status === "active" ? inArray(fraudCases.status, ACTIVE) : eq(fraudCases.status, filter.status));
  if (filter.minScore !== undefined) parts.push(gte(fraudScores.score, filter.minScore));
  if (filter.maxScore !== undefined) parts.push(lte(fraudScores.score, filter.maxScore));
  if (filter.minAmount !== undefined) parts.push(gte(paymentTransactions.amountCents, Math.round(filter.minAmount * 100)));
  if (filter.maxAmount !== undefined) parts.push(lte(paymentTransactions.amountCents, Math.round(filter.maxAmount * 100)));
  if (filter.rule === "model") parts.push(eq(fraudScores.decidedBy, "model"));
  else if (filter.rule !== undefined) parts.push(eq(fraudScores.decidedBy, "rule"), eq(fraudScores.ruleId, filter.rule));
  const lapsedBefore = now - CLAIM_IDLE_MS;
  if (filter.assignee === "unassigned") parts.push(not(live(lapsedBefore)));
  else if (filter.assignee !== undefined) parts.push(live(lapsedBefore), eq(fraudCases.assigneeId, filter.assignee === "me" ? viewerId : filter.assignee));
  if (filter.overdue) parts.push(inArray(fraudCases.status, ACTIVE), lt(fraudCases.dueAt, new Date(now)));
  // Case-insensitive (contains); % and _ typed by the analyst are literal.
  if (filter.q) {
    const q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(contains(paymentTransactions.externalId, q), contains(paymentTransactions.email, q)));
  }
  return and(...parts);
}

/**
 * Each case's payment and score, which the filters and sorts read. The page's rows also join the deciding rule and
 * the assignee (left joins on their ids: they add no rows, so the counts and next/previous leave them out).
 */
const casePayment = eq(paymentTransactions.id, fraudCases.paymentId);
const caseScore = eq(fraudScores.id, fraudCases.scoreId);

const sortColumn = { score: fraudScores.score, age: fraudCases.createdAt, due: fraudCases.dueAt, amount: paymentTransactions.amountCents } satisfies Record<QueueFilter["sort"], SQLiteColumn>;

/** ORDER BY of the filter; ties go oldest case first, then by id, so paging and next/previous are stable. */
function orderBy(filter: QueueFilter): SQL[] {
  const dir = filter.dir ?? defaultQueueDir[filter.sort];
  // Age descending means the oldest case first, i.e. created_at ascending.
  const ascending = filter.sort === "age" ? dir === "desc" : dir === "asc";
  const column = sortColumn[filter.sort];
  return [ascending ? asc(column) : desc(column), asc(fraudCases.createdAt), asc(fraudCases.id)];
}

/** The stored reasons: JSON text on SQLite, already parsed from a json column on PostgreSQL. */
function topReason(stored: unknown): ReasonRecord | null {
  try {
    const reasons = (typeof stored === "string" ? JSON.parse(stored) : stored) as ReasonRecord[];
    // The scorer lists reasons strongest first.
    return Array.isArray(reasons) ? (reasons[0] ?? null) : null;
  } catch {
    return null;
  }
}

export async function queuePage(db: Db, filter: QueueFilter, viewerId: number, now = new Date()) {
  const t = now.getTime();
  const w = where(filter, viewerId, t, { withStatus: true });
  const total = (await db.select({ n: count() }).from(fraudCases).innerJoin(paymentTransactions, casePayment).innerJoin(fraudScores, caseScore).where(w).get())?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const raw = await db
    .select({
      caseId: fraudCases.id,
      version: fraudCases.version,
      status: fraudCases.status,
      paymentId: paymentTransactions.id,
      externalId: paymentTransactions.externalId,
      email: paymentTransactions.email,
      amountCents: paymentTransactions.amountCents,
      currency: paymentTransactions.currency,
      paymentCreatedAt: paymentTransactions.createdAt,
      caseCreatedAt: fraudCases.createdAt,
      dueAt: fraudCases.dueAt,
      score: fraudScores.score,
      decision: fraudScores.decision,
      decidedBy: fraudScores.decidedBy,
      ruleId: fraudScores.ruleId,
      ruleName: fraudRules.name,
      // The stored text, not the parsed column: topReason reads it leniently.
      reasons: sql<unknown>`${fraudScores.reasons}`,
      assigneeId: fraudCases.assigneeId,
      assigneeEmail: users.email,
      claimedAt: fraudCases.claimedAt,
    })
    .from(fraudCases)
    .innerJoin(paymentTransactions, casePayment)
    .innerJoin(fraudScores, caseScore)
    .leftJoin(fraudRules, eq(fraudRules.id, fraudScores.ruleId))
    .leftJoin(users, eq(users.id, fraudCases.assigneeId))
    .where(w)
    .orderBy(...orderBy(filter))
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .all();
  const rows: QueueRow[] = raw.map(({ claimedAt, reasons, dueAt, ...r }) => {
    const active = r.status === "open" || r.status === "escalated";
    const top = topReason(reasons);
    return {
      ...r,
      ageMs: t - r.caseCreatedAt.getTime(),
      dueAt,
      overdue: active && dueAt.getTime() < t,
      topReason: top?.text ?? null,
      topReasonMessage: top?.message ?? null,
      claimLive: r.assigneeId !== null && claimedAt !== null && claimedAt.getTime() > t - CLAIM_IDLE_MS,
    };
  });
  // Facet counts: every other filter applied, so the status tabs say what each would show.
  const facet = where(filter, viewerId, t, { withStatus: false });
  const byStatus = new Map(
    (
      await db
        .select({ status: fraudCases.status, n: count() })
        .from(fraudCases)
        .innerJoin(paymentTransactions, casePayment)
        .innerJoin(fraudScores, caseScore)
        .where(facet)
        .groupBy(fraudCases.status)
        .all()
    ).map((r) => [r.status, r.n]),
  );
  const counts = Object.fromEntries(caseStatuses.map((s) => [s, byStatus.get(s) ?? 0])) as Record<CaseStatus, number>;
  return {
    rows,
    total,
    page,
    pages,
    pageSize: QUEUE_PAGE_SIZE,
    counts: { ...counts, active: counts.open + counts.escalated, all: caseStatuses.reduce((sum, s) => sum + counts[s], 0) },
  };
}

/**
 * The cases before and after `caseId` in the filter's order, for keyboard next/previous. The case itself is kept in
 * the ordering even when it no longer matches (just decided, so no longer "active"): its neighbours are then the
 * cases around where it stood.
 */
export async function neighbours(db: Db, filter: QueueFilter, caseId: number, viewerId: number, now = new Date()): Promise<{ previous: number | null; next: number | null }> {
  const w = where(filter, viewerId, now.getTime(), { withStatus: true });
  // No filter at all keeps every case (the case among them).
  const ids = (
    await db
      .select({ id: fraudCases.id })
      .from(fraudCases)
      .innerJoin(paymentTransactions, casePayment)
      .innerJoin(fraudScores, caseScore)
      .where(w && or(w, eq(fraudCases.id, caseId)))
      .orderBy(...orderBy(filter))
      .all()
  ).map((r) => r.id);
  const at = ids.indexOf(caseId);
  if (at < 0) return { previous: null, next: null };
  return { previous: ids[at - 1] ?? null, next: ids[at + 1] ?? null };
}
