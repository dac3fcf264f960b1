import { useTranslations } from "next-intl";
import type { PriceRecommendationRow } from "@/lib/pricing/types";
import { labelOf } from "./labels";

// relative: the sr-only reason inside is absolutely positioned, and without a positioned ancestor inside the table's
// scroll container it would sit at its place in the wide table and widen the whole page on a phone.
const pill = "relative inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

const statusTone: Record<PriceRecommendationRow["status"], string> = {
  pending: "bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300",
  awaiting_second: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  approved: "bg-green-50 text-green-700 dark:bg-green-950 dark:text-green-300",
  rejected: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
};

export function RecommendationStatusBadge({ status, testId }: { status: PriceRecommendationRow["status"]; testId?: string }) {
  const t = useTranslations("pricing.labels");
  return (
    <span className={`${pill} ${statusTone[status]}`} data-testid={testId}>
      {t(`status.${status}`)}
    </span>
  );
}

const confidenceTone: Record<PriceRecommendationRow["confidence"], string> = {
  high: "bg-green-50 text-green-700 dark:bg-green-950 dark:text-green-300",
  medium: "bg-blue-50 text-blue-700 dark:bg-blue-950 dark:text-blue-300",
  low: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

export function ConfidenceBadge({ confidence }: { confidence: PriceRecommendationRow["confidence"] }) {
  const t = useTranslations("pricing.labels");
  return <span className={`${pill} ${confidenceTone[confidence]}`}>{t(`confidence.${confidence}`)}</span>;
}

/**
 * The guardrail that set the price, its reason as the tooltip and, for screen readers, text. A conflict of guardrails
 * (the current price kept) is red and says which guardrails in plain sight: "Guardrails conflict: max change vs competitor".
 */
export function GuardrailBadge({ boundBy, reason, conflict }: { boundBy: string | null; reason?: string | null; conflict?: string | null }) {
  const t = useTranslations("pricing.labels");
  if (boundBy === null) return <span className="text-xs text-gray-500 dark:text-gray-400">–</span>;
  if (conflict) {
    return (
      <span title={reason ?? undefined} className={`${pill} bg-red-50 whitespace-normal text-red-700 dark:bg-red-950 dark:text-red-300`} data-testid="guardrail-conflict">
        {t("guardrail.conflict")}: {conflict}
      </span>
    );
  }
  return (
    <span title={reason ?? undefined} className={`${pill} bg-purple-50 text-purple-700 dark:bg-purple-950 dark:text-purple-300`}>
      {labelOf(t, "guardrail", boundBy)}
      {reason && <span className="sr-only">: {reason}</span>}
    </span>
  );
}
