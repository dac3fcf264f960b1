import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { CaseDetail } from "@/lib/fraud/cases";
import { formatDateTime } from "@/lib/format";
import { CaseStatusBadge, DecidedBy, DecisionBadge } from "./badges";
import { amount, formatScore, linkLabels } from "./format";

/** What is known about a payment: 1 fraud, 0 legitimate (an analyst's case, else the store's record), or nothing. */
function Label({ label }: { label: 0 | 1 | null }) {
  if (label === null) return <span className="text-xs text-gray-500 dark:text-gray-400">unknown</span>;
  return label === 1 ? (
    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-900/40 dark:text-red-200">fraud</span>
  ) : (
    <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800 dark:bg-green-900/40 dark:text-green-200">legitimate</span>
  );
}

/** Every score the payment got (a rescore with a new champion or rule adds one), newest first. */
export function ScoreHistory({ history }: { history: CaseDetail["scoreHistory"] }) {
  if (history.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">No scores.</p>;
  return (
    <Table testId="score-history">
      <HeaderRow>
        <Th>When</Th>
        <Th numeric>Score</Th>
        <Th>Decision</Th>
        <Th>Decided by</Th>
        <Th>Source</Th>
      </HeaderRow>
      <tbody>
        {history.map((s) => (
          <Tr key={s.id}>
            <Td className="whitespace-nowrap">{formatDateTime(s.createdAt)}</Td>
            <Td numeric>{formatScore(s.score)}</Td>
            <Td>
              <DecisionBadge decision={s.decision} />
            </Td>
            <Td>
              <DecidedBy decidedBy={s.decidedBy} ruleName={s.ruleName} modelVersion={s.modelVersion} />
            </Td>
            <Td className="text-xs">{s.source === "api" ? "scoring API" : "batch job"}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Payments sharing the card, device, e-mail or IP address, with what is known about each: fraud rings show here. */
export function LinkedPayments({ linked, caseQuery }: { linked: CaseDetail["linked"]; caseQuery: string }) {
  if (linked.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">No other payment shares this card, device, e-mail or IP address.</p>;
  return (
    <Table testId="linked-payments">
      <HeaderRow>
        <Th>Transaction</Th>
        <Th>When</Th>
        <Th numeric>Amount</Th>
        <Th>Shares</Th>
        <Th numeric>Score</Th>
        <Th>Known as</Th>
        <Th>Case</Th>
      </HeaderRow>
      <tbody>
        {linked.map((l) => (
          <Tr key={l.paymentId}>
            <Td className="font-mono text-xs">{l.externalId}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(l.createdAt)}</Td>
            <Td numeric>{amount(l.amountCents, l.currency)}</Td>
            <Td>
              <span className="flex flex-wrap gap-1">
                {l.links.map((k) => (
                  <span key={k} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-800 dark:bg-gray-800 dark:text-gray-200">
                    {linkLabels[k] ?? k}
                  </span>
                ))}
              </span>
            </Td>
            <Td numeric>{formatScore(l.latestScore)}</Td>
            <Td>
              <Label label={l.label} />
              {l.status === "chargeback" && <span className="block text-xs text-red-700 dark:text-red-400">chargeback</span>}
            </Td>
            <Td>
              {l.caseId !== null && l.caseStatus !== null ? (
                <Link href={`/fraud/cases/${l.caseId}${caseQuery ? `?${caseQuery}` : ""}`} className="inline-flex items-center gap-1 text-blue-600 hover:underline dark:text-blue-400">
                  #{l.caseId} <CaseStatusBadge status={l.caseStatus} />
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
export function CustomerPayments({ payments }: { payments: NonNullable<CaseDetail["customer"]>["otherPayments"] }) {
  if (payments.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">This is the customer&apos;s only payment.</p>;
  return (
    <Table testId="customer-payments">
      <HeaderRow>
        <Th>Transaction</Th>
        <Th>When</Th>
        <Th numeric>Amount</Th>
        <Th>Payment status</Th>
        <Th numeric>Score</Th>
        <Th>Known as</Th>
      </HeaderRow>
      <tbody>
        {payments.map((p) => (
          <Tr key={p.paymentId}>
            <Td className="font-mono text-xs">{p.externalId}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(p.createdAt)}</Td>
            <Td numeric>{amount(p.amountCents)}</Td>
            <Td className={p.status === "chargeback" ? "text-red-700 dark:text-red-400" : ""}>{p.status}</Td>
            <Td numeric>{formatScore(p.latestScore)}</Td>
            <Td>
              <Label label={p.label} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
