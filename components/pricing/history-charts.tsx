"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "@/components/charts/chart-utils";
import { formatCurrency, formatDate } from "@/lib/format";
import { axisLabel, dayAxis, dollarAxis } from "./chart-axes";

const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const usd = (v: number) => formatCurrency(Math.round(v * 100));
const palette = ["var(--chart-1)", "var(--chart-3)", "var(--chart-4)", "var(--chart-2)"];

/** Our list price over time as a step line: each price holds from its effective date until the next one. */
export function PriceStepChart({ entries, sku, today }: { entries: { effectiveFrom: string; priceCents: number }[]; sku: string; today: string }) {
  const points = [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map((e) => ({ t: dayMs(e.effectiveFrom), price: e.priceCents / 100 }));
  const last = points[points.length - 1];
  if (!last) return <p className="py-8 text-center text-sm text-gray-600 dark:text-gray-400">No price history recorded.</p>;
  // Carry the latest price to today (or a week past it, if it starts later) so the last step has a width.
  const end = Math.max(dayMs(today), last.t + 7 * 86_400_000);
  const data = [...points, { t: end, price: last.price }];
  const x = dayAxis(data[0]!.t, end);
  const y = dollarAxis(data.map((d) => d.price), 4);
  const first = points[0]!;
  return (
    <div>
      <div className="h-52 w-full" role="img" aria-label={`List price of ${sku} over time`} data-testid="price-step-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, left: 12, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={x.domain} ticks={x.ticks} tickFormatter={x.format} {...axisProps} label={axisLabel("Effective from", "x")} />
            <YAxis {...axisProps} width={64} domain={y.domain} ticks={y.ticks} tickFormatter={y.format} label={axisLabel("List price", "y")} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => `From ${isoOf(Number(t))}`} formatter={(v) => usd(Number(v))} />
            <Line type="stepAfter" dataKey="price" name="list price" stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {points.length === 1 ? `${usd(last.price)} since ${formatDate(isoOf(last.t))}.` : `From ${usd(first.price)} on ${formatDate(isoOf(first.t))} to ${usd(last.price)} since ${formatDate(isoOf(last.t))}, in ${points.length} prices.`}
      </p>
    </div>
  );
}

/** Each competitor's observed price over the last weeks, with our current price as a dashed line for reference. */
export function CompetitorChart({ rows, currentCents, sku }: { rows: { competitor: string; date: string; priceCents: number }[]; currentCents: number; sku: string }) {
  const competitors = [...new Set(rows.map((r) => r.competitor))].sort();
  if (competitors.length === 0) return <p className="py-8 text-center text-sm text-gray-600 dark:text-gray-400">No competitor prices recorded for this product.</p>;
  const byDate = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const point = byDate.get(r.date) ?? { t: dayMs(r.date), ours: currentCents / 100 };
    point[r.competitor] = r.priceCents / 100;
    byDate.set(r.date, point);
  }
  const data = [...byDate.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const times = data.map((d) => d.t ?? 0);
  const x = dayAxis(Math.min(...times), Math.max(...times));
  const y = dollarAxis([...rows.map((r) => r.priceCents / 100), currentCents / 100], 4);
  const latest = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.date.localeCompare(b.date))) latest.set(r.competitor, r.priceCents);
  return (
    <div>
      <div className="h-56 w-full" role="img" aria-label={`Competitor prices of ${sku} over the last weeks`} data-testid="competitor-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, left: 12, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={x.domain} ticks={x.ticks} tickFormatter={x.format} {...axisProps} label={axisLabel("Day observed", "x")} />
            <YAxis {...axisProps} width={64} domain={y.domain} ticks={y.ticks} tickFormatter={y.format} label={axisLabel("Price", "y")} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => isoOf(Number(t))} formatter={(v) => usd(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
            {competitors.map((c, i) => (
              <Line key={c} dataKey={c} name={c} stroke={palette[i % palette.length]} dot={false} connectNulls isAnimationActive={false} />
            ))}
            <Line dataKey="ours" name="our current price" stroke="var(--chart-text)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        Latest competitor prices: {competitors.map((c) => `${c} ${formatCurrency(latest.get(c))}`).join(", ")}; ours {formatCurrency(currentCents)}.
      </p>
    </div>
  );
}
