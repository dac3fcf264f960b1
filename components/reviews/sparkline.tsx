"use client";

import { useTranslations } from "next-intl";
import { Line, LineChart, YAxis } from "recharts";
import { useFormat } from "@/components/i18n/use-format";

/**
 * A product's positive share per week (the last 12), as a tiny line on a fixed 0–100 % scale so rows compare; a week
 * without reviews is a gap, not a zero.
 */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const t = useTranslations("reviews.sparkline");
  const f = useFormat();
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="text-xs text-gray-500 dark:text-gray-400">{t("empty")}</span>;
  const data = values.map((v, i) => ({ i, share: v === null ? null : Math.round(v * 100) }));
  const words = values.map((v) => (v === null ? t("noReviews") : f.percent(v))).join(", ");
  return (
    <span role="img" aria-label={t("label", { sku: label, values: words })} className="inline-block">
      <LineChart width={96} height={24} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={[0, 100]} />
        <Line dataKey="share" stroke="var(--chart-1)" strokeWidth={1.5} dot={known.length === 1} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
