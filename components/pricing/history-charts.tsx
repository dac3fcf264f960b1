"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { DAY_MS, isoOfMs, startOfDayMs } from "@/lib/dates";
import { axisLabel, dayAxis, dollarAxis } from "./chart-axes";

const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;
const palette = ["var(--chart-1)", "var(--chart-3)", "var(--chart-4)", "var(--chart-2)"];

/** Our list price over time as a step line: each price holds from its effective date until the next one. */
export function PriceStepChart({ entries, sku, today }: { entries: { effectiveFrom: string; priceCents: number }[]; sku: string; today: string }) {
  const t = useTranslations("pricing.history");
  const f = useFormat();
  const usd = (v: number) => f.money(Math.round(v * 100));
  const points = [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map((e) => ({ t: startOfDayMs(e.effectiveFrom), price: e.priceCents / 100 }));
  const last = points[points.length - 1];
  if (!last) return <p className="py-8 text-center text-sm text-gray-600 dark:text-gray-400">{t("noHistory")}</p>;
  // Carry the latest price to today (or a week past it, if it starts later) so the last step has a width.
  const end = Math.max(startOfDayMs(today), last.t + 7 * DAY_MS);
  const data = [...points, { t: end, price: last.price }];
  const x = dayAxis(f, data[0]!.t, end);
  const y = dollarAxis(f, data.map((d) => d.price), 4);
  const first = points[0]!;
  return (
    <div>
      <div className="h-52 w-full" role="img" aria-label={t("stepLabel", { sku })} data-testid="price-step-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, left: 12, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={x.domain} ticks={x.ticks} tickFormatter={x.format} {...axisProps} label={axisLabel(t("effectiveFrom"), "x")} />
            <YAxis {...axisProps} width={64} domain={y.domain} ticks={y.ticks} tickFormatter={y.format} label={axisLabel(t("listPrice"), "y")} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => t("from", { date: f.date(isoOfMs(Number(v))) })} formatter={(v) => usd(Number(v))} />
            <Line type="stepAfter" dataKey="price" name={t("seriesListPrice")} stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {points.length === 1
          ? t("oneSummary", { price: usd(last.price), date: f.date(isoOfMs(last.t)) })
          : t("summary", { first: usd(first.price), firstDate: f.date(isoOfMs(first.t)), last: usd(last.price), lastDate: f.date(isoOfMs(last.t)), count: f.integer(points.length) })}
      </p>
    </div>
  );
}

/** Each competitor's observed price over the last weeks, with our current price as a dashed line for reference. */
export function CompetitorChart({ rows, currentCents, sku }: { rows: { competitor: string; date: string; priceCents: number }[]; currentCents: number; sku: string }) {
  const t = useTranslations("pricing.history");
  const f = useFormat();
  const usd = (v: number) => f.money(Math.round(v * 100));
  const competitors = [...new Set(rows.map((r) => r.competitor))].sort();
  if (competitors.length === 0) return <p className="py-8 text-center text-sm text-gray-600 dark:text-gray-400">{t("noCompetitors")}</p>;
  const byDate = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const point = byDate.get(r.date) ?? { t: startOfDayMs(r.date), ours: currentCents / 100 };
    point[r.competitor] = r.priceCents / 100;
    byDate.set(r.date, point);
  }
  const data = [...byDate.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const times = data.map((d) => d.t ?? 0);
  const x = dayAxis(f, Math.min(...times), Math.max(...times));
  const y = dollarAxis(f, [...rows.map((r) => r.priceCents / 100), currentCents / 100], 4);
  const latest = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.date.localeCompare(b.date))) latest.set(r.competitor, r.priceCents);
  return (
    <div>
      <div className="h-56 w-full" role="img" aria-label={t("competitorLabel", { sku })} data-testid="competitor-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, left: 12, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={x.domain} ticks={x.ticks} tickFormatter={x.format} {...axisProps} label={axisLabel(t("dayObserved"), "x")} />
            <YAxis {...axisProps} width={64} domain={y.domain} ticks={y.ticks} tickFormatter={y.format} label={axisLabel(t("price"), "y")} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => f.date(isoOfMs(Number(v)))} formatter={(v) => usd(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            {competitors.map((c, i) => (
              <Line key={c} dataKey={c} name={c} stroke={palette[i % palette.length]} dot={false} connectNulls isAnimationActive={false} />
            ))}
            <Line dataKey="ours" name={t("ours")} stroke="var(--chart-text)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {t("competitorSummary", { list: f.list(competitors.map((c) => t("competitorEntry", { name: c, price: f.money(latest.get(c)) }))), ours: f.money(currentCents) })}
      </p>
    </div>
  );
}
