import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ChannelAreaChart } from "@/components/charts/channel-area-chart";
import { KpiCard } from "@/components/overview/kpi-card";
import { CategoryTable } from "@/components/overview/category-table";
import { ReviewSurges } from "@/components/overview/review-surges";
import { StockoutAlerts } from "@/components/overview/stockout-alerts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { findOutlierPeriods, OUTLIER_K, pointTotal } from "@/lib/overview/outliers";
import { overviewPage } from "@/lib/overview/page-data";
import { overviewRanges, type OverviewRange } from "@/lib/overview/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("overview"))("title") };
}

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
  const [t, f] = await Promise.all([getTranslations("overview"), getFormat()]);
  const data = await overviewPage(range);
  if (!data) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("noSales.title")}>{t("noSales.body")}</EmptyState>
      </>
    );
  }

  const { asOf, period, now, before, grain, series, channels, categories, counts, stockoutRisks, surges } = data;

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
  const outlierCount = t(`grain.${grain}`, { count: outlierPeriods.length });
  const channelNames = channels.map((c) => ({ key: c.channel, name: c.name }));
  const range2 = { metric, from: f.date(period.from), to: f.date(period.to) };
  const channelValues = f.list(channels.map((c) => t("channelValue", { name: c.name, value: metric === "revenue" ? f.money(c.revenueCents, { whole: true }) : f.integer(c.units) })));
  const chartSummary = hiding ? t("chartSummaryHiding", { ...range2, channels: channelValues, outliers: outlierCount }) : t("chartSummary", { ...range2, channels: channelValues });
  const periods = f.list(outlierPeriods.map((p) => f.date(p)));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { products: counts.products, customers: counts.customers, asOf: f.date(asOf) })}
        actions={
          <SegmentedLinks
            label={t("period")}
            active={range}
            options={Object.entries(overviewRanges).map(([r, n]) => ({ value: r, label: t("rangeDays", { days: n }), href: link({ range: r }) }))}
          />
        }
      />
      <section className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <KpiCard id="revenue" label={t("kpis.revenue")} value={f.money(now.revenueCents, { whole: true })} change={change(now.revenueCents, before.revenueCents)} f={f} />
        <KpiCard id="orders" label={t("kpis.orders")} value={f.integer(now.orders)} change={change(now.orders, before.orders)} f={f} />
        <KpiCard id="units" label={t("kpis.units")} value={f.integer(now.units)} change={change(now.units, before.units)} f={f} />
        <KpiCard
          id="average-order"
          label={t("kpis.averageOrder")}
          f={f}
          value={now.avgOrderCents === null ? "–" : f.money(now.avgOrderCents)}
          change={now.avgOrderCents && before.avgOrderCents ? change(now.avgOrderCents, before.avgOrderCents) : null}
        />
      </section>
      {hiding && (
        <p className="mt-2 text-xs text-gray-600 dark:text-gray-400" data-testid="kpi-outlier-note">
          {t("kpiOutlierNote", { grain, outliers: outlierCount })}
        </p>
      )}

      <StockoutAlerts risks={stockoutRisks} role={user.role} f={f} />
      <ReviewSurges surges={surges} f={f} />

      <section className="card mt-6">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-medium">{t("byChannel", { metric })}</h2>
          <SegmentedLinks
            label={t("metric")}
            active={metric}
            options={[
              { value: "revenue", label: t("kpis.revenue"), href: link({ metric: "revenue" }) },
              { value: "units", label: t("kpis.units"), href: link({ metric: "units" }) },
            ]}
          />
        </div>
        {outlierPeriods.length > 0 && (
          <p className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="outlier-note">
            <span>{t(hiding ? "outliers.hidden" : "outliers.shown", { outliers: outlierCount, periods, k: OUTLIER_K, grain })}</span>
            <Link className="font-medium underline" href={link({ outliers: hiding ? "show" : "hide" })}>
              {t(hiding ? "outliers.show" : "outliers.hide", { count: outlierPeriods.length })}
            </Link>
          </p>
        )}
        <ChannelAreaChart
          data={chartData}
          channels={channelNames}
          unit={metric === "revenue" ? "money" : "units"}
          grain={grain}
          label={hiding ? t("chartLabelHiding", { ...range2, outliers: outlierCount }) : t("chartLabel", range2)}
          summary={chartSummary}
        />
        <ul className="mt-4 grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
          {channels.map((c) => (
            <li key={c.channel} data-testid={`channel-${c.channel}`}>
              <span className="font-medium">{c.name}</span>: {t("channelShare", { revenue: f.money(c.revenueCents, { whole: true }), share: f.percent(c.share, 1) })}
            </li>
          ))}
        </ul>
      </section>

      <section className="card mt-6">
        <h2 className="mb-3 font-medium">{t("categories.title")}</h2>
        <CategoryTable rows={categories} f={f} />
      </section>
    </>
  );
}
