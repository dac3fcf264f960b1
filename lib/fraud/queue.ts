import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { caseStatuses, type CaseStatus, type FraudDecision } from "@/db/schema";
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

type Where = { sql: string; params: Record<string, string | number> };

const FROM = `FROM fraud_cases c
  JOIN payment_transactions p ON p.id = c.payment_id
  JOIN fraud_scores s ON s.id = c.score_id
  LEFT JOIN fraud_rules r ON r.id = s.rule_id
  LEFT JOIN users u ON u.id = c.assignee_id`;

const ACTIVE = "c.status IN ('open', 'escalated')";
const LIVE = "(c.assignee_id IS NOT NULL AND COALESCE(c.claimed_at, 0) > @lapsedBefore)";

function where(filter: QueueFilter, viewerId: number, now: number, options: { withStatus: boolean }): Where {
  const parts: string[] = [];
  const params: Where["params"] = {};
  const add = (sql: string, values: Where["params"] = {}) => {
    parts.push(sql);
    Object.assign(params, values);
  };
  if (options.withStatus && filter.status === "active") add(ACTIVE);
  else if (options.withStatus && filter.status !== "all") add("c.status = @status", { status: filter.status });
  if (filter.minScore !== undefined) add("s.score >= @minScore", { minScore: filter.minScore });
  if (filter.maxScore !== undefined) add("s.score <= @maxScore", { maxScore: filter.maxScore });
  if (filter.minAmount !== undefined) add("p.amount_cents >= @minCents", { minCents: Math.round(filter.minAmount * 100) });
  if (filter.maxAmount !== undefined) add("p.amount_cents <= @maxCents", { maxCents: Math.round(filter.maxAmount * 100) });
  if (filter.rule === "model") add("s.decided_by = 'model'");
  else if (filter.rule !== undefined) add("s.decided_by = 'rule' AND s.rule_id = @ruleId", { ruleId: filter.rule });
  const lapsedBefore = now - CLAIM_IDLE_MS;
  if (filter.assignee === "unassigned") add(`NOT ${LIVE}`, { lapsedBefore });
  else if (filter.assignee !== undefined) add(`${LIVE} AND c.assignee_id = @assigneeId`, { lapsedBefore, assigneeId: filter.assignee === "me" ? viewerId : filter.assignee });
  if (filter.overdue) add(`${ACTIVE} AND c.due_at < @now`, { now });
  // LIKE is case-insensitive for ASCII in SQLite; % and _ typed by the analyst are literal.
  if (filter.q) add("(p.external_id LIKE @q ESCAPE '\\' OR p.email LIKE @q ESCAPE '\\')", { q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

const sortColumn: Record<QueueFilter["sort"], string> = { score: "s.score", age: "c.created_at", due: "c.due_at", amount: "p.amount_cents" };

/** ORDER BY of the filter; ties go oldest case first, then by id, so paging and next/previous are stable. */
function orderBy(filter: QueueFilter): string {
  const dir = filter.dir ?? defaultQueueDir[filter.sort];
  // Age descending means the oldest case first, i.e. created_at ascending.
  const sqlDir = filter.sort === "age" ? (dir === "desc" ? "ASC" : "DESC") : dir.toUpperCase();
  return `ORDER BY ${sortColumn[filter.sort]} ${sqlDir}, c.created_at ASC, c.id ASC`;
}

type RawRow = Omit<QueueRow, "paymentCreatedAt" | "caseCreatedAt" | "ageMs" | "dueAt" | "overdue" | "topReason" | "topReasonMessage" | "claimLive"> & {
  paymentCreatedAt: number;
  caseCreatedAt: number;
  dueAt: number;
  claimedAt: number | null;
  reasons: string;
};

function topReason(json: string): ReasonRecord | null {
  try {
    const reasons = JSON.parse(json) as ReasonRecord[];
    // The scorer lists reasons strongest first.
    return Array.isArray(reasons) ? (reasons[0] ?? null) : null;
  } catch {
    return null;
  }
}

export function queuePage(db: Db, filter: QueueFilter, viewerId: number, now = new Date()) {
  const t = now.getTime();
  const w = where(filter, viewerId, t, { withStatus: true });
  const total = db.$client.prepare<Where["params"], { n: number }>(`SELECT COUNT(*) AS n ${FROM} ${w.sql}`).get(w.params)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const raw = db.$client
    .prepare<Where["params"], RawRow>(
      `SELECT c.id AS caseId, c.version, c.status, p.id AS paymentId, p.external_id AS externalId, p.email, p.amount_cents AS amountCents,
              p.currency, p.created_at AS paymentCreatedAt, c.created_at AS caseCreatedAt, c.due_at AS dueAt, s.score, s.decision,
              s.decided_by AS decidedBy, s.rule_id AS ruleId, r.name AS ruleName, s.reasons, c.assignee_id AS assigneeId,
              u.email AS assigneeEmail, c.claimed_at AS claimedAt
         ${FROM} ${w.sql} ${orderBy(filter)} LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}`,
    )
    .all(w.params);
  const rows: QueueRow[] = raw.map(({ claimedAt, reasons, paymentCreatedAt, caseCreatedAt, dueAt, ...r }) => {
    const active = r.status === "open" || r.status === "escalated";
    const top = topReason(reasons);
    return {
      ...r,
      paymentCreatedAt: new Date(paymentCreatedAt),
      caseCreatedAt: new Date(caseCreatedAt),
      ageMs: t - caseCreatedAt,
      dueAt: new Date(dueAt),
      overdue: active && dueAt < t,
      topReason: top?.text ?? null,
      topReasonMessage: top?.message ?? null,
      claimLive: r.assigneeId !== null && claimedAt !== null && claimedAt > t - CLAIM_IDLE_MS,
    };
  });
  // Facet counts: every other filter applied, so the status tabs say what each would show.
  const facet = where(filter, viewerId, t, { withStatus: false });
  const byStatus = new Map(
    db.$client
      .prepare<Where["params"], { status: CaseStatus; n: number }>(`SELECT c.status, COUNT(*) AS n ${FROM} ${facet.sql} GROUP BY c.status`)
      .all(facet.params)
      .map((r) => [r.status, r.n]),
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
export function neighbours(db: Db, filter: QueueFilter, caseId: number, viewerId: number, now = new Date()): { previous: number | null; next: number | null } {
  const w = where(filter, viewerId, now.getTime(), { withStatus: true });
  const condition = `WHERE (${w.sql ? w.sql.replace(/^WHERE /, "") : "1"}) OR c.id = @caseId`;
  const ids = db.$client
    .prepare<Where["params"], { id: number }>(`SELECT c.id ${FROM} ${condition} ${orderBy(filter)}`)
    .all({ ...w.params, caseId })
    .map((r) => r.id);
  const at = ids.indexOf(caseId);
  if (at < 0) return { previous: null, next: null };
  return { previous: ids[at - 1] ?? null, next: ids[at + 1] ?? null };
}
