"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { niceTicks } from "@/lib/format";

/** Each category's share of the shown slots, with the rules and without them (the table beside it has the numbers). */
export function ExposureChart({ rows }: { rows: { category: string; withRules: number; withoutRules: number }[] }) {
  const t = useTranslations("recommendations.chart");
  const f = useFormat();
  const percent = (v: unknown) => f.percent(Number(v));
  // Shares from 0 to a round top just above the largest one, so small categories are not squeezed against 100 %.
  const { domain, ticks } = niceTicks(0, Math.max(0.01, ...rows.flatMap((r) => [r.withRules, r.withoutRules])), 5);
  return (
    <div>
      <div className="w-full" style={{ height: Math.max(180, rows.length * 34 + 84) }} role="img" aria-label={t("label")}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, left: 0, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
            <XAxis
              type="number"
              {...axisProps}
              domain={domain}
              ticks={ticks}
              tickFormatter={percent}
              label={{ value: t("axis"), position: "insideBottom", offset: -12, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis type="category" dataKey="category" {...axisProps} width={110} />
            <Tooltip formatter={percent} contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} verticalAlign="top" />
            <Bar dataKey="withRules" name={t("withRules")} fill="var(--chart-1)" isAnimationActive={false} />
            <Bar dataKey="withoutRules" name={t("withoutRules")} fill="var(--chart-3)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{rows.map((r) => t("summaryItem", { category: r.category, withRules: percent(r.withRules), withoutRules: percent(r.withoutRules) })).join("; ")}.</p>
    </div>
  );
}
