import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { EffectsResult } from "@/lib/recommendations/overview";
import { ExposureChart } from "./exposure-chart";
import { formatAverage, formatScore, linkClass, metricAbbreviations } from "./format";
import { serverWords } from "./server-words";

const metricRows = ["recallAt10", "ndcgAt10", "catalogCoverage", "diversity", "popularityBias"] as const;

/**
 * What the draft does before anyone approves it, on a fixed sample of customers: each rule's average removals,
 * moves and additions per customer, the short-lists flag (most customers get fewer than N: a clear warning), the
 * offline metrics with and without the rules beside popularity, and who gets shown, by category.
 */
export async function EffectsPanel({ result, n, sampleLinks }: { result: Promise<EffectsResult>; n: number; sampleLinks: { id: string; href: string }[] }) {
  const t = await getTranslations("recommendations");
  const { f, text, rule } = await serverWords();
  const outcome = await result;
  if (!outcome.ok) return <EmptyState title={t("effects.failed")}>{text(outcome.error)}</EmptyState>;
  const metricName = (key: (typeof metricRows)[number]) => (key === "ndcgAt10" ? metricAbbreviations[key] : t(`metrics.${key}`));
  const { effects } = outcome;
  const { metrics } = effects;
  const categories = metrics
    ? [...new Set([...Object.keys(metrics.withRules.exposureByCategory), ...Object.keys(metrics.withoutRules.exposureByCategory)])]
        .map((category) => ({ category, withRules: metrics.withRules.exposureByCategory[category] ?? 0, withoutRules: metrics.withoutRules.exposureByCategory[category] ?? 0 }))
        .sort((a, b) => b.withoutRules - a.withoutRules || b.withRules - a.withRules)
    : [];

  return (
    <div className="flex flex-col gap-4" data-testid="effects">
      {effects.flagged ? (
        <p role="alert" className="rounded-xl border-2 border-red-600 bg-red-50 p-4 text-sm font-medium text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="short-lists-flag">
          {t("effects.flag", { short: effects.shortLists, sampled: effects.sampled, n })}
        </p>
      ) : (
        effects.shortLists > 0 && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            {t("effects.short", { short: effects.shortLists, sampled: effects.sampled, n })}
          </p>
        )
      )}

      <section className="card" aria-labelledby="rule-effects-heading">
        <h2 id="rule-effects-heading" className="mb-1 font-medium">
          {t("effects.ruleHeading")}
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
          {t("effects.ruleNote", { sampled: effects.sampled, version: effects.modelVersion.version })}
        </p>
        {effects.rules.length === 0 ? (
          <p className="text-sm text-gray-500 dark:text-gray-400">{t("effects.noRules")}</p>
        ) : (
          <Table testId="rule-effects">
            <HeaderRow>
              <Th>{t("effects.rule")}</Th>
              <Th numeric>{t("effects.removed")}</Th>
              <Th numeric>{t("effects.moved")}</Th>
              <Th numeric>{t("effects.added")}</Th>
              <Th numeric>{t("effects.customersChanged")}</Th>
            </HeaderRow>
            <tbody>
              {effects.rules.map((r, i) => (
                <Tr key={`${i}-${r.rule.type}`}>
                  <Td>{rule(r.rule)}</Td>
                  <Td numeric>{formatAverage(f, r.removed)}</Td>
                  <Td numeric>{formatAverage(f, r.moved)}</Td>
                  <Td numeric>{formatAverage(f, r.added)}</Td>
                  <Td numeric>
                    {t.rich("effects.ofSampled", {
                      count: r.customersChanged,
                      sampled: effects.sampled,
                      // The browser tests read the number alone.
                      n: (chunks) => <span data-testid="customers-changed">{chunks}</span>,
                    })}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        {sampleLinks.length > 0 && (
          <p className="mt-3 text-sm">
            {t("effects.sampleLinks")}{" "}
            {sampleLinks.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ", "}
                <Link href={s.href} className={`font-mono ${linkClass}`}>
                  {s.id}
                </Link>
              </span>
            ))}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="effect-metrics-heading">
        <h2 id="effect-metrics-heading" className="mb-1 font-medium">
          {t("effects.metricsHeading")}
        </h2>
        {!metrics ? (
          <p className="text-sm text-gray-500 dark:text-gray-400">{t("effects.noMetrics")}</p>
        ) : (
          <>
            <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
              {t("effects.metricsNote", { n, users: metrics.users, cut: f.date(metrics.cut) })}
            </p>
            <Table testId="effect-metrics">
              <HeaderRow>
                <Th>{t("effects.metric")}</Th>
                <Th numeric>{t("effects.withRules")}</Th>
                <Th numeric>{t("effects.withoutRules")}</Th>
                <Th numeric>{t("effects.popularity")}</Th>
              </HeaderRow>
              <tbody>
                {metricRows.map((m) => (
                  <Tr key={m}>
                    <Td>{metricName(m)}</Td>
                    <Td numeric>{formatScore(f, metrics.withRules[m])}</Td>
                    <Td numeric>{formatScore(f, metrics.withoutRules[m])}</Td>
                    <Td numeric>{formatScore(f, metrics.popularity[m])}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </section>

      {categories.length > 0 && (
        <section className="card" aria-labelledby="exposure-heading">
          <h2 id="exposure-heading" className="mb-1 font-medium">
            {t("effects.exposureHeading")}
          </h2>
          <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("effects.exposureNote")}</p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ExposureChart rows={categories} />
            <Table testId="exposure-by-category">
              <HeaderRow>
                <Th>{t("effects.category")}</Th>
                <Th numeric>{t("effects.withRules")}</Th>
                <Th numeric>{t("effects.withoutRules")}</Th>
              </HeaderRow>
              <tbody>
                {categories.map((c) => (
                  <Tr key={c.category}>
                    <Td>{c.category}</Td>
                    <Td numeric>{f.percent(c.withRules)}</Td>
                    <Td numeric>{f.percent(c.withoutRules)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        </section>
      )}
    </div>
  );
}
