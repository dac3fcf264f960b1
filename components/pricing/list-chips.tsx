import Link from "next/link";
import { useTranslations } from "next-intl";
import { boundByFilters, type RecommendationStatus } from "@/lib/pricing/queries";
import { recommendationStatuses } from "@/lib/pricing/types";
import { labelOf } from "./labels";

type BoundBy = (typeof boundByFilters)[number];

function chipHref(params: Record<string, string>, key: string, value: string | null): string {
  const next = new URLSearchParams(params);
  next.delete("page");
  next.delete(key);
  if (value) next.set(key, value);
  return `?${next}`;
}

const chip = (on: boolean, empty: boolean) =>
  `rounded-full border px-3 py-1 ${on ? "border-blue-600 bg-blue-600 text-white" : "border-gray-300 dark:border-gray-700"} ${empty && !on ? "text-gray-500 dark:text-gray-400" : ""}`;

/** How many recommendations of the run are in each state; a chip filters the list to them (other filters kept). */
export function StatusChips({ counts, active, params }: { counts: Record<RecommendationStatus, number>; active: string | undefined; params: Record<string, string> }) {
  const t = useTranslations("pricing");
  const labels = useTranslations("pricing.labels");
  return (
    <nav aria-label={t("chips.statusLabel")} className="mb-2 flex flex-wrap gap-2 text-sm" data-testid="status-chips">
      <Link href={chipHref(params, "status", null)} aria-current={active === undefined ? "true" : undefined} className={chip(active === undefined, false)}>
        {t("chips.anyStatus")}
      </Link>
      {recommendationStatuses.map((s) => (
        <Link key={s} href={chipHref(params, "status", s)} aria-current={active === s ? "true" : undefined} className={chip(active === s, counts[s] === 0)}>
          {labels(`status.${s}`)} <span className="font-semibold tabular-nums">{counts[s]}</span>
        </Link>
      ))}
    </nav>
  );
}

/** How many recommendations each guardrail set (or whose guardrails conflicted, or none); a chip filters the list to them. */
export function GuardrailChips({ counts, active, params }: { counts: Record<BoundBy, number>; active: string | undefined; params: Record<string, string> }) {
  const t = useTranslations("pricing");
  const labels = useTranslations("pricing.labels");
  return (
    <nav aria-label={t("chips.guardrailLabel")} className="mb-4 flex flex-wrap items-center gap-2 text-sm" data-testid="guardrail-chips">
      <span className="text-xs text-gray-500 dark:text-gray-400">{t("chips.boundBy")}</span>
      <Link href={chipHref(params, "boundBy", null)} aria-current={active === undefined ? "true" : undefined} className={chip(active === undefined, false)}>
        {t("chips.anyGuardrail")}
      </Link>
      {boundByFilters.map((g) => (
        <Link key={g} href={chipHref(params, "boundBy", g)} aria-current={active === g ? "true" : undefined} className={chip(active === g, counts[g] === 0)}>
          {labelOf(labels, "guardrail", g)} <span className="font-semibold tabular-nums">{counts[g]}</span>
        </Link>
      ))}
    </nav>
  );
}
