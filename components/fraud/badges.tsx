import { getTranslations } from "next-intl/server";
import type { CaseStatus, FraudDecision } from "@/lib/fraud/types";
import { getFormat } from "@/lib/i18n/server";
import { caseStatusTone, decisionTone } from "./tones";

const pill = "inline-block rounded px-1.5 py-0.5 text-xs font-medium";

export async function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations("fraud.caseStatus");
  return (
    <span className={`${pill} ${caseStatusTone[status]}`} data-testid="case-status">
      {t(status)}
    </span>
  );
}

export async function DecisionBadge({ decision }: { decision: FraudDecision }) {
  const t = await getTranslations("fraud.decision");
  return <span className={`${pill} ${decisionTone[decision]}`}>{t(decision)}</span>;
}

/**
 * The score as a number and a bar, coloured by where it falls against the thresholds in force (the bar alone would
 * say nothing about whether 0.4 is high).
 */
export async function ScoreBar({ score, reviewThreshold, blockThreshold }: { score: number; reviewThreshold: number; blockThreshold: number }) {
  const [t, f] = await Promise.all([getTranslations("fraud.badges"), getFormat()]);
  const tone = score >= blockThreshold ? "bg-red-600" : score >= reviewThreshold ? "bg-amber-500" : "bg-green-600";
  const pct = Math.max(2, Math.min(100, Math.round(score * 100)));
  return (
    <span className="inline-flex items-center gap-2" title={t("scoreTitle", { review: f.number(reviewThreshold, 2), block: f.number(blockThreshold, 2) })}>
      <span className="w-9 text-right font-medium tabular-nums">{f.number(score, 2)}</span>
      <span className="h-1.5 w-16 rounded bg-gray-200 dark:bg-gray-700" aria-hidden="true">
        <span className={`block h-1.5 rounded ${tone}`} style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

/** Who made the automatic decision: an analyst's rule (named) or the model. */
export async function DecidedBy({ decidedBy, ruleName, modelVersion }: { decidedBy: "rule" | "model"; ruleName: string | null; modelVersion?: number | null }) {
  const t = await getTranslations("fraud.badges");
  if (decidedBy === "rule") return <span className="text-xs">{t("rule", { name: ruleName ?? t("deletedRule") })}</span>;
  return <span className="text-xs text-gray-600 dark:text-gray-400">{modelVersion ? t("modelVersion", { version: modelVersion }) : t("model")}</span>;
}
