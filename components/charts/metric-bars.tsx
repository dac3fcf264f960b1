"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "./chart-utils";

/** Two model versions' held-out metrics side by side, one group of bars per metric. */
export function MetricBars({ rows, a, b }: { rows: { metric: string; a: number | null; b: number | null }[]; a: string; b: string }) {
  return (
    <div className="h-56 w-full" role="img" aria-label={`Metrics of ${a} and ${b}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="metric" {...axisProps} />
          <YAxis {...axisProps} width={48} />
          <Tooltip contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="a" name={a} fill="var(--chart-1)" isAnimationActive={false} />
          <Bar dataKey="b" name={b} fill="var(--chart-3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
