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
import { formatInteger, formatMoney } from "@/lib/format";
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
});

function change(now: number, before: number): number | null {
  return before > 0 ? now / before - 1 : null;
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("overview");
  const { range, metric } = searchSchema.parse(await searchParams);
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
  const series = salesByChannel(db, period, days > 90 ? "week" : "day");
  const channels = channelTotals(db, period);
  const categories = categoryTotals(db, period, previous);
  const counts = storeCounts(db);

  const link = (next: Partial<{ range: string; metric: string }>) => `/overview?${new URLSearchParams({ range, metric, ...next })}`;

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

      <StockoutAlerts risks={topStockoutRisks(db, 5)} role={user.role} />
      <ReviewSurges surges={negativeSurges(db)} />

      <section className="card mt-6">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-medium">{metric === "revenue" ? "Revenue" : "Units"} by channel</h2>
          <SegmentedLinks
            label="Metric"
            active={metric}
            options={[
              { value: "revenue", label: "Revenue", href: link({ metric: "revenue" }) },
              { value: "units", label: "Units", href: link({ metric: "units" }) },
            ]}
          />
        </div>
        <ChannelAreaChart
          data={metric === "revenue" ? series.revenue : series.units}
          channels={channels.map((c) => c.channel)}
          valuePrefix={metric === "revenue" ? "$" : ""}
          label={`${metric} by channel, ${period.from} to ${period.to}`}
        />
        <ul className="mt-4 grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
          {channels.map((c) => (
            <li key={c.channel} data-testid={`channel-${c.channel}`}>
              <span className="font-medium">{c.name}</span>: {formatMoney(c.revenueCents)} ({(c.share * 100).toFixed(1)} %)
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
