import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { fraudCases, fraudScores, paymentTransactions } from "@/lib/schema";
import { msg } from "@/lib/i18n/message";
import type { InboxItem } from "./types";

/** A risk analyst's work: every open or escalated fraud case, by due time (the queue's "active" cases). */
export async function riskItems(db: Db, now: Date): Promise<InboxItem[]> {
  const rows = await db
    .select({
      id: fraudCases.id,
      status: fraudCases.status,
      dueAt: fraudCases.dueAt,
      score: fraudScores.score,
      amountCents: paymentTransactions.amountCents,
      externalId: paymentTransactions.externalId,
    })
    .from(fraudCases)
    .innerJoin(fraudScores, eq(fraudScores.id, fraudCases.scoreId))
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, fraudCases.paymentId))
    .where(inArray(fraudCases.status, ["open", "escalated"]))
    .orderBy(asc(fraudCases.dueAt), asc(fraudCases.id))
    .all();
  const t = now.getTime();
  return rows.map((r) => {
    const overdue = r.dueAt.getTime() < t;
    const why = msg(r.status === "escalated" ? "inbox.why.caseEscalated" : overdue ? "inbox.why.caseOverdue" : "inbox.why.caseFlagged", { scoreShare: r.score });
    return {
      kind: "fraud_case",
      key: String(r.id),
      title: msg("inbox.titles.payment", { externalId: r.externalId, amountCents: r.amountCents }),
      why,
      href: `/fraud/cases/${r.id}`,
      dueAt: r.dueAt,
      overdue,
      severity: r.score,
    } satisfies InboxItem;
  });
}
