import { getTranslations } from "next-intl/server";
import { RunFacts } from "@/components/ui/run-facts";
import type { PriceRun } from "@/lib/pricing/types";
import type { Format } from "@/lib/format";
import { getFormat } from "@/lib/i18n/server";
import { endingKey } from "./labels";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

type RunInfoTranslator = Awaited<ReturnType<typeof getTranslations<"pricing.runInfo">>>;

/**
 * The guardrails a run was published under, in words. The snapshot is whatever the publish job stored (the settings
 * row, or the optimiser's Guardrails with the competitor rule nested), so both shapes are read; unknown keys are left out.
 */
export function settingsSummary(snapshot: Record<string, unknown>, t: RunInfoTranslator, f: Format): string[] {
  const s: Record<string, unknown> = { ...snapshot, ...(isRecord(snapshot.guardrails) ? snapshot.guardrails : {}) };
  const pct = (v: number | null) => (v === null ? t("unknownPct") : f.percent(v / 100, Number.isInteger(v) ? 0 : 1));
  const out: string[] = [];
  if (s.objective === "profit") out.push(t("objectiveProfit"));
  else if (s.objective === "revenue") out.push(t("objectiveRevenue"));
  else if (typeof s.objective === "string") out.push(t("objective", { objective: s.objective }));
  if ("maxChangePct" in s) out.push(num(s.maxChangePct) === null ? t("noMaxChange") : t("maxChange", { pct: pct(num(s.maxChangePct)) }));
  const competitor = isRecord(s.competitor) ? s.competitor : null;
  const rule = typeof s.competitorRule === "string" ? s.competitorRule : typeof competitor?.kind === "string" ? competitor.kind : "competitor" in s ? "none" : null;
  const rulePct = num(s.competitorPct) ?? num(competitor?.pct) ?? num(competitor?.tolerancePct);
  if (rule === "maxAboveCheapest") out.push(t("maxAboveCheapest", { pct: pct(rulePct) }));
  else if (rule === "matchAverage") out.push(t("matchAverage", { pct: pct(rulePct) }));
  else if (rule === "none") out.push(t("noCompetitorRule"));
  if (typeof s.priceEnding === "string") {
    const key = `ending.${endingKey(s.priceEnding)}` as const;
    out.push(t.has(key as never) ? t(key as "ending.any") : s.priceEnding);
  }
  if ("minMarginPct" in s) out.push(num(s.minMarginPct) === null ? t("noMarginFloor") : t("marginFloor", { pct: pct(num(s.minMarginPct)) }));
  if (num(s.secondApprovalPct) !== null) out.push(t("secondApproval", { pct: pct(num(s.secondApprovalPct)) }));
  return out;
}

/** Which model made the recommendations in force, when, and under which guardrails. */
export async function RunInfo({ run, modelVersion }: { run: PriceRun; modelVersion: number | null }) {
  const t = await getTranslations("pricing.runInfo");
  const f = await getFormat();
  const summary = settingsSummary(run.settings, t, f);
  return (
    <RunFacts
      testId="price-run-summary"
      facts={[
        { term: t("run"), value: t("runValue", { id: String(run.id) }) },
        { term: t("model"), value: modelVersion === null ? t("unknown") : t("modelValue", { version: String(modelVersion) }) },
        { term: t("published"), value: f.dateTime(run.createdAt) },
        { term: t("guardrails"), value: summary.length > 0 ? summary.join(t("separator")) : t("notRecorded") },
      ]}
    />
  );
}
