"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { niceTicks } from "./chart-ticks";

/**
 * FVA per planner as horizontal bars, right of zero when the overrides beat the model. Two series share one stack so
 * a planner's bar takes the colour of its sign and the legend says which is which.
 */
export function FvaChart({ rows }: { rows: { planner: string; fva: number | null }[] }) {
  const f = useFormat();
  const t = useTranslations("forecasts.fva");
  const data = rows
    .filter((r) => r.fva !== null)
    .map((r) => {
      const pct = Math.round(r.fva! * 1000) / 10;
      return { planner: r.planner, helped: pct > 0 ? pct : 0, hurt: pct < 0 ? pct : 0 };
    });
  if (data.length === 0) return null;
  // The axis always shows zero (helped right of it, hurt left) and fits the largest bar either way.
  const ticks = niceTicks(Math.min(0, ...data.map((d) => d.hurt)), Math.max(0, ...data.map((d) => d.helped)));
  // Bars are in percent points; the words take the share again (12.5 -> "+12.5 %").
  const signed = (pct: number) => f.signedPercent(pct / 100, 1);
  const text = f.list(data.map((d) => t("chartEntry", { planner: d.planner, value: signed(d.helped > 0 ? d.helped : d.hurt) })));
  return (
    <figure>
      <div className="w-full" style={{ height: 88 + 36 * data.length }} role="img" aria-label={t("chartAria", { list: text })}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, left: 4, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
            <XAxis
              type="number"
              {...axisProps}
              domain={[ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1]}
              ticks={ticks}
              tickFormatter={(v: number) => f.percent(v / 100, Number.isInteger(v) ? 0 : 1)}
              label={{ value: t("chartAxis"), position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis type="category" dataKey="planner" {...axisProps} width={128} tickFormatter={(v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v)} />
            <ReferenceLine x={0} stroke="var(--chart-text)" />
            <Tooltip
              formatter={(v) => signed(Number(v))}
              contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            <Bar dataKey="helped" name={t("helped")} stackId="fva" fill="var(--chart-2)" isAnimationActive={false} />
            <Bar dataKey="hurt" name={t("hurt")} stackId="fva" fill="var(--chart-3)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-gray-600 dark:text-gray-400">{t("chartCaption", { list: text })}</figcaption>
    </figure>
  );
}
