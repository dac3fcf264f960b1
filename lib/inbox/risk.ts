import "server-only";
import type { Db } from "@/db/client";
import { msg } from "@/lib/i18n/message";
import type { InboxItem } from "./types";

type CaseRow = { id: number; status: "open" | "escalated"; dueAt: number; score: number; amountCents: number; externalId: string; assigneeId: number | null; claimedAt: number | null };

/** A risk analyst's work: every open or escalated fraud case, by due time (the queue's "active" cases). */
export function riskItems(db: Db, now: Date): InboxItem[] {
  const rows = db.$client
    .prepare<[], CaseRow>(
      `SELECT c.id, c.status, c.due_at AS dueAt, s.score, p.amount_cents AS amountCents, p.external_id AS externalId,
              c.assignee_id AS assigneeId, c.claimed_at AS claimedAt
         FROM fraud_cases c
         JOIN fraud_scores s ON s.id = c.score_id
         JOIN payment_transactions p ON p.id = c.payment_id
        WHERE c.status IN ('open', 'escalated')
        ORDER BY c.due_at, c.id`,
    )
    .all();
  const t = now.getTime();
  return rows.map((r) => {
    const overdue = r.dueAt < t;
    const why = msg(r.status === "escalated" ? "inbox.why.caseEscalated" : overdue ? "inbox.why.caseOverdue" : "inbox.why.caseFlagged", { scoreShare: r.score });
    return {
      kind: "fraud_case",
      key: String(r.id),
      title: msg("inbox.titles.payment", { externalId: r.externalId, amountCents: r.amountCents }),
      why,
      href: `/fraud/cases/${r.id}`,
      dueAt: new Date(r.dueAt),
      overdue,
      severity: r.score,
    } satisfies InboxItem;
  });
}
