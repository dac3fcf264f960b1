"use client";

import { useTranslations } from "next-intl";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { useFormat } from "@/components/i18n/use-format";
import type { Format } from "@/lib/format";
import type { WhatIf } from "@/lib/pricing/what-if";
import { axisLabel, dollarAxis, numberAxis } from "./chart-axes";
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

/** Our prices (solid, labelled by a short word in their own row at the top) and competitors (dashed, numbered). */
type OurKey = "current" | "recommended" | "decided";
type Marker = { key: string; ours?: OurKey; short: string; name: string; price: number; colour: string; dashed: boolean };
type CurveT = ReturnType<typeof useTranslations<"pricing.curve">>;

function markersOf(m: CurveMarkers, t: CurveT): { ours: Marker[]; competitors: Marker[] } {
  const our = (key: OurKey, cents: number, colour: string): Marker => ({ key, ours: key, short: t(`short.${key}`), name: t(`name.${key}`), price: cents / 100, colour, dashed: false });
  const ours: Marker[] = [our("current", m.currentCents, "var(--chart-text)"), our("recommended", m.recommendedCents, "var(--chart-2)")];
  if (m.decidedCents !== null && m.decidedCents !== m.recommendedCents) ours.push(our("decided", m.decidedCents, "var(--chart-3)"));
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

function CurveTooltip({ active, payload, hasProfit, f }: { active?: boolean; payload?: readonly { payload?: unknown }[]; hasProfit: boolean; f: Format }) {
  const t = useTranslations("pricing.curve");
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const usd = (dollars: number) => f.money(Math.round(dollars * 100));
  const money = { p50: usd(point.money), p10: usd(point.moneyBand[0]), p90: usd(point.moneyBand[1]) };
  return (
    <div className="rounded-md border p-2 text-xs shadow-sm" style={tooltipStyle}>
      <p className="mb-1 font-medium">{t("tooltipAt", { price: usd(point.price) })}</p>
      <p>{t("tooltipUnits", { p50: f.units(point.units), p10: f.units(point.unitsBand[0]), p90: f.units(point.unitsBand[1]) })}</p>
      <p>{hasProfit ? t("tooltipProfit", money) : t("tooltipRevenue", money)}</p>
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
  const t = useTranslations("pricing.curve");
  const f = useFormat();
  const usd = (dollars: number) => f.money(Math.round(dollars * 100));
  const hasProfit = curve.every((c) => c.profit !== null);
  const points: Point[] = curve.map((c) => {
    const m = hasProfit && c.profit ? c.profit : c.revenue;
    return { price: c.price / 100, units: c.units.p50, unitsBand: [c.units.p10, c.units.p90], money: m.p50 / 100, moneyBand: [m.p10 / 100, m.p90 / 100] };
  });
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="py-16 text-center text-sm text-gray-600 dark:text-gray-400">{t("noCurve")}</p>;
  const { ours, competitors } = markersOf(markers, t);
  // The price axis covers the evaluated grid and our own prices; a competitor far outside it is listed, not drawn.
  const inGrid = (p: number) => p >= first.price && p <= last.price;
  const xAxis = dollarAxis(f, [first.price, last.price, ...ours.map((o) => o.price)], 6);
  const drawn = competitors.filter((c) => inGrid(c.price) || (c.price >= xAxis.domain[0] && c.price <= xAxis.domain[1]));
  const outside = competitors.filter((c) => !drawn.includes(c));
  const unitsAxis = numberAxis(f, points.flatMap((p) => [...p.unitsBand, p.units]));
  const moneyAxis = dollarAxis(f, points.flatMap((p) => [...p.moneyBand, p.money]));
  const best = points.reduce((a, b) => (b.money > a.money ? b : a), first);

  const chart = (kind: "units" | "money") => (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 24, left: 12, bottom: 16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="price" type="number" domain={xAxis.domain} ticks={xAxis.ticks} tickFormatter={xAxis.format} {...axisProps} label={axisLabel(t("price"), "x")} />
        {kind === "units" ? (
          <YAxis {...axisProps} width={56} domain={unitsAxis.domain} ticks={unitsAxis.ticks} tickFormatter={unitsAxis.format} label={axisLabel(t("unitsWeek"), "y")} />
        ) : (
          <YAxis {...axisProps} width={64} domain={moneyAxis.domain} ticks={moneyAxis.ticks} tickFormatter={moneyAxis.format} label={axisLabel(hasProfit ? t("profitWeek") : t("revenueWeek"), "y")} />
        )}
        <Tooltip content={(props) => <CurveTooltip active={props.active} payload={props.payload} hasProfit={hasProfit} f={f} />} />
        <Legend wrapperStyle={{ fontSize: 12, paddingTop: 16 }} />
        {kind === "units" ? (
          <>
            <Area dataKey="unitsBand" name={t("unitsBand")} stroke="none" fill="var(--chart-1)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="units" name={t("unitsLine")} stroke="var(--chart-1)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </>
        ) : (
          <>
            <Area dataKey="moneyBand" name={hasProfit ? t("profitBand") : t("revenueBand")} stroke="none" fill="var(--chart-4)" fillOpacity={0.2} isAnimationActive={false} legendType="square" />
            <Line dataKey="money" name={hasProfit ? t("profitLine") : t("revenueLine")} stroke="var(--chart-4)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </>
        )}
        {markerLines(ours, drawn, kind === "units")}
      </ComposedChart>
    </ResponsiveContainer>
  );

  const ourWords = f.list(ours.map((o) => t(`word.${o.ours ?? "current"}`, { price: usd(o.price) })));
  return (
    <figure>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">{t("demandHeading")}</h3>
          <div className="h-72 w-full" role="img" aria-label={t("demandLabel", { sku })} data-testid="demand-curve">
            {chart("units")}
          </div>
          <p className="sr-only">
            {t("demandSummary", { from: usd(first.price), to: usd(last.price), first: f.units(first.units), last: f.units(last.units), marked: ourWords })}
          </p>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">{hasProfit ? t("profitHeading") : t("revenueHeading")}</h3>
          <div className="h-72 w-full" role="img" aria-label={hasProfit ? t("profitLabel", { sku }) : t("revenueLabel", { sku })} data-testid="profit-curve">
            {chart("money")}
          </div>
          <p className="sr-only">
            {t(hasProfit ? "profitSummary" : "revenueSummary", { best: usd(best.money), price: usd(best.price), marked: ourWords })}
          </p>
        </div>
      </div>
      <figcaption className="mt-3 space-y-2 text-xs text-gray-600 dark:text-gray-400">
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t("markedLabel")}>
          {ours.map((o) => (
            <li key={o.key} className="whitespace-nowrap">
              <Swatch colour={o.colour} dashed={false} /> <span className="font-medium">{o.name}</span> {t("ourEntry", { price: usd(o.price), short: o.short })}
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t("competitorsLabel")} data-testid="competitor-key">
          {competitors.length === 0 && <li>{t("noCompetitors")}</li>}
          {competitors.map((c) => (
            <li key={c.key} className="whitespace-nowrap">
              <Swatch colour={c.colour} dashed /> <span className="font-medium">{c.short}</span> {c.name} {usd(c.price)}
              {outside.includes(c) ? t("offChart") : ""}
            </li>
          ))}
        </ul>
        {coverage && (
          <p>
            {t("bands")} <CoverageNote note={coverage} />
          </p>
        )}
        {!hasProfit && <p>{t("noCost")}</p>}
      </figcaption>
    </figure>
  );
}
