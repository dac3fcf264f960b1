"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useState } from "react";
import { axisProps } from "@/components/charts/chart-utils";

const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;

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
 * Precision against recall over every threshold of the champion's held-out evaluation (the precision-recall curve;
 * with rare fraud it says more than ROC), with the marked thresholds as dots.
 */
export function PrCurveChart({ points, markers }: { points: PrPoint[]; markers: ThresholdMarker[] }) {
  // Highest threshold first: recall grows along the line.
  const data = [...points].sort((a, b) => b.threshold - a.threshold);
  return (
    <div className="h-64 w-full" role="img" aria-label="Precision-recall curve" data-testid="pr-curve">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 36, left: 0, bottom: 12 }}>
          <CartesianGrid stroke="var(--chart-grid)" />
          <XAxis dataKey="recall" type="number" domain={[0, 1]} tickFormatter={pct} {...axisProps} label={{ value: "recall (share of fraud caught)", position: "insideBottom", offset: -8, fill: "var(--chart-text)", fontSize: 11 }} />
          <YAxis type="number" domain={[0, 1]} tickFormatter={pct} {...axisProps} width={44} />
          <Tooltip content={(props) => <PrTooltip active={props.active} payload={props.payload} />} />
          <Line dataKey="precision" name="precision" stroke="var(--chart-1)" dot={false} isAnimationActive={false} type="linear" />
          {markers.map((m) => (
            <ReferenceDot key={m.key} x={m.recall} y={m.precision} r={5} fill={m.color} stroke="var(--tooltip-bg)" label={{ value: m.label, position: "top", fill: m.color, fontSize: 11 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Expected cost per 1,000 payments at each threshold, with the marked thresholds as vertical lines. */
export function CostChart({ points, markers }: { points: { threshold: number; cost: number }[]; markers: ThresholdMarker[] }) {
  return (
    <div className="h-64 w-full" role="img" aria-label="Expected cost per 1,000 payments by threshold" data-testid="cost-curve">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 12, left: 0, bottom: 12 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="threshold" type="number" domain={[0, 1]} tickFormatter={(v: number) => v.toFixed(1)} {...axisProps} label={{ value: "threshold", position: "insideBottom", offset: -8, fill: "var(--chart-text)", fontSize: 11 }} />
          <YAxis {...axisProps} width={56} tickFormatter={(v: number) => `$${Math.round(v).toLocaleString("en-US")}`} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => `Threshold ${Number(t).toFixed(3)}`} formatter={(v) => `$${Number(v).toFixed(2)} per 1,000 payments`} />
          <Line dataKey="cost" name="expected cost" stroke="var(--chart-3)" dot={false} isAnimationActive={false} />
          {markers.map((m) => (
            <ReferenceLine key={m.key} x={m.threshold} stroke={m.color} strokeDasharray={m.key === "best" ? "4 3" : undefined} label={{ value: m.label, position: "insideTop", fill: m.color, fontSize: 11 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Payments allowed, sent to review and blocked per day (each payment once, with its latest decision). Allowed
 * payments dwarf the flagged ones, so the allowed bars can be hidden to read the review and block volumes.
 */
export function FlagVolumeChart({ days }: { days: { day: string; allow: number; review: number; block: number }[] }) {
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-xs text-gray-600 dark:text-gray-400">
        <input type="checkbox" className="h-4 w-4" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} />
        Flagged payments only (hide allowed)
      </label>
    <div className="h-64 w-full" role="img" aria-label="Payments allowed, reviewed and blocked per day" data-testid="flag-volume">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="day" {...axisProps} minTickGap={24} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis {...axisProps} width={44} allowDecimals={false} />
          <Tooltip contentStyle={tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {!flaggedOnly && <Bar dataKey="allow" name="allowed" stackId="d" fill="var(--chart-2)" isAnimationActive={false} />}
          <Bar dataKey="review" name="review" stackId="d" fill="var(--chart-3)" isAnimationActive={false} />
          <Bar dataKey="block" name="blocked" stackId="d" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
    </div>
  );
}
