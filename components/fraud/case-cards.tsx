import type { CaseDetail } from "@/lib/fraud/cases";
import { formatDateTime } from "@/lib/format";
import { DecidedBy, DecisionBadge, ScoreBar } from "./badges";
import { amount, describeRule, formatScore } from "./format";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-t border-gray-100 py-1.5 first:border-t-0 dark:border-gray-800">
      <dt className="text-gray-600 dark:text-gray-400">{label}</dt>
      <dd className="min-w-0 text-right wrap-anywhere">{children}</dd>
    </div>
  );
}

function Flag({ children }: { children: React.ReactNode }) {
  return <span className="ml-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-900/40 dark:text-red-200">{children}</span>;
}

const differ = (a: string | null, b: string | null) => a !== null && b !== null && a !== "" && b !== "" && a !== b;

/**
 * The payment as the scorer saw it. Country mismatches are flagged where fraud shows them: a card issued in one
 * country used from an IP address in another, or goods shipped away from the billing address.
 */
export function PaymentCard({ payment, channel }: { payment: CaseDetail["payment"]; channel: string | null }) {
  const p = payment;
  const cardVsIp = differ(p.cardCountry, p.ipCountry);
  const ipVsBilling = differ(p.ipCountry, p.billingCountry);
  const shipVsBilling = differ(p.shippingCountry, p.billingCountry);
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="payment-heading" data-testid="payment-card">
      <h2 id="payment-heading" className="mb-2 font-medium">
        Payment
      </h2>
      <dl>
        <Fact label="Amount">
          <span className="font-medium">{amount(p.amountCents, p.currency)}</span>
        </Fact>
        <Fact label="Time">{formatDateTime(p.createdAt)}</Fact>
        <Fact label="Channel">{channel ?? "–"}</Fact>
        <Fact label="Payment status">{p.status}</Fact>
        <Fact label="Card">
          BIN {p.cardBin ?? "–"} · issued in {p.cardCountry ?? "–"}
          {cardVsIp && <Flag>not the IP country</Flag>}
          <span className="block font-mono text-xs text-gray-500 dark:text-gray-400" title={p.cardHash}>
            {p.cardHash.slice(0, 12)}…{p.cardTxnCount24h !== null ? ` · ${p.cardTxnCount24h} earlier in 24 h` : ""}
          </span>
        </Fact>
        <Fact label="E-mail">{p.email ?? "–"}</Fact>
        <Fact label="Device">
          <span className="font-mono text-xs">{p.deviceId ?? "–"}</span>
          {p.isNewDevice && <Flag>new device</Flag>}
          {p.deviceAccountCount !== null && p.deviceAccountCount > 1 && <span className="block text-xs text-gray-500 dark:text-gray-400">used by {p.deviceAccountCount} accounts</span>}
        </Fact>
        <Fact label="IP address">
          <span className="font-mono text-xs">{p.ipAddress ?? "–"}</span> · {p.ipCountry ?? "–"}
          {ipVsBilling && <Flag>not the billing country</Flag>}
        </Fact>
        <Fact label="Billing / shipping">
          {p.billingCountry ?? "–"} / {p.shippingCountry ?? "–"}
          {shipVsBilling && <Flag>ships abroad</Flag>}
        </Fact>
      </dl>
    </section>
  );
}

/** The score the case was opened with, who decided (a rule or the model), the reasons in words and the rules that match. */
export function ScoreCard({ detail, thresholds }: { detail: CaseDetail; thresholds: { reviewThreshold: number; blockThreshold: number } }) {
  const s = detail.score;
  const maxContribution = Math.max(1e-9, ...detail.reasons.map((r) => Math.abs(r.contribution)));
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="score-heading" data-testid="score-card">
      <h2 id="score-heading" className="mb-2 font-medium">
        Score and reasons
      </h2>
      {s ? (
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <ScoreBar score={s.score} {...thresholds} />
          <DecisionBadge decision={s.decision} />
          <span>
            decided by <DecidedBy decidedBy={s.decidedBy} ruleName={s.ruleName} modelVersion={s.modelVersion} />
          </span>
          {s.anomaly !== null && <span className="text-xs text-gray-500 dark:text-gray-400">anomaly percentile {formatScore(s.anomaly)}</span>}
        </div>
      ) : (
        <p className="mb-3 text-gray-500 dark:text-gray-400">The score this case was opened with is missing.</p>
      )}
      {detail.reasons.length === 0 ? (
        <p className="text-gray-500 dark:text-gray-400">No reasons were recorded for this score.</p>
      ) : (
        <ul className="space-y-1.5" data-testid="reasons">
          {detail.reasons.map((r) => (
            <li key={r.feature} className="flex items-start justify-between gap-3">
              <span>{r.text}.</span>
              <span className="flex shrink-0 items-center gap-1 text-xs text-gray-500 dark:text-gray-400" title={`Contribution to the score: ${r.contribution > 0 ? "+" : ""}${r.contribution}`}>
                {r.contribution >= 0 ? "raises" : "lowers"}
                <span className="h-1.5 w-12 rounded bg-gray-200 dark:bg-gray-700" aria-hidden="true">
                  <span className={`block h-1.5 rounded ${r.contribution >= 0 ? "bg-red-500" : "bg-green-600"}`} style={{ width: `${Math.round((Math.abs(r.contribution) / maxContribution) * 100)}%` }} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {detail.rules.length > 0 && (
        <div className="mt-3 border-t border-gray-100 pt-2 dark:border-gray-800">
          <h3 className="mb-1 text-xs font-medium text-gray-600 dark:text-gray-400">Rules that match this payment</h3>
          <ul className="space-y-1 text-xs">
            {detail.rules.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.name}</span>: {describeRule(r)} → {r.action}
                {r.decidedCase && " (decided this case)"}
                {!r.active && " (inactive now)"}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The customer behind the payment, as known at the time: account age, past payments, chargebacks and refunds. */
export function CustomerCard({ customer }: { customer: CaseDetail["customer"] }) {
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="customer-heading" data-testid="customer-card">
      <h2 id="customer-heading" className="mb-2 font-medium">
        Customer
      </h2>
      {!customer ? (
        <p className="text-gray-500 dark:text-gray-400">A guest payment: no customer account.</p>
      ) : (
        <dl>
          <Fact label="Name">{customer.name ?? customer.externalId}</Fact>
          <Fact label="E-mail">{customer.email ?? "–"}</Fact>
          <Fact label="Country">{customer.country ?? "–"}</Fact>
          <Fact label="Signed up">{customer.signupDate ?? "–"}</Fact>
          <Fact label="Account age">
            {customer.accountAgeDays === null ? "unknown" : `${customer.accountAgeDays.toLocaleString("en-US")} days`}
            {customer.accountAgeDays !== null && customer.accountAgeDays < 7 && <Flag>new account</Flag>}
          </Fact>
          <Fact label="Payments">{customer.lifetimePayments.toLocaleString("en-US")}</Fact>
          <Fact label="Chargebacks">
            {customer.chargebacks}
            {customer.chargebacks > 0 && <Flag>has chargebacks</Flag>}
          </Fact>
          <Fact label="Refunds">{customer.refunds}</Fact>
        </dl>
      )}
    </section>
  );
}

/** A closed case's outcome: who decided, when, and why. */
export function OutcomeNote({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  if (c.status === "open" && !c.note) return null;
  return (
    <p className="mb-4 text-sm text-gray-700 dark:text-gray-300" data-testid="case-outcome">
      {c.status === "fraud" || c.status === "legitimate" ? (
        <>
          Decided as <span className="font-medium">{c.status}</span> by {detail.decidedByEmail ?? "someone"}
          {c.decidedAt ? ` at ${formatDateTime(c.decidedAt)}` : ""}.
        </>
      ) : c.status === "escalated" ? (
        <>Escalated: waiting for a senior decision.</>
      ) : null}
      {c.note && <span className="block text-gray-600 dark:text-gray-400">Note: {c.note}</span>}
    </p>
  );
}
