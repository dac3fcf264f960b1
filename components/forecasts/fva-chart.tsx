"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { niceTicks } from "./chart-ticks";

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
  // The axis always shows zero (helped right of it, hurt left) and fits the largest bar either way.
  const ticks = niceTicks(Math.min(0, ...data.map((d) => d.hurt)), Math.max(0, ...data.map((d) => d.helped)));
  const text = data.map((d) => `${d.planner} ${d.helped > 0 ? `+${d.helped}` : d.hurt < 0 ? d.hurt : 0} %`).join(", ");
  return (
    <figure>
      <div className="w-full" style={{ height: 88 + 36 * data.length }} role="img" aria-label={`Forecast value added by planner, in percent: ${text}.`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
            <XAxis
              type="number"
              {...axisProps}
              domain={[ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1]}
              ticks={ticks}
              tickFormatter={(v: number) => `${v} %`}
              label={{ value: "Forecast value added (%)", position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis type="category" dataKey="planner" {...axisProps} width={128} tickFormatter={(v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v)} />
            <ReferenceLine x={0} stroke="var(--chart-text)" />
            <Tooltip
              formatter={(v) => `${Number(v) > 0 ? "+" : ""}${Number(v).toFixed(1)} %`}
              contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            <Bar dataKey="helped" name="Overrides helped" stackId="fva" fill="var(--chart-2)" isAnimationActive={false} />
            <Bar dataKey="hurt" name="Overrides hurt" stackId="fva" fill="var(--chart-3)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-gray-600 dark:text-gray-400">Planners&apos; forecast value added: {text}. Right of zero the overrides beat the model.</figcaption>
    </figure>
  );
}
