"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";

const percent = (v: unknown) => `${Math.round(Number(v) * 100)} %`;

/** Each category's share of the shown slots, with the rules and without them (the table beside it has the numbers). */
export function ExposureChart({ rows }: { rows: { category: string; withRules: number; withoutRules: number }[] }) {
  return (
    <div className="w-full" style={{ height: Math.max(160, rows.length * 34 + 60) }} role="img" aria-label="Share of shown items by category, with and without the rules">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
          <XAxis type="number" {...axisProps} tickFormatter={percent} />
          <YAxis type="category" dataKey="category" {...axisProps} width={120} />
          <Tooltip formatter={percent} contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="withRules" name="With rules" fill="var(--chart-1)" isAnimationActive={false} />
          <Bar dataKey="withoutRules" name="Without rules" fill="var(--chart-3)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
