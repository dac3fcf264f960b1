import { addDays, DAY_MS, startOfDayMs } from "@/lib/dates";
import type { RecentBacktest } from "@/lib/forecasts/types";
import type { Format } from "@/lib/format";
import { msg } from "@/lib/i18n/message";
import { monthTicks, niceTicks } from "./chart-ticks";
import { overrideReasonLabel } from "./reasons";
import type { MessageText } from "./plain-words";

/**
 * Shapes one product's history, latest backtest and forecast into chart points on a time axis. Each week is drawn at
 * its middle (start + 3.5 days), so a promotion or holiday drawn on its real dates falls inside the week it affected.
 */
export type ChartInput = {
  firstWeek: string;
  history: { week: string; units: number; stockoutDays: number }[];
  recent: RecentBacktest | null;
  weeks: { week: string; p50: number; model: { p10: number; p50: number; p90: number }; override: { units: number; reason: string } | null }[];
  promotions: { startDate: string; endDate: string; discountPct: number; name: string | null }[];
  holidays: { date: string; name: string }[];
};

export type ChartPoint = {
  t: number;
  week: string;
  actual: number | null;
  stockout: number | null;
  backtestBand: [number, number] | null;
  backtestP50: number | null;
  band: [number, number] | null;
  modelP50: number | null;
  /** The plan's P50: the model's with the overrides applied (drawn only when the plan has an override). */
  adjustedP50: number | null;
  /** What else happened in the week, in the reader's words (the tooltip lists them). */
  notes: string[];
};

/** `f` and `text` put the tooltip notes into the reader's numbers and words. */
export function productChartData(input: ChartInput, f: Format, text: MessageText) {
  const points = new Map<string, ChartPoint>();
  const at = (week: string): ChartPoint => {
    let p = points.get(week);
    if (!p) {
      p = { t: startOfDayMs(week) + 3.5 * DAY_MS, week, actual: null, stockout: null, backtestBand: null, backtestP50: null, band: null, modelP50: null, adjustedP50: null, notes: [] };
      points.set(week, p);
    }
    return p;
  };
  for (const h of input.history) {
    const p = at(h.week);
    p.actual = h.units;
    if (h.stockoutDays > 0) {
      p.stockout = h.units;
      p.notes.push(text(msg("forecasts.chart.notes.stockout", { days: h.stockoutDays })));
    }
  }
  input.recent?.weeks.forEach((week, i) => {
    const p10 = input.recent?.p10[i];
    const p50 = input.recent?.p50[i];
    const p90 = input.recent?.p90[i];
    if (p10 === undefined || p50 === undefined || p90 === undefined) return;
    const p = at(week);
    p.backtestBand = [p10, p90];
    p.backtestP50 = p50;
  });
  const overridden = input.weeks.some((w) => w.override);
  for (const w of input.weeks) {
    const p = at(w.week);
    p.band = [w.model.p10, w.model.p90];
    p.modelP50 = w.model.p50;
    if (overridden) p.adjustedP50 = w.p50;
    if (w.override) {
      const reason = overrideReasonLabel(w.override.reason, text);
      p.notes.push(text(msg("forecasts.chart.notes.overridden", { reason, model: f.units(w.model.p50), units: f.units(w.override.units) })));
    }
  }
  const sorted = [...points.values()].sort((a, b) => a.t - b.t);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return { points: sorted, domain: [0, 1] as [number, number], xTicks: [], yTicks: [0, 1], overridden, promotions: [], holidays: [], forecastStart: startOfDayMs(input.firstWeek) };
  const domain: [number, number] = [startOfDayMs(first.week), startOfDayMs(last.week) + 7 * DAY_MS];
  const clip = (v: number) => Math.min(domain[1], Math.max(domain[0], v));

  const promotions = input.promotions
    // label: a key for the drawn area (the tooltip names the promotion).
    .map((pr) => ({ x1: clip(startOfDayMs(pr.startDate)), x2: clip(startOfDayMs(pr.endDate) + DAY_MS), label: `${pr.startDate}/${pr.endDate}/${pr.name ?? ""}` }))
    .filter((pr) => pr.x2 > pr.x1);
  const holidays = input.holidays.map((h) => ({ x: startOfDayMs(h.date) + DAY_MS / 2, label: `${h.date}/${h.name}` })).filter((h) => h.x >= domain[0] && h.x <= domain[1]);
  const promotionNote = (pr: ChartInput["promotions"][number]) =>
    text(pr.name ? msg("forecasts.chart.notes.promotionNamed", { name: pr.name, discount: Math.round(pr.discountPct) }) : msg("forecasts.chart.notes.promotion", { discount: Math.round(pr.discountPct) }));

  // Notes per week for the tooltip: what else happened in that week.
  for (const p of sorted) {
    const start = p.week;
    const end = addDays(p.week, 6);
    for (const pr of input.promotions) if (pr.startDate <= end && pr.endDate >= start) p.notes.push(promotionNote(pr));
    for (const h of input.holidays) if (h.date >= start && h.date <= end) p.notes.push(text(msg("forecasts.chart.notes.holiday", { name: h.name, date: f.date(h.date) })));
  }
  // The value axis fits everything drawn: from zero (sales never go below) to a round number above the highest value.
  const highest = Math.max(0, ...sorted.flatMap((p) => [p.actual, p.backtestBand?.[1], p.backtestP50, p.band?.[1], p.modelP50, p.adjustedP50].filter((v): v is number => typeof v === "number" && Number.isFinite(v))));
  return { points: sorted, domain, xTicks: monthTicks(domain[0], domain[1]), yTicks: niceTicks(0, highest), overridden, promotions, holidays, forecastStart: startOfDayMs(input.firstWeek) };
}
