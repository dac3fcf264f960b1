import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { CaseDetail } from "@/lib/fraud/cases";
import { getFormat } from "@/lib/i18n/server";
import { amount } from "./amount";
import { CaseStatusBadge, DecidedBy, DecisionBadge } from "./badges";

/** What is known about a payment: 1 fraud, 0 legitimate (an analyst's case, else the store's record), or nothing. */
async function Label({ label }: { label: 0 | 1 | null }) {
  const t = await getTranslations("fraud.tables");
  if (label === null) return <span className="text-xs text-gray-500 dark:text-gray-400">{t("unknown")}</span>;
  return label === 1 ? (
    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-900/40 dark:text-red-200">{t("fraud")}</span>
  ) : (
    <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800 dark:bg-green-900/40 dark:text-green-200">{t("legitimate")}</span>
  );
}

const links = ["card", "device", "email", "ip"] as const;
const paymentStatuses = ["approved", "declined", "refunded", "chargeback"] as const;
const isPaymentStatus = (s: string): s is (typeof paymentStatuses)[number] => (paymentStatuses as readonly string[]).includes(s);
const isLink = (k: string): k is (typeof links)[number] => (links as readonly string[]).includes(k);

/** Every score the payment got (a rescore with a new champion or rule adds one), newest first. */
export async function ScoreHistory({ history }: { history: CaseDetail["scoreHistory"] }) {
  const [t, f] = await Promise.all([getTranslations("fraud.tables"), getFormat()]);
  if (history.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">{t("noScores")}</p>;
  return (
    <Table testId="score-history">
      <HeaderRow>
        <Th>{t("when")}</Th>
        <Th numeric>{t("score")}</Th>
        <Th>{t("decision")}</Th>
        <Th>{t("decidedBy")}</Th>
        <Th>{t("source")}</Th>
      </HeaderRow>
      <tbody>
        {history.map((s) => (
          <Tr key={s.id}>
            <Td className="whitespace-nowrap">{f.dateTime(s.createdAt)}</Td>
            <Td numeric>{f.number(s.score, 2)}</Td>
            <Td>
              <DecisionBadge decision={s.decision} />
            </Td>
            <Td>
              <DecidedBy decidedBy={s.decidedBy} ruleName={s.ruleName} modelVersion={s.modelVersion} />
            </Td>
            <Td className="text-xs">{s.source === "api" ? t("sourceApi") : t("sourceBatch")}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Payments sharing the card, device, e-mail or IP address, with what is known about each: fraud rings show here. */
export async function LinkedPayments({ linked, caseQuery }: { linked: CaseDetail["linked"]; caseQuery: string }) {
  const [t, tLink, f] = await Promise.all([getTranslations("fraud.tables"), getTranslations("fraud.link"), getFormat()]);
  if (linked.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">{t("noLinked")}</p>;
  return (
    <Table testId="linked-payments">
      <HeaderRow>
        <Th>{t("transaction")}</Th>
        <Th>{t("when")}</Th>
        <Th numeric>{t("amount")}</Th>
        <Th>{t("shares")}</Th>
        <Th numeric>{t("score")}</Th>
        <Th>{t("knownAs")}</Th>
        <Th>{t("case")}</Th>
      </HeaderRow>
      <tbody>
        {linked.map((l) => (
          <Tr key={l.paymentId}>
            <Td className="font-mono text-xs">{l.externalId}</Td>
            <Td className="whitespace-nowrap">{f.dateTime(l.createdAt)}</Td>
            <Td numeric>{amount(f, l.amountCents, l.currency)}</Td>
            <Td>
              <span className="flex flex-wrap gap-1">
                {l.links.map((k) => (
                  <span key={k} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-800 dark:bg-gray-800 dark:text-gray-200">
                    {isLink(k) ? tLink(k) : k}
                  </span>
                ))}
              </span>
            </Td>
            <Td numeric>{f.number(l.latestScore, 2)}</Td>
            <Td>
              <Label label={l.label} />
              {l.status === "chargeback" && <span className="block text-xs text-red-700 dark:text-red-400">{t("chargeback")}</span>}
            </Td>
            <Td>
              {l.caseId !== null && l.caseStatus !== null ? (
                <Link href={`/fraud/cases/${l.caseId}${caseQuery ? `?${caseQuery}` : ""}`} className="inline-flex items-center gap-1 text-blue-600 hover:underline dark:text-blue-400">
                  {t("caseNumber", { id: l.caseId })} <CaseStatusBadge status={l.caseStatus} />
                </Link>
              ) : (
                <span className="text-xs text-gray-500 dark:text-gray-400">–</span>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The customer's latest other payments (up to 20), with their scores and known labels. */
export async function CustomerPayments({ payments }: { payments: NonNullable<CaseDetail["customer"]>["otherPayments"] }) {
  const [t, tPayment, f] = await Promise.all([getTranslations("fraud.tables"), getTranslations("fraud.payment"), getFormat()]);
  if (payments.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">{t("onlyPayment")}</p>;
  return (
    <Table testId="customer-payments">
      <HeaderRow>
        <Th>{t("transaction")}</Th>
        <Th>{t("when")}</Th>
        <Th numeric>{t("amount")}</Th>
        <Th>{t("paymentStatus")}</Th>
        <Th numeric>{t("score")}</Th>
        <Th>{t("knownAs")}</Th>
      </HeaderRow>
      <tbody>
        {payments.map((p) => (
          <Tr key={p.paymentId}>
            <Td className="font-mono text-xs">{p.externalId}</Td>
            <Td className="whitespace-nowrap">{f.dateTime(p.createdAt)}</Td>
            <Td numeric>{amount(f, p.amountCents)}</Td>
            <Td className={p.status === "chargeback" ? "text-red-700 dark:text-red-400" : ""}>{isPaymentStatus(p.status) ? tPayment(`statuses.${p.status}`) : p.status}</Td>
            <Td numeric>{f.number(p.latestScore, 2)}</Td>
            <Td>
              <Label label={p.label} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
