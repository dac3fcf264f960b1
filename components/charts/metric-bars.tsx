"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./chart-figure";
import { axisLabel, axisProps, summaryNumber, tooltipStyle } from "./chart-utils";

type MetricRow = { metric: string; a: number | null; b: number | null };

const valueText = (v: number | null) => (v === null ? "none" : summaryNumber.format(v));

/** Two model versions' held-out metrics side by side, one group of bars per metric. */
export function MetricBars({ rows, a, b }: { rows: MetricRow[]; a: string; b: string }) {
  const summary = rows.length
    ? `${rows.map((r) => `${r.metric}: ${valueText(r.a)} for ${a}, ${valueText(r.b)} for ${b}`).join("; ")}.`
    : `Neither ${a} nor ${b} has held-out metrics.`;
  return (
    <ChartFigure label={`Held-out metrics of ${a} and ${b}, side by side`} summary={summary} className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 8, left: 8, bottom: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          {/* Metric names can be long: recharts drops the ones that would overlap rather than print them on top of each other. */}
          <XAxis dataKey="metric" {...axisProps} interval="preserveStartEnd" label={axisLabel("Metric", "x")} />
          <YAxis {...axisProps} width={56} tickFormatter={(v: number) => summaryNumber.format(v)} label={axisLabel("Value", "y")} />
          <Tooltip contentStyle={tooltipStyle} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="a" name={a} fill="var(--chart-1)" isAnimationActive={false} />
          <Bar dataKey="b" name={b} fill="var(--chart-3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
