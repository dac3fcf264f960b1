"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useState } from "react";
import { axisProps } from "@/components/charts/chart-utils";
import { niceScale } from "./chart-scale";

const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;
const axisLabel = { fill: "var(--chart-text)", fontSize: 12 } as const;

/** A threshold marked on the charts: the review and block thresholds in force, the cheapest one, the one being tried. */
export type ThresholdMarker = { key: string; label: string; threshold: number; precision: number; recall: number; color: string };

type PrPoint = { threshold: number; precision: number; recall: number };

function PrTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const p = payload?.[0]?.payload as PrPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border p-2 text-xs shadow-sm" style={tooltipStyle}>
      <p className="font-medium">Threshold {p.threshold.toFixed(3)}</p>
      <p>
        Precision {pct(p.precision)} · recall {pct(p.recall)}
      </p>
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
  // Highest threshold first: recall grows along the line.
  const data = [...points].sort((a, b) => b.threshold - a.threshold);
  const precisions = [...data.map((p) => p.precision), ...markers.map((m) => m.precision)];
  const recalls = [...data.map((p) => p.recall), ...markers.map((m) => m.recall)];
  const y = niceScale(Math.min(...precisions), Math.max(...precisions), { maxTicks: 6, bounds: [0, 1] });
  const x = niceScale(Math.min(...recalls), Math.max(...recalls), { maxTicks: 6, bounds: [0, 1] });
  const bestF = data.reduce<PrPoint | null>((best, p) => (best === null || p.precision * p.recall > best.precision * best.recall ? p : best), null);
  const summary =
    data.length === 0
      ? "No curve to show."
      : `Over ${data.length} thresholds, precision runs from ${pct(Math.min(...precisions))} to ${pct(Math.max(...precisions))} as recall runs from ${pct(Math.min(...recalls))} to ${pct(Math.max(...recalls))}${
          markers.length ? `; ${markers.map((m) => `${m.label} at ${m.threshold.toFixed(2)}: precision ${pct(m.precision)}, recall ${pct(m.recall)}`).join("; ")}` : ""
        }.`;
  return (
    <figure>
      <div className="h-72 w-full" role="img" aria-label="Precision-recall curve: precision against recall at every threshold" data-testid="pr-curve">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 16, left: 8, bottom: 24 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis
              dataKey="recall"
              type="number"
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={pct}
              {...axisProps}
              label={{ value: "Recall (share of fraud caught)", position: "insideBottom", offset: -16, ...axisLabel }}
            />
            <YAxis type="number" domain={y.domain} ticks={y.ticks} tickFormatter={pct} {...axisProps} width={48} label={{ value: "Precision", angle: -90, position: "insideLeft", offset: 4, ...axisLabel }} />
            <Tooltip content={(props) => <PrTooltip active={props.active} payload={props.payload} />} />
            <Line dataKey="precision" name="precision" stroke="var(--chart-1)" dot={false} isAnimationActive={false} type="linear" />
            {markers.map((m) => (
              <ReferenceDot key={m.key} x={m.recall} y={m.precision} r={5} fill={m.color} stroke="var(--tooltip-bg)" />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <MarkerKey markers={markers} describe={(m) => `${m.threshold.toFixed(2)}: precision ${pct(m.precision)}, recall ${pct(m.recall)}`} />
      <figcaption className="sr-only">
        {summary}
        {bestF ? ` The best balance (highest precision × recall) is at threshold ${bestF.threshold.toFixed(2)}.` : ""}
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
function whereCut(data: { threshold: number }[], over: boolean[]): string {
  // Three decimals next to 0 and 1, where two would say "below 0.00".
  const fmt = (t: number) => t.toFixed(t < 0.01 || t > 0.99 ? 3 : 2);
  const runs: string[] = [];
  for (let i = 0; i < data.length; i++) {
    if (!over[i] || over[i - 1]) continue;
    let j = i;
    while (over[j + 1]) j++;
    const before = data[i - 1]?.threshold;
    const after = data[j + 1]?.threshold;
    if (before === undefined && after === undefined) runs.push("every threshold");
    else if (before === undefined) runs.push(`below ${fmt(after!)}`);
    else if (after === undefined) runs.push(`above ${fmt(before)}`);
    else runs.push(`between ${fmt(before)} and ${fmt(after)}`);
  }
  return runs.join(" and ");
}

/** Expected cost per 1,000 payments at each threshold, with the marked thresholds as vertical lines. */
export function CostChart({ points, markers }: { points: { threshold: number; cost: number }[]; markers: ThresholdMarker[] }) {
  const data = [...points].sort((a, b) => a.threshold - b.threshold);
  const costs = data.map((p) => p.cost);
  const costAt = (t: number) => data.reduce<{ threshold: number; cost: number } | null>((best, p) => (best === null || Math.abs(p.threshold - t) < Math.abs(best.threshold - t) ? p : best), null)?.cost;
  const markerCosts = markers.map((m) => costAt(m.threshold)).filter((c): c is number => c !== undefined);
  const ceiling = costCeiling(costs, markerCosts);
  const y = niceScale(Math.min(...costs), ceiling, { maxTicks: 6, bounds: [0, Number.POSITIVE_INFINITY] });
  const x = niceScale(Math.min(...data.map((p) => p.threshold)), Math.max(...data.map((p) => p.threshold)), { maxTicks: 6, bounds: [0, 1] });
  const over = data.map((p) => p.cost > y.domain[1]);
  const cheapest = data.reduce<{ threshold: number; cost: number } | null>((best, p) => (best === null || p.cost < best.cost ? p : best), null);
  const summary =
    data.length === 0
      ? "No curve to show."
      : `Expected cost per 1,000 payments runs from ${usd(Math.min(...costs))} to ${usd(Math.max(...costs))} over thresholds ${data[0]!.threshold.toFixed(2)} to ${data.at(-1)!.threshold.toFixed(2)}${
          cheapest ? `; the cheapest is ${usd(cheapest.cost)} at ${cheapest.threshold.toFixed(2)}` : ""
        }.`;
  return (
    <figure>
      <div className="h-72 w-full" role="img" aria-label="Expected cost per 1,000 payments by threshold" data-testid="cost-curve">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 16, left: 8, bottom: 24 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="threshold"
              type="number"
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={(v: number) => v.toFixed(1)}
              {...axisProps}
              label={{ value: "Threshold (flag at this score or above)", position: "insideBottom", offset: -16, ...axisLabel }}
            />
            <YAxis type="number" domain={y.domain} ticks={y.ticks} allowDataOverflow {...axisProps} width={60} tickFormatter={usd} label={{ value: "Cost per 1,000", angle: -90, position: "insideLeft", offset: 0, ...axisLabel }} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => `Threshold ${Number(t).toFixed(3)}`} formatter={(v) => `$${Number(v).toFixed(2)} per 1,000 payments`} />
            <Line dataKey="cost" name="expected cost" stroke="var(--chart-1)" dot={false} isAnimationActive={false} />
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
          return `${m.threshold.toFixed(2)}${c === undefined ? "" : `: ${usd(c)} per 1,000`}`;
        }}
      />
      {over.some(Boolean) && (
        <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
          At thresholds {whereCut(data, over)} the cost climbs past {usd(y.domain[1])} (up to {usd(Math.max(...costs))}) and runs off the top of the chart.
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
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const totals = days.map((d) => (flaggedOnly ? 0 : d.allow) + d.review + d.block);
  const y = niceScale(0, Math.max(1, ...totals), { maxTicks: 6 });
  const sum = (k: "allow" | "review" | "block") => days.reduce((s, d) => s + d[k], 0).toLocaleString("en-US");
  const summary = `Over ${days.length} days: ${sum("allow")} payments allowed, ${sum("review")} sent to review and ${sum("block")} blocked.`;
  return (
    <figure>
      <label className="mb-2 flex items-center gap-2 text-xs text-gray-600 dark:text-gray-400">
        <input type="checkbox" className="h-4 w-4" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} />
        Flagged payments only (hide allowed)
      </label>
      <div className="h-64 w-full" role="img" aria-label="Payments allowed, reviewed and blocked per day" data-testid="flag-volume">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 4, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="day" {...axisProps} minTickGap={24} tickFormatter={(d: string) => d.slice(5)} />
            <YAxis {...axisProps} width={48} domain={y.domain} ticks={y.ticks.filter((t) => Number.isInteger(t))} allowDecimals={false} label={{ value: "Payments", angle: -90, position: "insideLeft", offset: 0, ...axisLabel }} />
            <Tooltip contentStyle={tooltipStyle} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span style={{ color: "var(--chart-text)" }}>{value}</span>} />
            {!flaggedOnly && <Bar dataKey="allow" name="allowed" stackId="d" fill="var(--chart-2)" isAnimationActive={false} />}
            <Bar dataKey="review" name="review" stackId="d" fill="var(--chart-3)" isAnimationActive={false} />
            <Bar dataKey="block" name="blocked" stackId="d" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
