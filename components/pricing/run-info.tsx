import { RunFacts } from "@/components/ui/run-facts";
import type { PriceRun } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { priceEndingLabels } from "./format";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The guardrails a run was published under, in words. The snapshot is whatever the publish job stored (the settings
 * row, or the optimiser's Guardrails with the competitor rule nested), so both shapes are read; unknown keys are left out.
 */
export function settingsSummary(snapshot: Record<string, unknown>): string[] {
  const s: Record<string, unknown> = { ...snapshot, ...(isRecord(snapshot.guardrails) ? snapshot.guardrails : {}) };
  const out: string[] = [];
  if (typeof s.objective === "string") out.push(`maximise ${s.objective}`);
  if ("maxChangePct" in s) out.push(num(s.maxChangePct) === null ? "no max change" : `max change ±${num(s.maxChangePct)} %`);
  const competitor = isRecord(s.competitor) ? s.competitor : null;
  const rule = typeof s.competitorRule === "string" ? s.competitorRule : typeof competitor?.kind === "string" ? competitor.kind : "competitor" in s ? "none" : null;
  const rulePct = num(s.competitorPct) ?? num(competitor?.pct) ?? num(competitor?.tolerancePct);
  if (rule === "maxAboveCheapest") out.push(`≤ ${rulePct ?? "?"} % above the cheapest competitor`);
  else if (rule === "matchAverage") out.push(`within ${rulePct ?? "?"} % of the competitors' average`);
  else if (rule === "none") out.push("no competitor rule");
  if (typeof s.priceEnding === "string") out.push((priceEndingLabels[s.priceEnding] ?? s.priceEnding).toLowerCase());
  if ("minMarginPct" in s) out.push(num(s.minMarginPct) === null ? "no margin floor" : `margin ≥ ${num(s.minMarginPct)} %`);
  if (num(s.secondApprovalPct) !== null) out.push(`second approval above ${num(s.secondApprovalPct)} %`);
  return out;
}

/** Which model made the recommendations in force, when, and under which guardrails. */
export function RunInfo({ run, modelVersion }: { run: PriceRun; modelVersion: number | null }) {
  const summary = settingsSummary(run.settings);
  return (
    <RunFacts
      testId="price-run-summary"
      facts={[
        { term: "Run", value: `#${run.id}` },
        { term: "Model", value: modelVersion === null ? "unknown" : `pricing v${modelVersion}` },
        { term: "Published", value: formatDateTime(run.createdAt) },
        { term: "Guardrails of the run", value: summary.length > 0 ? summary.join(" · ") : "not recorded" },
      ]}
    />
  );
}
