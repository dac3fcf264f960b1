"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, compactNumber } from "@/components/charts/chart-utils";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { ForecastTooltip } from "./chart-parts";

type CategoryWeek = { week: string; p10: number; p50: number; p90: number };

/**
 * Weekly demand of a category (or all products): the sum of product P50s, with the sums of product P10s and P90s
 * around it. A sum of quantiles is not the quantile of the sum, so the band is labelled for what it is; `coverage` is
 * the run's product bands' backtest coverage (lib/forecasts/coverage.ts), printed under it when stored.
 */
export function CategoryChart({ data, title, coverage }: { data: CategoryWeek[]; title: string; coverage?: CoverageNoteText | null }) {
  if (data.length === 0) return <p className="py-10 text-center text-sm text-gray-500">No forecast lines for this selection.</p>;
  const points = data.map((d) => ({ week: d.week, p50: d.p50, band: [d.p10, d.p90] as [number, number] }));
  return (
    <figure>
      <figcaption className="mb-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="block text-xs text-gray-500">Shaded: sum of product P10/P90, not a calibrated band. Overrides included.</span>
        <CoverageNote note={coverage} className="block" />
      </figcaption>
      <div className="h-56 w-full" role="img" aria-label={`${title}: weekly P50 forecast with the sum of product P10 and P90`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="week" {...axisProps} minTickGap={24} />
            <YAxis {...axisProps} width={48} tickFormatter={(v: number) => compactNumber.format(v)} />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => `Week of ${String(p.week)}`} />} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area dataKey="band" name="sum of P10 – sum of P90" stroke="none" fill="var(--chart-1)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="p50" name="P50 (sum)" stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
