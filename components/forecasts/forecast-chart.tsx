"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, compactNumber } from "@/components/charts/chart-utils";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { ForecastTooltip } from "./chart-parts";
import { formatMonth } from "./chart-ticks";
import { formatUnits } from "./format";
import { productChartData, type ChartInput } from "./product-chart-data";

/** Red for stockouts reads as a warning in both themes; the palette's four chart colours are taken by the series. */
const STOCKOUT = "#dc2626";

/** One sentence of what the chart shows, for people who cannot see it and as a quick read for those who can. */
function summary(input: ChartInput): string {
  const sold = input.history.reduce((sum, h) => sum + h.units, 0);
  const stockoutWeeks = input.history.filter((h) => h.stockoutDays > 0).length;
  const model = input.weeks.reduce((sum, w) => sum + w.model.p50, 0);
  const adjusted = input.weeks.reduce((sum, w) => sum + w.p50, 0);
  const overrides = input.weeks.filter((w) => w.override).length;
  const history = input.history.length > 0 ? `Last ${input.history.length} weeks with sales: ${formatUnits(sold)} units sold${stockoutWeeks > 0 ? `, ${stockoutWeeks} of them with stockouts` : ""}. ` : "No sales history. ";
  const ahead = `Next ${input.weeks.length} weeks: the model expects ${formatUnits(model)} units (P50)`;
  return `${history}${ahead}${overrides > 0 ? `, ${formatUnits(adjusted)} with the overrides on ${overrides} ${overrides === 1 ? "week" : "weeks"} applied.` : "; no week is overridden."}`;
}

/**
 * One product: last year of weekly actuals (stockout weeks marked), the latest backtest's band next to the actuals it
 * forecast, and the next weeks' model P10-P90 band and P50 with, once a planner overrode a week, the adjusted P50
 * (the model's with the overrides applied) as its own line. Promotions are shaded, holidays are dotted lines; both
 * are named in the tooltip. `coverage` says how often the series' band held the actuals in the backtest.
 */
export function ForecastChart({ input, sku, coverage }: { input: ChartInput; sku: string; coverage?: CoverageNoteText | null }) {
  const { points, domain, xTicks, yTicks, overridden, promotions, holidays, forecastStart } = productChartData(input);
  if (points.length === 0) return <p className="py-16 text-center text-sm text-gray-500 dark:text-gray-400">No history or forecast to draw.</p>;
  const text = summary(input);
  return (
    <figure>
      <div className="h-80 w-full" role="img" aria-label={`Weekly sales and forecast of ${sku}. ${text}`} data-testid="forecast-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 12, right: 12, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              ticks={xTicks}
              tickFormatter={formatMonth}
              minTickGap={8}
              label={{ value: "Week (ticks at month starts)", position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
              {...axisProps}
            />
            <YAxis
              {...axisProps}
              width={56}
              domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]}
              ticks={yTicks}
              allowDecimals
              tickFormatter={(v: number) => compactNumber.format(v)}
              label={{ value: "Units per week", angle: -90, position: "insideLeft", offset: 8, fill: "var(--chart-text)", fontSize: 12, style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => `Week of ${String(p.week)}`} />} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            {promotions.map((p) => (
              <ReferenceArea key={`${p.x1}-${p.x2}-${p.label}`} x1={p.x1} x2={p.x2} fill="var(--chart-2)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />
            ))}
            {holidays.map((h) => (
              <ReferenceLine key={`${h.x}-${h.label}`} x={h.x} stroke="var(--chart-text)" strokeDasharray="2 3" strokeOpacity={0.7} />
            ))}
            <ReferenceLine x={forecastStart} stroke="var(--chart-text)" label={{ value: "forecast →", position: "insideTopLeft", fill: "var(--chart-text)", fontSize: 11 }} />
            <Area dataKey="backtestBand" name="backtest P10–P90" stroke="none" fill="var(--chart-4)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="backtestP50" name="backtest P50" stroke="var(--chart-4)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
            <Area dataKey="band" name="model P10–P90" stroke="none" fill="var(--chart-1)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="modelP50" name="model P50" stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
            {overridden && (
              <Line dataKey="adjustedP50" name="adjusted P50 (overrides applied)" stroke="var(--chart-3)" strokeWidth={2.5} strokeDasharray="6 3" dot={{ r: 2.5, fill: "var(--chart-3)" }} isAnimationActive={false} />
            )}
            <Line dataKey="actual" name="actual sales" stroke="var(--chart-text)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
            <Line dataKey="stockout" name="stockout: sales understate demand" stroke={STOCKOUT} strokeWidth={0} dot={{ r: 4, fill: STOCKOUT, stroke: STOCKOUT }} activeDot={false} legendType="circle" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
        <span className="w-full" data-testid="forecast-chart-summary">
          {text}
        </span>
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
