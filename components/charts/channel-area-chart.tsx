"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/components/i18n/use-format";
import { niceTicks } from "@/lib/format";
import { axisProps, channelColors, compactFormat } from "./chart-utils";

type Point = { period: string } & Record<string, number | string>;

/** Stacked areas, one per channel, so the total and each channel's part read at a glance. */
export function ChannelAreaChart({
  data,
  channels,
  unit,
  grain,
  label,
  summary,
}: {
  data: Point[];
  /** Channel codes (the data's keys) with the names people know them by, from the channels table. */
  channels: { key: string; name: string }[];
  unit: "money" | "units";
  grain: "day" | "week";
  label: string;
  /** One sentence with the values, read to screen readers in place of the picture. */
  summary: string;
}) {
  const t = useTranslations("charts.channels");
  const f = useFormat();
  if (data.length === 0) return <p className="py-16 text-center text-sm text-gray-600 dark:text-gray-400">{t("empty")}</p>;
  const totals = data.map((p) => channels.reduce((sum, c) => sum + (typeof p[c.key] === "number" ? (p[c.key] as number) : 0), 0));
  // Stacked areas start at zero; the top is the largest total rounded up to a nice tick.
  const { domain, ticks } = niceTicks(0, Math.max(...totals), 5);
  const compact = compactFormat(f.locale, unit === "money" ? f.currency : undefined);
  const tick = (v: number) => compact.format(v);
  const value = (v: number) => (unit === "money" ? f.money(Math.round(v * 100), { whole: true }) : f.integer(v));
  return (
    <div>
      <div className="h-72 w-full" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="period"
              {...axisProps}
              minTickGap={32}
              tickFormatter={(v: string) => f.shortDay(v)}
              label={{ value: grain === "week" ? t("weekStarting") : t("day"), position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              {...axisProps}
              width={64}
              domain={domain}
              ticks={ticks}
              tickFormatter={tick}
              label={{ value: unit === "money" ? t("revenue", { currency: f.currency }) : t("units"), angle: -90, position: "insideLeft", fill: "var(--chart-text)", fontSize: 12, dy: 40 }}
            />
            <Tooltip
              formatter={(v) => value(Number(v))}
              labelFormatter={(l) => (grain === "week" ? t("weekOf", { date: f.date(String(l)) }) : f.date(String(l)))}
              contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            {channels.map((c) => (
              <Area key={c.key} type="monotone" dataKey={c.key} name={c.name} stackId="1" stroke={channelColors[c.key]} fill={channelColors[c.key]} fillOpacity={0.25} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{summary}</p>
    </div>
  );
}
