"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { axisProps } from "@/components/charts/chart-utils";
import { useFormat } from "@/components/i18n/use-format";
import { niceTicks, type Format } from "@/lib/format";

const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;
/** A share as the charts show it, in whole percent ("42 %"). */
const percentOf = (f: Format) => (v: number) => f.percent(v, 0);
/** A cost per 1,000 payments, in whole dollars (the costs are typed in dollars). */
const dollarsOf = (f: Format) => (v: number) => f.money(v * 100, { whole: true });
const axisLabel = { fill: "var(--chart-text)", fontSize: 12 } as const;

/** A threshold marked on the charts: the review and block thresholds in force, the cheapest one, the one being tried. */
export type ThresholdMarker = { key: string; label: string; threshold: number; precision: number; recall: number; color: string };

type PrPoint = { threshold: number; precision: number; recall: number };

function PrTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const t = useTranslations("fraud.charts");
  const f = useFormat();
  const pct = percentOf(f);
  const p = payload?.[0]?.payload as PrPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border p-2 text-xs shadow-sm" style={tooltipStyle}>
      <p className="font-medium">{t("thresholdTooltip", { threshold: f.number(p.threshold, 3) })}</p>
      <p>{t("precisionRecall", { precision: pct(p.precision), recall: pct(p.recall) })}</p>
    </div>
  );
}

/**
 * The marked thresholds named below the chart, not on it: labels drawn beside dots that sit close together (review
 * and cheapest often do) overlap and cannot be read.
 */
function MarkerKey({ markers, describe }: { markers: ThresholdMarker[]; describe: (m: ThresholdMarker) => string }) {
  if (markers.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700 dark:text-gray-300">
      {markers.map((m) => (
        <li key={m.key} className="inline-flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: m.color }} aria-hidden="true" />
          <span>
            <span className="font-medium">{m.label}</span> {describe(m)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Precision against recall over every threshold of the champion's held-out evaluation (the precision-recall curve;
 * with rare fraud it says more than ROC), with the marked thresholds as dots. The precision axis starts near the
 * lowest precision the curve reaches, so the part that matters is not squeezed against the top of the frame.
 */
export function PrCurveChart({ points, markers }: { points: PrPoint[]; markers: ThresholdMarker[] }) {
  const t = useTranslations("fraud.charts");
  const f = useFormat();
  const pct = percentOf(f);
  const two = (v: number) => f.number(v, 2);
  // Highest threshold first: recall grows along the line.
  const data = [...points].sort((a, b) => b.threshold - a.threshold);
  const precisions = [...data.map((p) => p.precision), ...markers.map((m) => m.precision)];
  const recalls = [...data.map((p) => p.recall), ...markers.map((m) => m.recall)];
  const y = niceTicks(Math.min(...precisions), Math.max(...precisions), { count: 6, maxTicks: 6, bounds: [0, 1] });
  const x = niceTicks(Math.min(...recalls), Math.max(...recalls), { count: 6, maxTicks: 6, bounds: [0, 1] });
  const bestF = data.reduce<PrPoint | null>((best, p) => (best === null || p.precision * p.recall > best.precision * best.recall ? p : best), null);
  const summary =
    data.length === 0
      ? t("noCurve")
      : [
          t("prSummary", {
            count: f.integer(data.length),
            minPrecision: pct(Math.min(...precisions)),
            maxPrecision: pct(Math.max(...precisions)),
            minRecall: pct(Math.min(...recalls)),
            maxRecall: pct(Math.max(...recalls)),
          }),
          ...markers.map((m) => t("prMarker", { label: m.label, threshold: two(m.threshold), precision: pct(m.precision), recall: pct(m.recall) })),
        ].join(" ");
  return (
    <figure>
      <div className="h-72 w-full" role="img" aria-label={t("prLabel")} data-testid="pr-curve">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 16, left: 8, bottom: 24 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis
              dataKey="recall"
              type="number"
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={(v: number) => pct(v)}
              {...axisProps}
              label={{ value: t("recallAxis"), position: "insideBottom", offset: -16, ...axisLabel }}
            />
            <YAxis type="number" domain={y.domain} ticks={y.ticks} tickFormatter={pct} {...axisProps} width={48} label={{ value: t("precisionAxis"), angle: -90, position: "insideLeft", offset: 4, ...axisLabel }} />
            <Tooltip content={(props) => <PrTooltip active={props.active} payload={props.payload} />} />
            <Line dataKey="precision" name={t("precisionSeries")} stroke="var(--chart-1)" dot={false} isAnimationActive={false} type="linear" />
            {markers.map((m) => (
              <ReferenceDot key={m.key} x={m.recall} y={m.precision} r={5} fill={m.color} stroke="var(--tooltip-bg)" />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <MarkerKey markers={markers} describe={(m) => t("prMarkerKey", { threshold: two(m.threshold), precision: pct(m.precision), recall: pct(m.recall) })} />
      <figcaption className="sr-only">
        {summary}
        {bestF ? ` ${t("prBest", { threshold: two(bestF.threshold) })}` : ""}
      </figcaption>
    </figure>
  );
}

/**
 * How far up the cost axis goes. The curve's far left (flag nearly everything: a review for every payment) costs
 * many times what any sensible threshold does; an axis stretched to it flattens the part around the thresholds into
 * the floor. So the axis covers the costs up to a quarter above the dearest marked threshold, and says what it cuts off.
 */
function costCeiling(costs: number[], markerCosts: number[]): number {
  const max = Math.max(...costs);
  if (markerCosts.length === 0) return max;
  return Math.min(max, 1.25 * Math.max(...markerCosts));
}

/**
 * Where the curve leaves the chart, in words: "below 0.02 and above 0.97". `over` flags each point of the curve
 * (sorted by threshold) that runs off the top; each run of them is named by the thresholds around it.
 */
function whereCut(data: { threshold: number }[], over: boolean[], t: ReturnType<typeof useTranslations<"fraud.charts">>, f: Format): string {
  // Three decimals next to 0 and 1, where two would say "below 0.00".
  const fmt = (v: number) => f.number(v, v < 0.01 || v > 0.99 ? 3 : 2);
  const runs: string[] = [];
  for (let i = 0; i < data.length; i++) {
    if (!over[i] || over[i - 1]) continue;
    let j = i;
    while (over[j + 1]) j++;
    const before = data[i - 1]?.threshold;
    const after = data[j + 1]?.threshold;
    if (before === undefined && after === undefined) runs.push(t("everyThreshold"));
    else if (before === undefined) runs.push(t("below", { threshold: fmt(after!) }));
    else if (after === undefined) runs.push(t("above", { threshold: fmt(before) }));
    else runs.push(t("between", { from: fmt(before), to: fmt(after) }));
  }
  return f.list(runs);
}

/** Expected cost per 1,000 payments at each threshold, with the marked thresholds as vertical lines. */
export function CostChart({ points, markers }: { points: { threshold: number; cost: number }[]; markers: ThresholdMarker[] }) {
  const t = useTranslations("fraud.charts");
  const f = useFormat();
  const usd = dollarsOf(f);
  const two = (v: number) => f.number(v, 2);
  const data = [...points].sort((a, b) => a.threshold - b.threshold);
  const costs = data.map((p) => p.cost);
  const costAt = (t: number) => data.reduce<{ threshold: number; cost: number } | null>((best, p) => (best === null || Math.abs(p.threshold - t) < Math.abs(best.threshold - t) ? p : best), null)?.cost;
  const markerCosts = markers.map((m) => costAt(m.threshold)).filter((c): c is number => c !== undefined);
  const ceiling = costCeiling(costs, markerCosts);
  const y = niceTicks(Math.min(...costs), ceiling, { count: 6, maxTicks: 6, bounds: [0, Number.POSITIVE_INFINITY] });
  const x = niceTicks(Math.min(...data.map((p) => p.threshold)), Math.max(...data.map((p) => p.threshold)), { count: 6, maxTicks: 6, bounds: [0, 1] });
  const over = data.map((p) => p.cost > y.domain[1]);
  const cheapest = data.reduce<{ threshold: number; cost: number } | null>((best, p) => (best === null || p.cost < best.cost ? p : best), null);
  const summary =
    data.length === 0
      ? t("noCurve")
      : [
          t("costSummary", { min: usd(Math.min(...costs)), max: usd(Math.max(...costs)), from: two(data[0]!.threshold), to: two(data.at(-1)!.threshold) }),
          cheapest ? t("costCheapest", { cost: usd(cheapest.cost), threshold: two(cheapest.threshold) }) : "",
        ].join(" ");
  return (
    <figure>
      <div className="h-72 w-full" role="img" aria-label={t("costLabel")} data-testid="cost-curve">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 16, left: 8, bottom: 24 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="threshold"
              type="number"
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={(v: number) => f.number(v, 1)}
              {...axisProps}
              label={{ value: t("thresholdAxis"), position: "insideBottom", offset: -16, ...axisLabel }}
            />
            <YAxis type="number" domain={y.domain} ticks={y.ticks} allowDataOverflow {...axisProps} width={60} tickFormatter={(v: number) => usd(v)} label={{ value: t("costAxis"), angle: -90, position: "insideLeft", offset: 0, ...axisLabel }} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => t("thresholdTooltip", { threshold: f.number(Number(v), 3) })} formatter={(v) => t("costTooltip", { cost: f.money(Number(v) * 100) })} />
            <Line dataKey="cost" name={t("costSeries")} stroke="var(--chart-1)" dot={false} isAnimationActive={false} />
            {markers.map((m) => (
              <ReferenceLine key={m.key} x={m.threshold} stroke={m.color} strokeDasharray={m.key === "best" ? "4 3" : undefined} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <MarkerKey
        markers={markers}
        describe={(m) => {
          const c = costAt(m.threshold);
          return c === undefined ? two(m.threshold) : t("costMarkerKey", { threshold: two(m.threshold), cost: usd(c) });
        }}
      />
      {over.some(Boolean) && (
        <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
          {t("costCut", { where: whereCut(data, over, t, f), ceiling: usd(y.domain[1]), max: usd(Math.max(...costs)) })}
        </p>
      )}
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}

/**
 * Payments allowed, sent to review and blocked per day (each payment once, with its latest decision). Allowed
 * payments dwarf the flagged ones, so the allowed bars can be hidden to read the review and block volumes.
 */
export function FlagVolumeChart({ days }: { days: { day: string; allow: number; review: number; block: number }[] }) {
  const t = useTranslations("fraud.charts");
  const f = useFormat();
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const totals = days.map((d) => (flaggedOnly ? 0 : d.allow) + d.review + d.block);
  const y = niceTicks(0, Math.max(1, ...totals), { count: 6, maxTicks: 6 });
  const sum = (k: "allow" | "review" | "block") => f.integer(days.reduce((s, d) => s + d[k], 0));
  const summary = t("volumeSummary", { count: days.length, allowed: sum("allow"), review: sum("review"), blocked: sum("block") });
  return (
    <figure>
      <label className="mb-2 flex items-center gap-2 text-xs text-gray-600 dark:text-gray-400">
        <input type="checkbox" className="h-4 w-4" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} />
        {t("flaggedOnly")}
      </label>
      <div className="h-64 w-full" role="img" aria-label={t("volumeLabel")} data-testid="flag-volume">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 4, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="day" {...axisProps} minTickGap={24} tickFormatter={(d: string) => f.shortDay(d)} />
            <YAxis {...axisProps} width={48} domain={y.domain} ticks={y.ticks.filter((t) => Number.isInteger(t))} allowDecimals={false} label={{ value: t("paymentsAxis"), angle: -90, position: "insideLeft", offset: 0, ...axisLabel }} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(d) => f.date(String(d))} formatter={(v) => f.integer(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span style={{ color: "var(--chart-text)" }}>{value}</span>} />
            {!flaggedOnly && <Bar dataKey="allow" name={t("allowed")} stackId="d" fill="var(--chart-2)" isAnimationActive={false} />}
            <Bar dataKey="review" name={t("review")} stackId="d" fill="var(--chart-3)" isAnimationActive={false} />
            <Bar dataKey="block" name={t("blocked")} stackId="d" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
