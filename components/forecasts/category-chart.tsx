"use client";

import { useTranslations } from "next-intl";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { ForecastTooltip } from "./chart-parts";
import { formatWeekStart, niceTicks, weekMonthTicks } from "./chart-ticks";

type CategoryWeek = { week: string; p10: number; p50: number; p90: number };

/**
 * Weekly demand of a category (or all products): the sum of product P50s, with the sums of product P10s and P90s
 * around it. A sum of quantiles is not the quantile of the sum, so the band is labelled for what it is; `coverage` is
 * the run's product bands' backtest coverage (lib/forecasts/coverage.ts), printed under it when stored.
 */
export function CategoryChart({ data, title, coverage }: { data: CategoryWeek[]; title: string; coverage?: CoverageNoteText | null }) {
  const f = useFormat();
  const t = useTranslations("forecasts.categoryChart");
  const chart = useTranslations("forecasts.chart");
  if (data.length === 0) return <p className="py-10 text-center text-sm text-gray-500 dark:text-gray-400">{t("empty")}</p>;
  const points = data.map((d) => ({ week: d.week, p50: d.p50, band: [d.p10, d.p90] as [number, number] }));
  const yTicks = niceTicks(0, Math.max(0, ...data.map((d) => d.p90)));
  const total = data.reduce((s, d) => s + d.p50, 0);
  const peak = data.reduce((best, d) => (d.p50 > best.p50 ? d : best), data[0]!);
  const text = t("summary", { total: f.units(total), weeks: data.length, peakWeek: f.date(peak.week), peak: f.units(peak.p50) });
  return (
    <figure>
      <figcaption className="mb-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="block text-xs text-gray-500 dark:text-gray-400">{t("bandNote")}</span>
        <span className="block text-xs text-gray-600 dark:text-gray-400" data-testid="category-chart-summary">
          {text}
        </span>
        <CoverageNote note={coverage} className="block" />
      </figcaption>
      <div className="h-64 w-full" role="img" aria-label={t("aria", { title, summary: text })}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 4, right: 8, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="week"
              {...axisProps}
              ticks={weekMonthTicks(data.map((d) => d.week), 6)}
              interval={0}
              tickFormatter={(week: string) => formatWeekStart(f, week)}
              label={{ value: t("xAxis"), position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              {...axisProps}
              width={56}
              domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]}
              ticks={yTicks}
              tickFormatter={(v: number) => f.number(v)}
              label={{ value: t("yAxis"), angle: -90, position: "insideLeft", offset: 8, fill: "var(--chart-text)", fontSize: 12, style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => chart("weekOf", { week: f.date(String(p.week)) })} />} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            <Area dataKey="band" name={t("band")} stroke="none" fill="var(--chart-1)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="p50" name={t("p50")} stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
