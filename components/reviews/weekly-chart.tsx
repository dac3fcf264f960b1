"use client";

import { useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { tooltipStyle } from "@/components/forecasts/chart-parts";
import { useFormat } from "@/components/i18n/use-format";
import type { Format } from "@/lib/format";

type Week = { week: string; reviews: number; positiveShare: number | null; stars: number | null };

/** Whole-number ticks for a count axis: 0 to a round top in 4 steps of 1, 2, 5 × 10^k. */
function countTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

type ChartT = ReturnType<typeof useTranslations<"reviews.chart">>;

/** The chart in one sentence: how many reviews over how many weeks, and the positive share at the start and the end. */
function summaryOf(weeks: Week[], t: ChartT, f: Format): string {
  const reviews = weeks.reduce((a, w) => a + w.reviews, 0);
  const shares = weeks.filter((w) => w.positiveShare !== null);
  const first = shares[0]?.positiveShare;
  const last = shares[shares.length - 1]?.positiveShare;
  if (first === undefined || first === null || last === undefined || last === null) return t("summary", { reviews, weeks: weeks.length });
  return t("summaryWithTrend", { reviews, weeks: weeks.length, first: f.percent(first), last: f.percent(last) });
}

/**
 * A product's reviews per week (bars, left axis) and the share of them the model reads as positive (line, right axis,
 * 0–100 %); a week without reviews leaves a gap in the line.
 */
export function WeeklyReviewChart({ weeks, title }: { weeks: Week[]; title: string }) {
  const t = useTranslations("reviews.chart");
  const f = useFormat();
  if (weeks.length === 0) return <p className="py-10 text-center text-sm text-gray-500 dark:text-gray-400">{t("empty")}</p>;
  const data = weeks.map((w) => ({ week: w.week, reviews: w.reviews, share: w.positiveShare === null ? null : Math.round(w.positiveShare * 1000) / 10, stars: w.stars }));
  const ticks = countTicks(Math.max(...weeks.map((w) => w.reviews)));
  return (
    <figure>
      <figcaption className="mb-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="block text-xs text-gray-500 dark:text-gray-400">{t("caption")}</span>
      </figcaption>
      <div className="h-64 w-full" role="img" aria-label={t("label", { title })} data-testid="weekly-review-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="week"
              {...axisProps}
              minTickGap={24}
              tickFormatter={(week: string) => f.shortDay(week)}
              label={{ value: t("weekStarting"), position: "insideBottom", offset: -10, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              yAxisId="reviews"
              {...axisProps}
              width={48}
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1] ?? 1]}
              allowDecimals={false}
              label={{ value: t("reviewsAxis"), angle: -90, position: "insideLeft", fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              yAxisId="share"
              orientation="right"
              {...axisProps}
              width={48}
              domain={[0, 100]}
              ticks={[0, 25, 50, 75, 100]}
              tickFormatter={(v: number) => f.percent(v / 100)}
              label={{ value: t("positiveAxis"), angle: 90, position: "insideRight", fill: "var(--chart-text)", fontSize: 12 }}
            />
            <Tooltip
              contentStyle={tooltipStyle}
              labelFormatter={(label) => t("weekOf", { week: f.date(String(label)) })}
              formatter={(value, _name, item) =>
                item.dataKey === "share" ? (typeof value === "number" ? f.percent(value / 100, 1) : "–") : typeof value === "number" ? f.integer(value) : String(value)
              }
            />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 8 }} verticalAlign="top" />
            <Bar yAxisId="reviews" dataKey="reviews" name={t("reviewsSeries")} fill="var(--chart-1)" fillOpacity={0.35} isAnimationActive={false} />
            <Line yAxisId="share" dataKey="share" name={t("positiveSeries")} stroke="var(--chart-2)" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{summaryOf(weeks, t, f)}</p>
    </figure>
  );
}
