"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";

/**
 * FVA per planner as horizontal bars, right of zero when the overrides beat the model. Two series share one stack so
 * a planner's bar takes the colour of its sign and the legend says which is which.
 */
export function FvaChart({ rows }: { rows: { planner: string; fva: number | null }[] }) {
  const data = rows
    .filter((r) => r.fva !== null)
    .map((r) => {
      const pct = Math.round(r.fva! * 1000) / 10;
      return { planner: r.planner, helped: pct > 0 ? pct : 0, hurt: pct < 0 ? pct : 0 };
    });
  if (data.length === 0) return null;
  return (
    <div className="w-full" style={{ height: 64 + 36 * data.length }} role="img" aria-label="Forecast value added by planner, in percent">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
          <XAxis type="number" {...axisProps} tickFormatter={(v: number) => `${v} %`} />
          <YAxis type="category" dataKey="planner" {...axisProps} width={180} />
          <ReferenceLine x={0} stroke="var(--chart-text)" />
          <Tooltip
            formatter={(v) => `${Number(v) > 0 ? "+" : ""}${Number(v).toFixed(1)} %`}
            contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="helped" name="Overrides helped" stackId="fva" fill="var(--chart-2)" isAnimationActive={false} />
          <Bar dataKey="hurt" name="Overrides hurt" stackId="fva" fill="var(--chart-3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
