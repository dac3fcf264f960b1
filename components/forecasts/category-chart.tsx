"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, compactNumber } from "@/components/charts/chart-utils";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { ForecastTooltip } from "./chart-parts";
import { formatWeekStart, niceTicks, weekMonthTicks } from "./chart-ticks";
import { formatUnits } from "./format";

type CategoryWeek = { week: string; p10: number; p50: number; p90: number };

/**
 * Weekly demand of a category (or all products): the sum of product P50s, with the sums of product P10s and P90s
 * around it. A sum of quantiles is not the quantile of the sum, so the band is labelled for what it is; `coverage` is
 * the run's product bands' backtest coverage (lib/forecasts/coverage.ts), printed under it when stored.
 */
export function CategoryChart({ data, title, coverage }: { data: CategoryWeek[]; title: string; coverage?: CoverageNoteText | null }) {
  if (data.length === 0) return <p className="py-10 text-center text-sm text-gray-500 dark:text-gray-400">No forecast lines for this selection.</p>;
  const points = data.map((d) => ({ week: d.week, p50: d.p50, band: [d.p10, d.p90] as [number, number] }));
  const yTicks = niceTicks(0, Math.max(0, ...data.map((d) => d.p90)));
  const total = data.reduce((s, d) => s + d.p50, 0);
  const peak = data.reduce((best, d) => (d.p50 > best.p50 ? d : best), data[0]!);
  const text = `${formatUnits(total)} units over ${data.length} weeks (sum of P50), highest in the week of ${peak.week} at ${formatUnits(peak.p50)}.`;
  return (
    <figure>
      <figcaption className="mb-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="block text-xs text-gray-500 dark:text-gray-400">Shaded: sum of product P10/P90, not a calibrated band. Overrides included.</span>
        <span className="block text-xs text-gray-600 dark:text-gray-400" data-testid="category-chart-summary">
          {text}
        </span>
        <CoverageNote note={coverage} className="block" />
      </figcaption>
      <div className="h-64 w-full" role="img" aria-label={`${title}: weekly P50 forecast with the sum of product P10 and P90. ${text}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 4, right: 8, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="week"
              {...axisProps}
              ticks={weekMonthTicks(data.map((d) => d.week), 6)}
              interval={0}
              tickFormatter={formatWeekStart}
              label={{ value: "Week starting", position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              {...axisProps}
              width={56}
              domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]}
              ticks={yTicks}
              tickFormatter={(v: number) => compactNumber.format(v)}
              label={{ value: "Units per week", angle: -90, position: "insideLeft", offset: 8, fill: "var(--chart-text)", fontSize: 12, style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => `Week of ${String(p.week)}`} />} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            <Area dataKey="band" name="sum of P10 – sum of P90" stroke="none" fill="var(--chart-1)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="p50" name="P50 (sum)" stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
