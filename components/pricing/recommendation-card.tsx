import { getTranslations } from "next-intl/server";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { Body, Caption, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { PriceRecommendationRow } from "@/lib/pricing/types";
import { getFormat } from "@/lib/i18n/server";
import { ConfidenceBadge, GuardrailBadge, RecommendationStatusBadge } from "./badges";
import { labelOf } from "./labels";

type Quantiles = number[] | null | undefined;

function BandCell({ values, format }: { values: Quantiles; format: (v: number) => string }) {
  if (!values || values.length < 3) return <span className="text-gray-500 dark:text-gray-400">–</span>;
  return (
    <>
      {format(values[1]!)}
      <span className="block text-xs text-gray-500 dark:text-gray-400">
        {format(values[0]!)}–{format(values[2]!)}
      </span>
    </>
  );
}


/**
 * The recommendation of the run for this product: prices, the elasticity behind it, what it is expected to do to
 * weekly units, revenue and profit (P50 with P10–P90), the guardrail that set the price (or the guardrails that
 * conflicted, so the current price was kept), and the decision taken on it so far. `coverage` (the run's model's
 * recorded calibration, lib/pricing/coverage.ts) is printed beside the intervals; absent for older models.
 */
export async function RecommendationCard({
  rec,
  guardrails,
  decidedBy,
  firstApprovedBy,
  coverage,
}: {
  rec: PriceRecommendationRow;
  /** The binding guardrail's reason or the conflict in words, and the conflict's summary ("max change vs competitor"). */
  guardrails: { note: string | null; conflict: string | null };
  decidedBy: string | null;
  firstApprovedBy: string | null;
  coverage?: CoverageNoteText | null;
}) {
  const t = await getTranslations("pricing.card");
  const labels = await getTranslations("pricing.labels");
  const f = await getFormat();
  const price = (cents: number | null) => f.money(cents);
  const money = (cents: number) => f.money(Math.round(cents));
  const dollars = (v: number) => f.money(Math.round(v * 100));
  const elasticity = (v: number | null) => f.signedNumber(v, 2);
  const change = (rec.recommendedPriceCents - rec.currentPriceCents) / rec.currentPriceCents;
  const { conflict } = guardrails;
  const rows = [
    { label: t("unitsWeek"), key: "units", format: f.units },
    { label: t("revenueWeek"), key: "revenue", format: money },
    { label: t("profitWeek"), key: "profit", format: money },
  ] as const;
  return (
    <section className="card" aria-labelledby="recommendation-heading" data-testid="recommendation-card">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="recommendation-heading" className="font-medium">
          {t("heading")}
        </h2>
        <span className="flex items-center gap-2 text-xs text-gray-500 dark:text-gray-400">
          <RecommendationStatusBadge status={rec.status} testId="recommendation-status" /> {t("version", { version: String(rec.version) })}
        </span>
      </div>
      <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-gray-500 dark:text-gray-400">{t("currentPrice")}</dt>
        <dd className="tabular-nums" data-testid="current-price">
          {price(rec.currentPriceCents)}
        </dd>
        <dt className="font-medium">{t("recommended")}</dt>
        <dd className="font-medium tabular-nums" data-testid="recommended-price">
          {price(rec.recommendedPriceCents)} <span className="text-xs font-normal text-gray-500 dark:text-gray-400">({f.signedPercent(change)})</span>
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">{t("unconstrained")}</dt>
        <dd className="tabular-nums">{price(rec.unconstrainedPriceCents)}</dd>
        <dt className="text-gray-500 dark:text-gray-400">{t("unitCost")}</dt>
        <dd className="tabular-nums" data-testid="unit-cost">
          {rec.costCents === null ? t("unknown") : price(rec.costCents)}
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">{t("elasticity")}</dt>
        <dd className="tabular-nums">
          {elasticity(rec.elasticity)}
          {rec.elasticityLower !== null && rec.elasticityUpper !== null && (
            <span className="block text-xs text-gray-500 dark:text-gray-400">
              {t("elasticityBand", { lower: elasticity(rec.elasticityLower), upper: elasticity(rec.elasticityUpper) })}
            </span>
          )}
          {rec.elasticityLower !== null && rec.elasticityUpper !== null && <CoverageNote note={coverage} className="block" />}
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">{t("confidence")}</dt>
        <dd>
          <ConfidenceBadge confidence={rec.confidence} />
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">{t("boundBy")}</dt>
        <dd>
          <GuardrailBadge boundBy={rec.boundBy} reason={guardrails.note} conflict={conflict} />
        </dd>
      </dl>

      <Table label={t("outcomeLabel")} tableLabel={t("outcomeLabel")} className="mb-3">
        {coverage && (
          <Caption placement="bottom">
            {t("bandCaption")} <CoverageNote note={coverage} />
          </Caption>
        )}
        <HeaderRow>
          <Th density="compact" className="text-xs">
            {t("expected")}
          </Th>
          <Th density="compact" numeric className="text-xs">
            {t("atCurrent")}
          </Th>
          <Th density="compact" numeric className="text-xs">
            {t("atRecommended")}
          </Th>
        </HeaderRow>
        <Body>
          {rows.map((r) => (
            <Tr key={r.key}>
              <Td density="compact">{r.label}</Td>
              <Td density="compact" numeric>
                <BandCell values={rec.expected.current?.[r.key]} format={r.format} />
              </Td>
              <Td density="compact" numeric>
                <BandCell values={rec.expected.recommended?.[r.key]} format={r.format} />
              </Td>
            </Tr>
          ))}
        </Body>
      </Table>

      <h3 className="mb-1 text-sm font-medium">{conflict ? t("inConflict") : t("setThePrice")}</h3>
      {conflict ? (
        <div className="mb-3 text-sm" data-testid="guardrail-conflict-detail">
          <p className="mb-1 text-red-700 dark:text-red-400">{t("conflictBody")}</p>
          <ul className="list-disc space-y-1 pl-5">
            {rec.adjustments.map((a) => (
              <li key={a.guardrail}>
                <span className="font-medium">{labelOf(labels, "guardrail", a.guardrail)}</span>: {a.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : rec.adjustments.length === 0 ? (
        <p className="mb-3 text-sm text-gray-600 dark:text-gray-400">{t("noneBinding")}</p>
      ) : (
        <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm" data-testid="guardrail-adjustments">
          {rec.adjustments.map((a, i) => (
            <li key={`${a.guardrail}-${i}`}>
              <span className="font-medium">{labelOf(labels, "guardrail", a.guardrail)}</span>: {dollars(a.from)} → {dollars(a.to)}
              <span className="block text-xs text-gray-600 dark:text-gray-400">{a.reason}</span>
            </li>
          ))}
        </ol>
      )}

      <DecisionSummary rec={rec} decidedBy={decidedBy} firstApprovedBy={firstApprovedBy} />
    </section>
  );
}

async function DecisionSummary({ rec, decidedBy, firstApprovedBy }: { rec: PriceRecommendationRow; decidedBy: string | null; firstApprovedBy: string | null }) {
  const t = await getTranslations("pricing.card");
  const f = await getFormat();
  if (rec.status === "pending") return <p className="text-sm text-gray-600 dark:text-gray-400">{t("notDecided")}</p>;
  if (rec.status === "awaiting_second") {
    const values = { who: firstApprovedBy ?? t("someMerchandiser"), price: f.money(rec.decidedPriceCents) };
    return (
      <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="awaiting-second">
        {rec.effectiveFrom ? t("awaitingSecondFrom", { ...values, date: f.date(rec.effectiveFrom) }) : t("awaitingSecond", values)}
        {rec.reason ? ` ${t("reason", { reason: rec.reason })}` : ""}
      </p>
    );
  }
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="decision">
      {rec.status === "approved" && (
        <>
          <dt className="font-medium">{t("decidedPrice")}</dt>
          <dd className="font-medium tabular-nums">{f.money(rec.decidedPriceCents)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">{t("effectiveFrom")}</dt>
          <dd>{f.date(rec.effectiveFrom)}</dd>
        </>
      )}
      <dt className="text-gray-500 dark:text-gray-400">{rec.status === "approved" ? t("approvedBy") : t("rejectedBy")}</dt>
      <dd>
        {decidedBy ?? "–"}
        {firstApprovedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">{t("firstApproval", { email: firstApprovedBy })}</span>}
      </dd>
      <dt className="text-gray-500 dark:text-gray-400">{t("when")}</dt>
      <dd>{rec.decidedAt ? f.dateTime(rec.decidedAt) : "–"}</dd>
      {rec.reason && (
        <>
          <dt className="text-gray-500 dark:text-gray-400">{t("reasonLabel")}</dt>
          <dd>{rec.reason}</dd>
        </>
      )}
    </dl>
  );
}
