import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { EffectsResult } from "@/lib/recommendations/overview";
import { ExposureChart } from "./exposure-chart";
import { formatAverage, formatScore, formatShare, linkClass } from "./format";

const metricRows: { key: "recallAt10" | "ndcgAt10" | "catalogCoverage" | "diversity" | "popularityBias"; label: string }[] = [
  { key: "recallAt10", label: "Recall@10" },
  { key: "ndcgAt10", label: "NDCG@10" },
  { key: "catalogCoverage", label: "Coverage" },
  { key: "diversity", label: "Diversity" },
  { key: "popularityBias", label: "Popularity bias" },
];

/**
 * What the draft does before anyone approves it, on a fixed sample of customers: each rule's average removals,
 * moves and additions per customer, the short-lists flag (most customers get fewer than N: a clear warning), the
 * offline metrics with and without the rules beside popularity, and who gets shown, by category.
 */
export async function EffectsPanel({ result, n, sampleLinks }: { result: Promise<EffectsResult>; n: number; sampleLinks: { id: string; href: string }[] }) {
  const outcome = await result;
  if (!outcome.ok) return <EmptyState title="The effects of these rules could not be computed">{outcome.error}</EmptyState>;
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
          Most customers would get a short list: {effects.shortLists} of the {effects.sampled} sampled customers get fewer than {n} items under these rules. Loosen a rule, or
          show fewer items, before approving.
        </p>
      ) : (
        effects.shortLists > 0 && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            {effects.shortLists} of the {effects.sampled} sampled customers get fewer than {n} items under these rules.
          </p>
        )
      )}

      <section className="card" aria-labelledby="rule-effects-heading">
        <h2 id="rule-effects-heading" className="mb-1 font-medium">
          Effect of each rule
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
          On {effects.sampled} sampled customers (the same ones for every rule set), with model v{effects.modelVersion.version}; in the order the rules apply. Averages per customer.
        </p>
        {effects.rules.length === 0 ? (
          <p className="text-sm text-gray-500 dark:text-gray-400">No rules: the lists are the model&apos;s ranking.</p>
        ) : (
          <Table testId="rule-effects">
            <HeaderRow>
              <Th>Rule</Th>
              <Th numeric>Removed</Th>
              <Th numeric>Moved</Th>
              <Th numeric>Added</Th>
              <Th numeric>Customers changed</Th>
            </HeaderRow>
            <tbody>
              {effects.rules.map((r, i) => (
                <Tr key={`${i}-${r.label}`}>
                  <Td>{r.label}</Td>
                  <Td numeric>{formatAverage(r.removed)}</Td>
                  <Td numeric>{formatAverage(r.moved)}</Td>
                  <Td numeric>{formatAverage(r.added)}</Td>
                  <Td numeric>
                    <span data-testid="customers-changed">{r.customersChanged}</span> of {effects.sampled}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        {sampleLinks.length > 0 && (
          <p className="mt-3 text-sm">
            Preview a customer with this draft:{" "}
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
          Offline metrics
        </h2>
        {!metrics ? (
          <p className="text-sm text-gray-500 dark:text-gray-400">The model version has no held-out period to measure on (no purchases after its training data).</p>
        ) : (
          <>
            <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
              Lists of {n} for {metrics.users} customers, scored on what they bought after {metrics.cut} (the period the model did not see).
            </p>
            <Table testId="effect-metrics">
              <HeaderRow>
                <Th>Metric</Th>
                <Th numeric>With rules</Th>
                <Th numeric>Without rules</Th>
                <Th numeric>Popularity</Th>
              </HeaderRow>
              <tbody>
                {metricRows.map((m) => (
                  <Tr key={m.key}>
                    <Td>{m.label}</Td>
                    <Td numeric>{formatScore(metrics.withRules[m.key])}</Td>
                    <Td numeric>{formatScore(metrics.withoutRules[m.key])}</Td>
                    <Td numeric>{formatScore(metrics.popularity[m.key])}</Td>
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
            Exposure by category
          </h2>
          <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">Each category&apos;s share of the items shown to the measured customers.</p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ExposureChart rows={categories} />
            <Table testId="exposure-by-category">
              <HeaderRow>
                <Th>Category</Th>
                <Th numeric>With rules</Th>
                <Th numeric>Without rules</Th>
              </HeaderRow>
              <tbody>
                {categories.map((c) => (
                  <Tr key={c.category}>
                    <Td>{c.category}</Td>
                    <Td numeric>{formatShare(c.withRules)}</Td>
                    <Td numeric>{formatShare(c.withoutRules)}</Td>
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
