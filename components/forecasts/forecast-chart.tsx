"use client";

import { useTranslations } from "next-intl";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { useMessageText } from "@/components/i18n/use-message";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import type { Format } from "@/lib/format";
import { ForecastTooltip } from "./chart-parts";
import { formatMonth } from "./chart-ticks";
import { productChartData, type ChartInput } from "./product-chart-data";

type ChartWords = ReturnType<typeof useTranslations<"forecasts.chart">>;

/** Red for stockouts reads as a warning in both themes; the palette's four chart colours are taken by the series. */
const STOCKOUT = "#dc2626";

/** One sentence of what the chart shows, for people who cannot see it and as a quick read for those who can. */
function summary(input: ChartInput, f: Format, t: ChartWords): string {
  const sold = input.history.reduce((sum, h) => sum + h.units, 0);
  const stockoutWeeks = input.history.filter((h) => h.stockoutDays > 0).length;
  const model = input.weeks.reduce((sum, w) => sum + w.model.p50, 0);
  const adjusted = input.weeks.reduce((sum, w) => sum + w.p50, 0);
  const overrides = input.weeks.filter((w) => w.override).length;
  const history = input.history.length > 0 ? t("summaryHistory", { weeks: input.history.length, sold: f.units(sold), stockouts: stockoutWeeks }) : t("summaryNoHistory");
  return `${history} ${t("summaryAhead", { weeks: input.weeks.length, model: f.units(model), overrides, adjusted: f.units(adjusted) })}`;
}

/**
 * One product: last year of weekly actuals (stockout weeks marked), the latest backtest's band next to the actuals it
 * forecast, and the next weeks' model P10-P90 band and P50 with, once a planner overrode a week, the adjusted P50
 * (the model's with the overrides applied) as its own line. Promotions are shaded, holidays are dotted lines; both
 * are named in the tooltip. `coverage` says how often the series' band held the actuals in the backtest.
 */
export function ForecastChart({ input, sku, coverage }: { input: ChartInput; sku: string; coverage?: CoverageNoteText | null }) {
  const f = useFormat();
  const t = useTranslations("forecasts.chart");
  const { points, domain, xTicks, yTicks, overridden, promotions, holidays, forecastStart } = productChartData(input, f, useMessageText());
  if (points.length === 0) return <p className="py-16 text-center text-sm text-gray-500 dark:text-gray-400">{t("empty")}</p>;
  const text = summary(input, f, t);
  return (
    <figure>
      <div className="h-80 w-full" role="img" aria-label={t("aria", { sku, summary: text })} data-testid="forecast-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 12, right: 12, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              ticks={xTicks}
              tickFormatter={(v: number) => formatMonth(f, v)}
              minTickGap={8}
              label={{ value: t("xAxis"), position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
              {...axisProps}
            />
            <YAxis
              {...axisProps}
              width={56}
              domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]}
              ticks={yTicks}
              allowDecimals
              tickFormatter={(v: number) => f.number(v)}
              label={{ value: t("yAxis"), angle: -90, position: "insideLeft", offset: 8, fill: "var(--chart-text)", fontSize: 12, style: { textAnchor: "middle" } }}
            />
            <Tooltip content={(props) => <ForecastTooltip active={props.active} payload={props.payload} labelFor={(p) => t("weekOf", { week: f.date(String(p.week)) })} />} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            {promotions.map((p) => (
              <ReferenceArea key={`${p.x1}-${p.x2}-${p.label}`} x1={p.x1} x2={p.x2} fill="var(--chart-2)" fillOpacity={0.12} stroke="none" ifOverflow="hidden" />
            ))}
            {holidays.map((h) => (
              <ReferenceLine key={`${h.x}-${h.label}`} x={h.x} stroke="var(--chart-text)" strokeDasharray="2 3" strokeOpacity={0.7} />
            ))}
            <ReferenceLine x={forecastStart} stroke="var(--chart-text)" label={{ value: t("forecastStart"), position: "insideTopLeft", fill: "var(--chart-text)", fontSize: 11 }} />
            <Area dataKey="backtestBand" name={t("backtestBand")} stroke="none" fill="var(--chart-4)" fillOpacity={0.18} isAnimationActive={false} legendType="square" />
            <Line dataKey="backtestP50" name={t("backtestP50")} stroke="var(--chart-4)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
            <Area dataKey="band" name={t("band")} stroke="none" fill="var(--chart-1)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="modelP50" name={t("modelP50")} stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
            {overridden && (
              <Line dataKey="adjustedP50" name={t("adjustedP50")} stroke="var(--chart-3)" strokeWidth={2.5} strokeDasharray="6 3" dot={{ r: 2.5, fill: "var(--chart-3)" }} isAnimationActive={false} />
            )}
            <Line dataKey="actual" name={t("actual")} stroke="var(--chart-text)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
            <Line dataKey="stockout" name={t("stockout")} stroke={STOCKOUT} strokeWidth={0} dot={{ r: 4, fill: STOCKOUT, stroke: STOCKOUT }} activeDot={false} legendType="circle" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
        <span className="w-full" data-testid="forecast-chart-summary">
          {text}
        </span>
        {coverage && (
          <span>
            {t("bandCoverage")} <CoverageNote note={coverage} />
          </span>
        )}
        <span>
          <span className="mr-1 inline-block h-3 w-4 align-middle" style={{ background: "var(--chart-2)", opacity: 0.3 }} aria-hidden />
          {promotions.length === 0 ? t("promotionNone") : t("promotion")}
        </span>
        <span>
          <span className="mr-1 inline-block w-4 border-t border-dashed align-middle" style={{ borderColor: "var(--chart-text)" }} aria-hidden />
          {holidays.length === 0 ? t("holidayNone") : t("holiday")}
        </span>
        <span>{t("hover")}</span>
      </figcaption>
    </figure>
  );
}
