import Link from "next/link";
import { z } from "zod";
import { ChannelAreaChart } from "@/components/charts/channel-area-chart";
import { KpiCard } from "@/components/overview/kpi-card";
import { CategoryTable } from "@/components/overview/category-table";
import { ReviewSurges } from "@/components/overview/review-surges";
import { StockoutAlerts } from "@/components/overview/stockout-alerts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { addDays } from "@/lib/dates";
import { topStockoutRisks } from "@/lib/forecasts/queries";
import { formatInteger, formatMoney, formatPercent, pluralize } from "@/lib/format";
import { findOutlierPeriods, OUTLIER_K, pointTotal } from "@/lib/overview/outliers";
import {
  categoryTotals,
  channelTotals,
  kpis,
  latestSalesDate,
  overviewRanges,
  periodEnding,
  salesByChannel,
  storeCounts,
  type OverviewRange,
} from "@/lib/overview/queries";
import { negativeSurges } from "@/lib/reviews/surges";

export const metadata = { title: "Overview" };

const searchSchema = z.object({
  range: z.enum(Object.keys(overviewRanges) as [OverviewRange, ...OverviewRange[]]).catch("90d").default("90d"),
  metric: z.enum(["revenue", "units"]).catch("revenue").default("revenue"),
  // "hide" leaves days far above the rest (a load test, a bulk back-fill) out of the chart; totals keep them.
  outliers: z.enum(["show", "hide"]).catch("show").default("show"),
});

function change(now: number, before: number): number | null {
  return before > 0 ? now / before - 1 : null;
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("overview");
  const { range, metric, outliers } = searchSchema.parse(await searchParams);
  const db = getDb();
  const asOf = latestSalesDate(db);
  if (!asOf) {
    return (
      <>
        <PageHeader title="Overview" />
        <EmptyState title="No sales yet">Import orders on the Data page, or run the demo command to build the demo store.</EmptyState>
      </>
    );
  }

  const days = overviewRanges[range];
  const period = periodEnding(asOf, days);
  const previous = periodEnding(addDays(period.from, -1), days);
  const now = kpis(db, period);
  const before = kpis(db, previous);
  const grain = days > 90 ? "week" : "day";
  const series = salesByChannel(db, period, grain);
  const channels = channelTotals(db, period);
  const categories = categoryTotals(db, period, previous);
  const counts = storeCounts(db);

  const link = (next: Partial<{ range: string; metric: string; outliers: string }>) => {
    const params = { range, metric, outliers, ...next };
    // The default ("show") stays out of the URL so plain links keep their old form.
    return `/overview?${new URLSearchParams(Object.entries(params).filter(([k, v]) => !(k === "outliers" && v === "show")))}`;
  };

  const shown = metric === "revenue" ? series.revenue : series.units;
  const check = findOutlierPeriods(shown.map((p) => ({ period: p.period, total: pointTotal(p) })));
  const outlierPeriods = [...check.outliers].sort();
  const hiding = outliers === "hide" && outlierPeriods.length > 0;
  const chartData = hiding ? shown.filter((p) => !check.outliers.has(p.period)) : shown;
  const unitWord = grain === "week" ? "week" : "day";
  const outlierCount = pluralize(outlierPeriods.length, unitWord);
  const channelNames = channels.map((c) => ({ key: c.channel, name: c.name }));
  const metricName = metric === "revenue" ? "Revenue" : "Units";
  const chartSummary = `${metricName} by channel from ${period.from} to ${period.to}: ${channels
    .map((c) => `${c.name} ${metric === "revenue" ? formatMoney(c.revenueCents) : formatInteger(c.units)}`)
    .join(", ")}.${hiding ? ` ${outlierCount} far above the rest not drawn.` : ""}`;

  return (
    <>
      <PageHeader
        title="Overview"
        description={`${formatInteger(counts.products)} products · ${formatInteger(counts.customers)} customers · sales through ${asOf}`}
        actions={
          <SegmentedLinks
            label="Period"
            active={range}
            options={Object.keys(overviewRanges).map((r) => ({ value: r, label: r.replace("d", " days"), href: link({ range: r }) }))}
          />
        }
      />
      <section className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <KpiCard label="Revenue" value={formatMoney(now.revenueCents)} change={change(now.revenueCents, before.revenueCents)} />
        <KpiCard label="Orders" value={formatInteger(now.orders)} change={change(now.orders, before.orders)} />
        <KpiCard label="Units" value={formatInteger(now.units)} change={change(now.units, before.units)} />
        <KpiCard
          label="Average order"
          value={now.avgOrderCents === null ? "–" : formatMoney(now.avgOrderCents, { cents: true })}
          change={now.avgOrderCents && before.avgOrderCents ? change(now.avgOrderCents, before.avgOrderCents) : null}
        />
      </section>
      {hiding && (
        <p className="mt-2 text-xs text-gray-600 dark:text-gray-400" data-testid="kpi-outlier-note">
          These totals count every {unitWord}, including the {outlierCount} hidden from the chart below.
        </p>
      )}

      <StockoutAlerts risks={topStockoutRisks(db, 5)} role={user.role} />
      <ReviewSurges surges={negativeSurges(db)} />

      <section className="card mt-6">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-medium">{metricName} by channel</h2>
          <SegmentedLinks
            label="Metric"
            active={metric}
            options={[
              { value: "revenue", label: "Revenue", href: link({ metric: "revenue" }) },
              { value: "units", label: "Units", href: link({ metric: "units" }) },
            ]}
          />
        </div>
        {outlierPeriods.length > 0 && (
          <p className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="outlier-note">
            <span>
              {hiding ? `Hidden from the chart: ${outlierCount}` : `${outlierCount} far above the rest`} ({outlierPeriods.join(", ")}), more than {OUTLIER_K} robust
              deviations above the median {unitWord}{hiding ? "." : ", squeezing every other " + unitWord + " flat."}
            </span>
            <Link className="font-medium underline" href={link({ outliers: hiding ? "show" : "hide" })}>
              {hiding ? `Show ${outlierPeriods.length === 1 ? "it" : "them"}` : `Hide ${outlierPeriods.length === 1 ? "it" : "them"} from the chart`}
            </Link>
          </p>
        )}
        <ChannelAreaChart
          data={chartData}
          channels={channelNames}
          unit={metric === "revenue" ? "money" : "units"}
          grain={grain}
          label={`${metricName} by channel, ${period.from} to ${period.to}${hiding ? `, without ${outlierCount} far above the rest` : ""}`}
          summary={chartSummary}
        />
        <ul className="mt-4 grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
          {channels.map((c) => (
            <li key={c.channel} data-testid={`channel-${c.channel}`}>
              <span className="font-medium">{c.name}</span>: {formatMoney(c.revenueCents)} ({formatPercent(c.share, 1)})
            </li>
          ))}
        </ul>
      </section>

      <section className="card mt-6">
        <h2 className="mb-3 font-medium">Categories</h2>
        <CategoryTable rows={categories} />
      </section>
    </>
  );
}
