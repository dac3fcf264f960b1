import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { QueueRow } from "@/lib/fraud/queue";
import { CaseStatusBadge, ScoreBar } from "./badges";
import type { Format } from "@/lib/format";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { amount } from "./amount";

const active = (r: QueueRow) => r.status === "open" || r.status === "escalated";

/** When the case is due: closed, overdue by `time` ("2 hr") or due in `time` ("5 hr"). */
export function dueOf(r: QueueRow, f: Format): { state: "closed" | "overdue" | "due"; time: string } {
  if (!active(r)) return { state: "closed", time: "" };
  const allowed = r.dueAt.getTime() - r.caseCreatedAt.getTime();
  return r.overdue ? { state: "overdue", time: f.duration(r.ageMs - allowed) } : { state: "due", time: f.duration(allowed - r.ageMs) };
}

/**
 * The queue on a phone (below md): one card per case with what an analyst triages on (score, top reason, due time,
 * amount, who holds it), instead of a ten-column table that would hide most of it off-screen.
 */
export async function QueueCards({ rows, caseQuery, viewerId, thresholds }: { rows: QueueRow[]; caseQuery: string; viewerId: number; thresholds: { reviewThreshold: number; blockThreshold: number } }) {
  const [t, f, words] = await Promise.all([getTranslations("fraud.queue"), getFormat(), getTranslator()]);
  return (
    <ol className="divide-y divide-gray-100 md:hidden dark:divide-gray-800" data-testid="fraud-queue-cards" aria-label={t("cases")}>
      {rows.map((r) => {
        const due = dueOf(r, f);
        return (
          <li key={r.caseId} data-case-row className="py-3 first:pt-0 focus-within:bg-blue-50 dark:focus-within:bg-blue-950/40" data-testid="queue-card">
            <div className="flex items-start justify-between gap-3">
              <Link href={`/fraud/cases/${r.caseId}${caseQuery ? `?${caseQuery}` : ""}`} data-case-link className="min-w-0 font-mono text-sm font-medium break-all text-blue-700 hover:underline dark:text-blue-400">
                {r.externalId}
              </Link>
              <span className="shrink-0 text-sm font-medium tabular-nums">{amount(f, r.amountCents, r.currency)}</span>
            </div>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              <span className="inline-flex items-center gap-1">
                <span className="text-xs text-gray-600 dark:text-gray-400">{t("columns.score")}</span>
                <ScoreBar score={r.score} {...thresholds} />
              </span>
              <span className={due.state === "overdue" ? "font-medium text-red-700 dark:text-red-400" : "text-gray-700 dark:text-gray-300"}>{due.state === "closed" ? t("closed") : t(due.state, { time: due.time })}</span>
              <CaseStatusBadge status={r.status} />
            </div>
            <p className="mt-1 text-sm text-gray-800 dark:text-gray-200" data-testid="queue-card-reason">
              {(r.topReasonMessage ? words(r.topReasonMessage.key, r.topReasonMessage.values) : r.topReason) ?? <span className="text-gray-600 dark:text-gray-400">{t("noReason")}</span>}
            </p>
            {r.assigneeEmail && r.claimLive && (
              <p className="mt-0.5 text-xs text-gray-600 dark:text-gray-400">{t("heldBy", { who: r.assigneeId === viewerId ? t("you") : r.assigneeEmail })}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
