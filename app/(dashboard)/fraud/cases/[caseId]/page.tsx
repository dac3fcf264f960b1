import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CaseStatusBadge } from "@/components/fraud/badges";
import { CustomerCard, OutcomeNote, PaymentCard, ScoreCard } from "@/components/fraud/case-cards";
import { CustomerPayments, LinkedPayments, ScoreHistory } from "@/components/fraud/case-tables";
import { CaseWorkbench } from "@/components/fraud/case-workbench";
import { amount } from "@/components/fraud/amount";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import type { Format } from "@/lib/format";
import { getFormat } from "@/lib/i18n/server";
import type { CaseDetail } from "@/lib/fraud/cases";
import { fraudCasePage } from "@/lib/fraud/page-data";
import { queueFilterSchema } from "@/lib/fraud/queue";
import { queueParams } from "@/lib/fraud/queue-params";
import { claimCaseAction, decideCaseAction, releaseCaseAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("fraud"))("case.title") };
}

const paramsSchema = z.object({ caseId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** "opened 3 h ago · due in 21 h" (or overdue, or closed), as of this request. */
function timing(detail: CaseDetail, t: Awaited<ReturnType<typeof getTranslations<"fraud.case">>>, f: Format, now = Date.now()): string {
  const c = detail.case;
  const opened = t("openedAgo", { time: f.duration(now - c.createdAt.getTime()) });
  if (c.status !== "open" && c.status !== "escalated") return t("timingClosed", { opened });
  const dueMs = c.dueAt.getTime() - now;
  return t(detail.overdue ? "timingOverdue" : "timingDue", { opened, time: f.duration(dueMs) });
}

/**
 * One review case: the payment, its score and reasons, the customer's history and the payments linked to it, with
 * the analyst's decision panel. The queue's filters ride along in the URL, so next/previous follow the queue's order.
 * Reading the page writes nothing, and opening it claims nothing: the analyst's first action in the decision panel does.
 */
export default async function FraudCasePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("fraud");
  const [t, f] = await Promise.all([getTranslations("fraud.case"), getFormat()]);
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { caseId } = parsed.data;
  const filter = queueFilterSchema.parse(await searchParams);
  const page = await fraudCasePage(caseId, filter, user.id);
  if (!page) notFound();
  const { detail, settings, around, channel } = page;
  const query = new URLSearchParams(queueParams(filter)).toString();
  const caseHref = (id: number) => `/fraud/cases/${id}${query ? `?${query}` : ""}`;
  const c = detail.case;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/fraud${query ? `?${query}` : ""}`} className="text-blue-600 hover:underline dark:text-blue-400">
          {t("backToQueue")}
        </Link>
      </p>
      <PageHeader
        title={t("heading", { id: c.id, externalId: detail.payment.externalId })}
        description={t("description", { amount: amount(f, detail.payment.amountCents, detail.payment.currency), timing: timing(detail, t, f), version: c.version })}
        actions={<CaseStatusBadge status={c.status} />}
      />
      <OutcomeNote detail={detail} />
      <CaseWorkbench
        key={c.id}
        caseId={c.id}
        version={c.version}
        status={c.status}
        canDecide={can(user.role, "fraud.decide")}
        initialHolder={detail.assignee?.live && detail.assignee.claimedAt ? { email: detail.assignee.email, claimedAt: detail.assignee.claimedAt.toISOString(), mine: detail.assignee.id === user.id } : null}
        previousHref={around.previous === null ? null : caseHref(around.previous)}
        nextHref={around.next === null ? null : caseHref(around.next)}
        queueHref={`/fraud${query ? `?${query}` : ""}`}
        selfHref={caseHref(c.id)}
        actions={{ claim: claimCaseAction, release: releaseCaseAction, decide: decideCaseAction }}
      />
      <div className="mb-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <PaymentCard payment={detail.payment} channel={channel} />
        <ScoreCard detail={detail} thresholds={settings} />
        <CustomerCard customer={detail.customer} />
      </div>
      <section className="card mb-4 min-w-0" aria-labelledby="linked-heading">
        <h2 id="linked-heading" className="mb-1 font-medium">
          {t("linkedHeading")}
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("linkedHint")}</p>
        <LinkedPayments linked={detail.linked} caseQuery={query} />
      </section>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section className="card min-w-0" aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 font-medium">
            {t("historyHeading")}
          </h2>
          <ScoreHistory history={detail.scoreHistory} />
        </section>
        <section className="card min-w-0" aria-labelledby="customer-payments-heading">
          <h2 id="customer-payments-heading" className="mb-3 font-medium">
            {t("customerPaymentsHeading")}
          </h2>
          {detail.customer ? <CustomerPayments payments={detail.customer.otherPayments} /> : <p className="text-sm text-gray-500 dark:text-gray-400">{t("guestNoHistory")}</p>}
        </section>
      </div>
    </>
  );
}
