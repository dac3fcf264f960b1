"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/components/i18n/use-format";
import { ChartFigure } from "./chart-figure";
import { axisLabel, axisProps, summaryFormat, tooltipStyle } from "./chart-utils";

type MetricRow = { metric: string; a: number | null; b: number | null };

/** Two model versions' held-out metrics side by side, one group of bars per metric. */
export function MetricBars({ rows, a, b }: { rows: MetricRow[]; a: string; b: string }) {
  const t = useTranslations("charts.metricBars");
  const f = useFormat();
  const number = summaryFormat(f.locale);
  const valueText = (v: number | null) => (v === null ? t("none") : number.format(v));
  const summary = rows.length
    ? t("summary", { metrics: rows.map((r) => t("metric", { metric: r.metric, a, b, valueA: valueText(r.a), valueB: valueText(r.b) })).join(t("separator")) })
    : t("noMetrics", { a, b });
  return (
    <ChartFigure label={t("label", { a, b })} summary={summary} className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 8, left: 8, bottom: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          {/* Metric names can be long: recharts drops the ones that would overlap rather than print them on top of each other. */}
          <XAxis dataKey="metric" {...axisProps} interval="preserveStartEnd" label={axisLabel(t("metricAxis"), "x")} />
          <YAxis {...axisProps} width={56} tickFormatter={(v: number) => number.format(v)} label={axisLabel(t("valueAxis"), "y")} />
          <Tooltip contentStyle={tooltipStyle} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="a" name={a} fill="var(--chart-1)" isAnimationActive={false} />
          <Bar dataKey="b" name={b} fill="var(--chart-3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
