import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import type { PriceRecommendationRow } from "@/db/schema";
import { formatDate, formatDateTime, formatSignedNumber } from "@/lib/format";
import { ConfidenceBadge, GuardrailBadge, RecommendationStatusBadge } from "./badges";
import { dollars, formatPct, formatWeeklyUnits, guardrailLabels, price } from "./format";

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

const money = (cents: number) => price(Math.round(cents));
const elasticity = (v: number | null) => formatSignedNumber(v, 2);

/**
 * The recommendation of the run for this product: prices, the elasticity behind it, what it is expected to do to
 * weekly units, revenue and profit (P50 with P10–P90), the guardrail that set the price (or the guardrails that
 * conflicted, so the current price was kept), and the decision taken on it so far. `coverage` (the run's model's
 * recorded calibration, lib/pricing/coverage.ts) is printed beside the intervals; absent for older models.
 */
export function RecommendationCard({
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
  const change = ((rec.recommendedPriceCents - rec.currentPriceCents) / rec.currentPriceCents) * 100;
  const { conflict } = guardrails;
  const rows = [
    { label: "Units / wk", key: "units", format: formatWeeklyUnits },
    { label: "Revenue / wk", key: "revenue", format: money },
    { label: "Profit / wk", key: "profit", format: money },
  ] as const;
  return (
    <section className="card" aria-labelledby="recommendation-heading" data-testid="recommendation-card">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="recommendation-heading" className="font-medium">
          Recommendation
        </h2>
        <span className="flex items-center gap-2 text-xs text-gray-500 dark:text-gray-400">
          <RecommendationStatusBadge status={rec.status} testId="recommendation-status" /> version {rec.version}
        </span>
      </div>
      <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-gray-500 dark:text-gray-400">Current price</dt>
        <dd className="tabular-nums" data-testid="current-price">
          {price(rec.currentPriceCents)}
        </dd>
        <dt className="font-medium">Recommended</dt>
        <dd className="font-medium tabular-nums" data-testid="recommended-price">
          {price(rec.recommendedPriceCents)} <span className="text-xs font-normal text-gray-500 dark:text-gray-400">({formatPct(change)})</span>
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">Unconstrained optimum</dt>
        <dd className="tabular-nums">{price(rec.unconstrainedPriceCents)}</dd>
        <dt className="text-gray-500 dark:text-gray-400">Unit cost</dt>
        <dd className="tabular-nums" data-testid="unit-cost">
          {rec.costCents === null ? "unknown" : price(rec.costCents)}
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">Price elasticity</dt>
        <dd className="tabular-nums">
          {elasticity(rec.elasticity)}
          {rec.elasticityLower !== null && rec.elasticityUpper !== null && (
            <span className="block text-xs text-gray-500 dark:text-gray-400">
              P10–P90 {elasticity(rec.elasticityLower)} to {elasticity(rec.elasticityUpper)}
            </span>
          )}
          {rec.elasticityLower !== null && rec.elasticityUpper !== null && <CoverageNote note={coverage} className="block" />}
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">Confidence</dt>
        <dd>
          <ConfidenceBadge confidence={rec.confidence} />
        </dd>
        <dt className="text-gray-500 dark:text-gray-400">Bound by</dt>
        <dd>
          <GuardrailBadge boundBy={rec.boundBy} reason={guardrails.note} conflict={conflict} />
        </dd>
      </dl>

      <table className="mb-3 w-full text-sm" aria-label="Expected weekly outcome at the current and the recommended price">
        {coverage && (
          <caption className="caption-bottom pt-1 text-left">
            P10–P90: <CoverageNote note={coverage} />
          </caption>
        )}
        <thead className="text-left text-xs text-gray-500 dark:text-gray-400">
          <tr>
            <th className="py-1 font-medium">Expected (P50, P10–P90)</th>
            <th className="py-1 text-right font-medium">At current</th>
            <th className="py-1 text-right font-medium">At recommended</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-gray-100 align-top dark:border-gray-800">
              <td className="py-1">{r.label}</td>
              <td className="py-1 text-right tabular-nums">
                <BandCell values={rec.expected.current?.[r.key]} format={r.format} />
              </td>
              <td className="py-1 text-right tabular-nums">
                <BandCell values={rec.expected.recommended?.[r.key]} format={r.format} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="mb-1 text-sm font-medium">{conflict ? "Guardrails in conflict" : "Guardrail that set the price"}</h3>
      {conflict ? (
        <div className="mb-3 text-sm" data-testid="guardrail-conflict-detail">
          <p className="mb-1 text-red-700 dark:text-red-400">No price meets every guardrail, so the current price is kept. Adjust to an allowed price, reject, or change the guardrails and refresh.</p>
          <ul className="list-disc space-y-1 pl-5">
            {rec.adjustments.map((a) => (
              <li key={a.guardrail}>
                <span className="font-medium">{guardrailLabels[a.guardrail] ?? a.guardrail}</span>: {a.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : rec.adjustments.length === 0 ? (
        <p className="mb-3 text-sm text-gray-600 dark:text-gray-400">None: the optimum was within every guardrail.</p>
      ) : (
        <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm" data-testid="guardrail-adjustments">
          {rec.adjustments.map((a, i) => (
            <li key={`${a.guardrail}-${i}`}>
              <span className="font-medium">{guardrailLabels[a.guardrail] ?? a.guardrail}</span>: {dollars(a.from)} → {dollars(a.to)}
              <span className="block text-xs text-gray-600 dark:text-gray-400">{a.reason}</span>
            </li>
          ))}
        </ol>
      )}

      <DecisionSummary rec={rec} decidedBy={decidedBy} firstApprovedBy={firstApprovedBy} />
    </section>
  );
}

function DecisionSummary({ rec, decidedBy, firstApprovedBy }: { rec: PriceRecommendationRow; decidedBy: string | null; firstApprovedBy: string | null }) {
  if (rec.status === "pending") return <p className="text-sm text-gray-600 dark:text-gray-400">Not decided yet.</p>;
  if (rec.status === "awaiting_second") {
    return (
      <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="awaiting-second">
        {firstApprovedBy ?? "A merchandiser"} approved {price(rec.decidedPriceCents)}
        {rec.effectiveFrom ? ` from ${formatDate(rec.effectiveFrom)}` : ""}: the change is large, so it needs a second merchandiser before it becomes the price.
        {rec.reason ? ` Reason: ${rec.reason}` : ""}
      </p>
    );
  }
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="decision">
      {rec.status === "approved" && (
        <>
          <dt className="font-medium">Decided price</dt>
          <dd className="font-medium tabular-nums">{price(rec.decidedPriceCents)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Effective from</dt>
          <dd>{formatDate(rec.effectiveFrom)}</dd>
        </>
      )}
      <dt className="text-gray-500 dark:text-gray-400">{rec.status === "approved" ? "Approved by" : "Rejected by"}</dt>
      <dd>
        {decidedBy ?? "–"}
        {firstApprovedBy && <span className="block text-xs text-gray-500 dark:text-gray-400">first approval: {firstApprovedBy}</span>}
      </dd>
      <dt className="text-gray-500 dark:text-gray-400">When</dt>
      <dd>{rec.decidedAt ? formatDateTime(rec.decidedAt) : "–"}</dd>
      {rec.reason && (
        <>
          <dt className="text-gray-500 dark:text-gray-400">Reason</dt>
          <dd>{rec.reason}</dd>
        </>
      )}
    </dl>
  );
}
