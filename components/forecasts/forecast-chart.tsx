"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, compactNumber } from "@/components/charts/chart-utils";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { ForecastTooltip } from "./chart-parts";
import { productChartData, type ChartInput } from "./product-chart-data";

/** Red for stockouts reads as a warning in both themes; the palette's four chart colours are taken by the series. */
const STOCKOUT = "#dc2626";
const isoOf = (t: number) => new Date(t - 3.5 * 86_400_000).toISOString().slice(0, 10);

/**
 * One product: last year of weekly actuals (stockout weeks marked), the latest backtest's band next to the actuals it
 * forecast, and the next weeks' P10-P90 band with the model P50 and any planner overrides. Promotions are shaded,
 * holidays are dotted lines; both are named in the tooltip. `coverage` says how often the series' band held the
 * actuals in the backtest (absent when none was stored).
 */
export function ForecastChart({ input, sku, coverage }: { input: ChartInput; sku: string; coverage?: CoverageNoteText | null }) {
  const { points, domain, promotions, holidays, forecastStart } = productChartData(input);
  if (points.length === 0) return <p className="py-16 text-center text-sm text-gray-500">No history or forecast to draw.</p>;
  const step = Math.max(1, Math.ceil(points.length / 10));
  const ticks = points.filter((_, i) => i % step === 0).map((p) => p.t);
  return (
    <figure>
      <div className="h-80 w-full" role="img" aria-label={`Weekly sales and forecast of ${sku}`} data-testid="forecast-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 12, right: 12, left: 0, bottom: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={ticks} tickFormatter={(t: number) => isoOf(t)} {...axisProps} />
            <YAxis {...axisProps} width={48} tickFormatter={(v: number) => compactNumber.format(v)} />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => `Week of ${String(p.week)}`} />} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {promotions.map((p) => (
              <ReferenceArea key={`${p.x1}-${p.x2}-${p.label}`} x1={p.x1} x2={p.x2} fill="var(--chart-2)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />
            ))}
            {holidays.map((h) => (
              <ReferenceLine key={`${h.x}-${h.label}`} x={h.x} stroke="var(--chart-text)" strokeDasharray="2 3" strokeOpacity={0.7} />
            ))}
            <ReferenceLine x={forecastStart} stroke="var(--chart-text)" label={{ value: "forecast →", position: "insideTopLeft", fill: "var(--chart-text)", fontSize: 11 }} />
            <Area dataKey="backtestBand" name="backtest P10–P90" stroke="none" fill="var(--chart-4)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="backtestP50" name="backtest P50" stroke="var(--chart-4)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
            <Area dataKey="band" name="forecast P10–P90" stroke="none" fill="var(--chart-1)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="modelP50" name="model P50" stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="overrideP50" name="override (plan P50)" stroke="var(--chart-3)" strokeWidth={2} dot={{ r: 3, fill: "var(--chart-3)" }} isAnimationActive={false} />
            <Line dataKey="actual" name="actual sales" stroke="var(--chart-text)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
            <Line dataKey="stockout" name="stockout: sales understate demand" stroke={STOCKOUT} strokeWidth={0} dot={{ r: 4, fill: STOCKOUT, stroke: STOCKOUT }} activeDot={false} legendType="circle" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
        {coverage && (
          <span>
            P10–P90: <CoverageNote note={coverage} />
          </span>
        )}
        <span>
          <span className="mr-1 inline-block h-3 w-4 align-middle" style={{ background: "var(--chart-2)", opacity: 0.3 }} aria-hidden />
          shaded: promotion{promotions.length === 0 ? " (none in view)" : ""}
        </span>
        <span>
          <span className="mr-1 inline-block w-4 border-t border-dashed align-middle" style={{ borderColor: "var(--chart-text)" }} aria-hidden />
          dotted line: holiday{holidays.length === 0 ? " (none in view)" : ""}
        </span>
        <span>Hover a week for its promotions, holidays and overrides.</span>
      </figcaption>
    </figure>
  );
}
