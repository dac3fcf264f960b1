"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, compactNumber } from "@/components/charts/chart-utils";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import type { WhatIf } from "@/lib/pricing/what-if";
import { formatWeeklyUnits } from "./format";

/** Competitors' prices are drawn in one muted colour; the palette's colours mark our own prices. */
const COMPETITOR = "var(--chart-text)";
const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;

export type CurveMarkers = {
  currentCents: number;
  recommendedCents: number;
  decidedCents: number | null;
  /** Competitor name -> their latest price, in dollars (as the run stored it). */
  competitors: Record<string, number>;
};

type Point = { price: number; units: number; unitsBand: [number, number]; money: number; moneyBand: [number, number] };

const usd = (v: number) => `$${v.toFixed(2)}`;
const usdAxis = (v: number) => `$${compactNumber.format(v)}`;

function markerLines(m: CurveMarkers, showLabels: boolean) {
  const label = (value: string, position: "insideTopLeft" | "insideTopRight" | "insideBottomRight" | "insideBottomLeft", fill: string) =>
    showLabels ? { value, position, fill, fontSize: 11 } : undefined;
  const lines = [
    <ReferenceLine key="current" x={m.currentCents / 100} stroke="var(--chart-text)" strokeWidth={1.5} label={label(`current ${usd(m.currentCents / 100)}`, "insideTopLeft", "var(--chart-text)")} />,
    <ReferenceLine key="recommended" x={m.recommendedCents / 100} stroke="var(--chart-2)" strokeWidth={2} label={label(`recommended ${usd(m.recommendedCents / 100)}`, "insideTopRight", "var(--chart-2)")} />,
  ];
  if (m.decidedCents !== null && m.decidedCents !== m.recommendedCents) {
    lines.push(<ReferenceLine key="decided" x={m.decidedCents / 100} stroke="var(--chart-3)" strokeWidth={2} label={label(`decided ${usd(m.decidedCents / 100)}`, "insideBottomRight", "var(--chart-3)")} />);
  }
  for (const [name, p] of Object.entries(m.competitors)) {
    lines.push(<ReferenceLine key={`c-${name}`} x={p} stroke={COMPETITOR} strokeDasharray="3 3" label={label(`${name} ${usd(p)}`, "insideBottomLeft", COMPETITOR)} />);
  }
  return lines;
}

function CurveTooltip({ active, payload, moneyName }: { active?: boolean; payload?: readonly { payload?: unknown }[]; moneyName: string }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border p-2 text-xs shadow-sm" style={tooltipStyle}>
      <p className="mb-1 font-medium">At {usd(point.price)}</p>
      <p>
        Units / wk: {formatWeeklyUnits(point.units)} ({formatWeeklyUnits(point.unitsBand[0])}–{formatWeeklyUnits(point.unitsBand[1])})
      </p>
      <p>
        {moneyName} / wk: {usd(point.money)} ({usd(point.moneyBand[0])}–{usd(point.moneyBand[1])})
      </p>
    </div>
  );
}

/**
 * The demand the model expects at each price of the grid it evaluated (P50 with the P10–P90 band), and the profit
 * that follows (revenue when the cost is unknown), with the current, recommended and decided prices and the
 * competitors' prices marked.
 */
export function CurveCharts({ curve, markers, sku, coverage }: { curve: WhatIf[]; markers: CurveMarkers; sku: string; coverage?: CoverageNoteText | null }) {
  const hasProfit = curve.every((c) => c.profit !== null);
  const moneyName = hasProfit ? "Profit" : "Revenue";
  const points: Point[] = curve.map((c) => {
    const m = hasProfit && c.profit ? c.profit : c.revenue;
    return { price: c.price / 100, units: c.units.p50, unitsBand: [c.units.p10, c.units.p90], money: m.p50 / 100, moneyBand: [m.p10 / 100, m.p90 / 100] };
  });
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="py-16 text-center text-sm text-gray-500">No demand curve to draw.</p>;
  const domain: [number, number] = [first.price, last.price];
  const outside = Object.entries(markers.competitors).filter(([, p]) => p < first.price || p > last.price);

  const chart = (kind: "units" | "money") => (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 16, right: 12, left: 0, bottom: 0 }}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="price" type="number" domain={domain} tickFormatter={usd} {...axisProps} />
        <YAxis {...axisProps} width={56} tickFormatter={kind === "units" ? (v: number) => compactNumber.format(v) : usdAxis} />
        <Tooltip content={(props) => <CurveTooltip active={props.active} payload={props.payload} moneyName={moneyName} />} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {kind === "units" ? (
          <>
            <Area dataKey="unitsBand" name="units P10–P90" stroke="none" fill="var(--chart-1)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="units" name="expected units / wk (P50)" stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </>
        ) : (
          <>
            <Area dataKey="moneyBand" name={`${moneyName.toLowerCase()} P10–P90`} stroke="none" fill="var(--chart-4)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="money" name={`expected ${moneyName.toLowerCase()} / wk (P50)`} stroke="var(--chart-4)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </>
        )}
        {markerLines(markers, kind === "units")}
      </ComposedChart>
    </ResponsiveContainer>
  );

  return (
    <figure>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">Demand curve</h3>
          <div className="h-72 w-full" role="img" aria-label={`Expected weekly units of ${sku} by price, with the P10–P90 band`} data-testid="demand-curve">
            {chart("units")}
          </div>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">{moneyName} curve</h3>
          <div className="h-72 w-full" role="img" aria-label={`Expected weekly ${moneyName.toLowerCase()} of ${sku} by price, with the P10–P90 band`} data-testid="profit-curve">
            {chart("money")}
          </div>
        </div>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
        {coverage && (
          <span>
            Bands: <CoverageNote note={coverage} />
          </span>
        )}
        <span>Solid lines: current (grey) and recommended (green){markers.decidedCents !== null && markers.decidedCents !== markers.recommendedCents ? " and decided (amber)" : ""} price.</span>
        <span>Dashed lines: competitors&apos; latest prices{Object.keys(markers.competitors).length === 0 ? " (none known)" : ""}.</span>
        {outside.length > 0 && <span>Outside the evaluated range: {outside.map(([n, p]) => `${n} ${usd(p)}`).join(", ")}.</span>}
        {!hasProfit && <span>The cost is unknown, so revenue is drawn instead of profit.</span>}
      </figcaption>
    </figure>
  );
}
