"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { formatCurrency } from "@/lib/format";
import type { WhatIf } from "@/lib/pricing/what-if";
import { axisLabel, dollarAxis, numberAxis } from "./chart-axes";
import { formatWeeklyUnits } from "./format";
import { axisProps } from "@/components/charts/chart-utils";

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

const usd = (dollars: number) => formatCurrency(Math.round(dollars * 100));

/** Our prices (solid, labelled by a short word in their own row at the top) and competitors (dashed, numbered). */
type Marker = { key: string; short: string; name: string; price: number; colour: string; dashed: boolean };

function markersOf(m: CurveMarkers): { ours: Marker[]; competitors: Marker[] } {
  const ours: Marker[] = [
    { key: "current", short: "now", name: "Current", price: m.currentCents / 100, colour: "var(--chart-text)", dashed: false },
    { key: "recommended", short: "rec.", name: "Recommended", price: m.recommendedCents / 100, colour: "var(--chart-2)", dashed: false },
  ];
  if (m.decidedCents !== null && m.decidedCents !== m.recommendedCents) {
    ours.push({ key: "decided", short: "dec.", name: "Decided", price: m.decidedCents / 100, colour: "var(--chart-3)", dashed: false });
  }
  // Numbered in price order, so neighbours on the axis get neighbouring numbers in staggered rows.
  const competitors = Object.entries(m.competitors)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([name, price], i) => ({ key: `c-${name}`, short: String(i + 1), name, price, colour: COMPETITOR, dashed: true }));
  return { ours, competitors };
}

/**
 * Labels never overlap: each of our prices has its own row at the top of the plot, and competitors' numbers cycle
 * through three rows at the bottom, so two close prices sit in different rows. Names and prices are in the key below.
 */
function markerLines(ours: Marker[], competitors: Marker[], showLabels: boolean) {
  const label = (text: string, position: "insideTop" | "insideBottom", row: number, fill: string) =>
    showLabels ? { value: text, position, offset: 4 + row * 13, fill, fontSize: 11 } : undefined;
  return [
    ...ours.map((o, row) => <ReferenceLine key={o.key} x={o.price} stroke={o.colour} strokeWidth={2} label={label(o.short, "insideTop", row, o.colour)} ifOverflow="extendDomain" />),
    ...competitors.map((c, i) => <ReferenceLine key={c.key} x={c.price} stroke={c.colour} strokeDasharray="3 3" label={label(c.short, "insideBottom", i % 3, c.colour)} />),
  ];
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

function Swatch({ colour, dashed }: { colour: string; dashed: boolean }) {
  return <span aria-hidden className="inline-block w-4 border-t-2 align-middle" style={{ borderColor: colour, borderTopStyle: dashed ? "dashed" : "solid" }} />;
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
  if (!first || !last) return <p className="py-16 text-center text-sm text-gray-600 dark:text-gray-400">No demand curve to draw.</p>;
  const { ours, competitors } = markersOf(markers);
  // The price axis covers the evaluated grid and our own prices; a competitor far outside it is listed, not drawn.
  const inGrid = (p: number) => p >= first.price && p <= last.price;
  const xAxis = dollarAxis([first.price, last.price, ...ours.map((o) => o.price)], 6);
  const drawn = competitors.filter((c) => inGrid(c.price) || (c.price >= xAxis.domain[0] && c.price <= xAxis.domain[1]));
  const outside = competitors.filter((c) => !drawn.includes(c));
  const unitsAxis = numberAxis(points.flatMap((p) => [...p.unitsBand, p.units]));
  const moneyAxis = dollarAxis(points.flatMap((p) => [...p.moneyBand, p.money]));
  const best = points.reduce((a, b) => (b.money > a.money ? b : a), first);

  const chart = (kind: "units" | "money") => (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 24, left: 12, bottom: 16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="price" type="number" domain={xAxis.domain} ticks={xAxis.ticks} tickFormatter={xAxis.format} {...axisProps} label={axisLabel("Price", "x")} />
        {kind === "units" ? (
          <YAxis {...axisProps} width={56} domain={unitsAxis.domain} ticks={unitsAxis.ticks} tickFormatter={unitsAxis.format} label={axisLabel("Units / week", "y")} />
        ) : (
          <YAxis {...axisProps} width={64} domain={moneyAxis.domain} ticks={moneyAxis.ticks} tickFormatter={moneyAxis.format} label={axisLabel(`${moneyName} / week`, "y")} />
        )}
        <Tooltip content={(props) => <CurveTooltip active={props.active} payload={props.payload} moneyName={moneyName} />} />
        <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
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
        {markerLines(ours, drawn, kind === "units")}
      </ComposedChart>
    </ResponsiveContainer>
  );

  const ourWords = ours.map((o) => `${o.name.toLowerCase()} ${usd(o.price)}`).join(", ");
  return (
    <figure>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">Demand curve</h3>
          <div className="h-72 w-full" role="img" aria-label={`Expected weekly units of ${sku} by price, with the P10–P90 band`} data-testid="demand-curve">
            {chart("units")}
          </div>
          <p className="sr-only">
            At prices from {usd(first.price)} to {usd(last.price)} the model expects {formatWeeklyUnits(first.units)} down to {formatWeeklyUnits(last.units)} units a week;
            marked: {ourWords}.
          </p>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">{moneyName} curve</h3>
          <div className="h-72 w-full" role="img" aria-label={`Expected weekly ${moneyName.toLowerCase()} of ${sku} by price, with the P10–P90 band`} data-testid="profit-curve">
            {chart("money")}
          </div>
          <p className="sr-only">
            Expected {moneyName.toLowerCase()} is highest, {usd(best.money)} a week, at {usd(best.price)}; marked: {ourWords}.
          </p>
        </div>
      </div>
      <figcaption className="mt-3 space-y-2 text-xs text-gray-600 dark:text-gray-400">
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Marked prices">
          {ours.map((o) => (
            <li key={o.key} className="whitespace-nowrap">
              <Swatch colour={o.colour} dashed={false} /> <span className="font-medium">{o.name}</span> {usd(o.price)} (&ldquo;{o.short}&rdquo;)
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Competitors' latest prices, numbered as on the chart" data-testid="competitor-key">
          {competitors.length === 0 && <li>No competitor prices known.</li>}
          {competitors.map((c) => (
            <li key={c.key} className="whitespace-nowrap">
              <Swatch colour={c.colour} dashed /> <span className="font-medium">{c.short}</span> {c.name} {usd(c.price)}
              {outside.includes(c) ? " (off the chart)" : ""}
            </li>
          ))}
        </ul>
        {coverage && (
          <p>
            Bands: <CoverageNote note={coverage} />
          </p>
        )}
        {!hasProfit && <p>The cost is unknown, so revenue is drawn instead of profit.</p>}
      </figcaption>
    </figure>
  );
}
