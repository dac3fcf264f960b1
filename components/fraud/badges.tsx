import type { CaseStatus, FraudDecision } from "@/db/schema";
import { caseStatusLabels, caseStatusTone, decisionTone, formatScore } from "./format";

const pill = "inline-block rounded px-1.5 py-0.5 text-xs font-medium";

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`${pill} ${caseStatusTone[status]}`} data-testid="case-status">
      {caseStatusLabels[status]}
    </span>
  );
}

export function DecisionBadge({ decision }: { decision: FraudDecision }) {
  return <span className={`${pill} ${decisionTone[decision]}`}>{decision}</span>;
}

/**
 * The score as a number and a bar, coloured by where it falls against the thresholds in force (the bar alone would
 * say nothing about whether 0.4 is high).
 */
export function ScoreBar({ score, reviewThreshold, blockThreshold }: { score: number; reviewThreshold: number; blockThreshold: number }) {
  const tone = score >= blockThreshold ? "bg-red-600" : score >= reviewThreshold ? "bg-amber-500" : "bg-green-600";
  const pct = Math.max(2, Math.min(100, Math.round(score * 100)));
  return (
    <span className="inline-flex items-center gap-2" title={`Review at ${formatScore(reviewThreshold)}, block at ${formatScore(blockThreshold)}`}>
      <span className="w-9 text-right font-medium tabular-nums">{formatScore(score)}</span>
      <span className="h-1.5 w-16 rounded bg-gray-200 dark:bg-gray-700" aria-hidden="true">
        <span className={`block h-1.5 rounded ${tone}`} style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

/** Who made the automatic decision: an analyst's rule (named) or the model. */
export function DecidedBy({ decidedBy, ruleName, modelVersion }: { decidedBy: "rule" | "model"; ruleName: string | null; modelVersion?: number | null }) {
  if (decidedBy === "rule") return <span className="text-xs">rule: {ruleName ?? "a deleted rule"}</span>;
  return <span className="text-xs text-gray-600 dark:text-gray-400">model{modelVersion ? ` v${modelVersion}` : ""}</span>;
}
