import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import { queueStatuses, type QueueFilter } from "@/lib/fraud/queue";

const chip = (on: boolean, empty: boolean) =>
  `rounded-full border px-3 py-1 ${on ? "border-blue-600 bg-blue-600 text-white" : "border-gray-300 dark:border-gray-700"} ${empty && !on ? "text-gray-500 dark:text-gray-400" : ""}`;

/** How many cases are in each state under the other filters; a chip filters the queue to them. "To do" = open + escalated. */
export async function CaseStatusChips({ counts, active, params }: { counts: Record<QueueFilter["status"], number>; active: QueueFilter["status"]; params: Record<string, string> }) {
  const [t, f] = await Promise.all([getTranslations("fraud.chips"), getFormat()]);
  const href = (status: QueueFilter["status"]) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    next.delete("status");
    if (status !== "active") next.set("status", status);
    const query = next.toString();
    return query ? `?${query}` : "/fraud";
  };
  return (
    <nav aria-label={t("label")} className="mb-4 flex flex-wrap gap-2 text-sm" data-testid="case-status-chips">
      {queueStatuses.map((s) => (
        <Link key={s} href={href(s)} aria-current={active === s ? "true" : undefined} className={chip(active === s, counts[s] === 0)}>
          {t(s)} <span className="font-semibold tabular-nums">{f.integer(counts[s])}</span>
        </Link>
      ))}
    </nav>
  );
}
