import { getTranslations } from "next-intl/server";
import type { CaseDetail } from "@/lib/fraud/cases";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { amount } from "./amount";
import { DecidedBy, DecisionBadge, ScoreBar } from "./badges";
import { describeRule } from "./describe-rule";

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
export async function PaymentCard({ payment, channel }: { payment: CaseDetail["payment"]; channel: string | null }) {
  const [t, f] = await Promise.all([getTranslations("fraud.payment"), getFormat()]);
  const p = payment;
  const cardVsIp = differ(p.cardCountry, p.ipCountry);
  const ipVsBilling = differ(p.ipCountry, p.billingCountry);
  const shipVsBilling = differ(p.shippingCountry, p.billingCountry);
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="payment-heading" data-testid="payment-card">
      <h2 id="payment-heading" className="mb-2 font-medium">
        {t("heading")}
      </h2>
      <dl>
        <Fact label={t("amount")}>
          <span className="font-medium">{amount(f, p.amountCents, p.currency)}</span>
        </Fact>
        <Fact label={t("time")}>{f.dateTime(p.createdAt)}</Fact>
        <Fact label={t("channel")}>{channel ?? "–"}</Fact>
        <Fact label={t("status")}>{t(`statuses.${p.status}`)}</Fact>
        <Fact label={t("card")}>
          {t("cardIssued", { bin: p.cardBin ?? "–", country: p.cardCountry ?? "–" })}
          {cardVsIp && <Flag>{t("notIpCountry")}</Flag>}
          <span className="block font-mono text-xs text-gray-500 dark:text-gray-400" title={p.cardHash}>
            {p.cardHash.slice(0, 12)}…{p.cardTxnCount24h !== null ? t("earlier24h", { count: f.integer(p.cardTxnCount24h) }) : ""}
          </span>
        </Fact>
        <Fact label={t("email")}>{p.email ?? "–"}</Fact>
        <Fact label={t("device")}>
          <span className="font-mono text-xs">{p.deviceId ?? "–"}</span>
          {p.isNewDevice && <Flag>{t("newDevice")}</Flag>}
          {p.deviceAccountCount !== null && p.deviceAccountCount > 1 && <span className="block text-xs text-gray-500 dark:text-gray-400">{t("usedByAccounts", { count: f.integer(p.deviceAccountCount) })}</span>}
        </Fact>
        <Fact label={t("ip")}>
          <span className="font-mono text-xs">{p.ipAddress ?? "–"}</span> · {p.ipCountry ?? "–"}
          {ipVsBilling && <Flag>{t("notBillingCountry")}</Flag>}
        </Fact>
        <Fact label={t("billingShipping")}>
          {p.billingCountry ?? "–"} / {p.shippingCountry ?? "–"}
          {shipVsBilling && <Flag>{t("shipsAbroad")}</Flag>}
        </Fact>
      </dl>
    </section>
  );
}

/** The score the case was opened with, who decided (a rule or the model), the reasons in words and the rules that match. */
export async function ScoreCard({ detail, thresholds }: { detail: CaseDetail; thresholds: { reviewThreshold: number; blockThreshold: number } }) {
  const [t, f, words] = await Promise.all([getTranslations("fraud"), getFormat(), getTranslator()]);
  const s = detail.score;
  const maxContribution = Math.max(1e-9, ...detail.reasons.map((r) => Math.abs(r.contribution)));
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="score-heading" data-testid="score-card">
      <h2 id="score-heading" className="mb-2 font-medium">
        {t("score.heading")}
      </h2>
      {s ? (
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <ScoreBar score={s.score} {...thresholds} />
          <DecisionBadge decision={s.decision} />
          <span>
            {t("score.decidedBy")} <DecidedBy decidedBy={s.decidedBy} ruleName={s.ruleName} modelVersion={s.modelVersion} />
          </span>
          {s.anomaly !== null && <span className="text-xs text-gray-500 dark:text-gray-400">{t("score.anomaly", { value: f.number(s.anomaly, 2) })}</span>}
        </div>
      ) : (
        <p className="mb-3 text-gray-500 dark:text-gray-400">{t("score.missing")}</p>
      )}
      {detail.reasons.length === 0 ? (
        <p className="text-gray-500 dark:text-gray-400">{t("score.noReasons")}</p>
      ) : (
        <ul className="space-y-1.5" data-testid="reasons">
          {detail.reasons.map((r) => (
            <li key={r.feature} className="flex items-start justify-between gap-3">
              <span>{t("score.reason", { text: r.message ? words(r.message.key, r.message.values) : r.text })}</span>
              <span className="flex shrink-0 items-center gap-1 text-xs text-gray-500 dark:text-gray-400" title={t("score.contribution", { value: f.signedNumber(r.contribution, 3) })}>
                {r.contribution >= 0 ? t("score.raises") : t("score.lowers")}
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
          <h3 className="mb-1 text-xs font-medium text-gray-600 dark:text-gray-400">{t("score.rulesHeading")}</h3>
          <ul className="space-y-1 text-xs">
            {detail.rules.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.name}</span>: {t("score.ruleLine", { description: words(describeRule(r).key, describeRule(r).values), action: t(`decision.${r.action}`) })}
                {r.decidedCase && t("score.decidedThisCase")}
                {!r.active && t("score.inactiveNow")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The customer behind the payment, as known at the time: account age, past payments, chargebacks and refunds. */
export async function CustomerCard({ customer }: { customer: CaseDetail["customer"] }) {
  const [t, f] = await Promise.all([getTranslations("fraud.customer"), getFormat()]);
  return (
    <section className="card min-w-0 text-sm" aria-labelledby="customer-heading" data-testid="customer-card">
      <h2 id="customer-heading" className="mb-2 font-medium">
        {t("heading")}
      </h2>
      {!customer ? (
        <p className="text-gray-500 dark:text-gray-400">{t("guest")}</p>
      ) : (
        <dl>
          <Fact label={t("name")}>{customer.name ?? customer.externalId}</Fact>
          <Fact label={t("email")}>{customer.email ?? "–"}</Fact>
          <Fact label={t("country")}>{customer.country ?? "–"}</Fact>
          <Fact label={t("signedUp")}>{customer.signupDate ? f.date(customer.signupDate) : "–"}</Fact>
          <Fact label={t("accountAge")}>
            {customer.accountAgeDays === null ? t("unknown") : t("days", { count: customer.accountAgeDays })}
            {customer.accountAgeDays !== null && customer.accountAgeDays < 7 && <Flag>{t("newAccount")}</Flag>}
          </Fact>
          <Fact label={t("payments")}>{f.integer(customer.lifetimePayments)}</Fact>
          <Fact label={t("chargebacks")}>
            {f.integer(customer.chargebacks)}
            {customer.chargebacks > 0 && <Flag>{t("hasChargebacks")}</Flag>}
          </Fact>
          <Fact label={t("refunds")}>{f.integer(customer.refunds)}</Fact>
        </dl>
      )}
    </section>
  );
}

/** A closed case's outcome: who decided, when, and why. */
export async function OutcomeNote({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  if (c.status === "open" && !c.note) return null;
  const [t, f] = await Promise.all([getTranslations("fraud.outcome"), getFormat()]);
  const b = (chunks: React.ReactNode) => <span className="font-medium">{chunks}</span>;
  return (
    <p className="mb-4 text-sm text-gray-700 dark:text-gray-300" data-testid="case-outcome">
      {c.status === "fraud" || c.status === "legitimate" ? (
        c.decidedAt ? (
          t.rich("decidedAt", { status: c.status, who: detail.decidedByEmail ?? t("someone"), at: f.dateTime(c.decidedAt), b })
        ) : (
          t.rich("decided", { status: c.status, who: detail.decidedByEmail ?? t("someone"), b })
        )
      ) : c.status === "escalated" ? (
        t("escalated")
      ) : null}
      {c.note && <span className="block text-gray-600 dark:text-gray-400">{t("note", { note: c.note })}</span>}
    </p>
  );
}
