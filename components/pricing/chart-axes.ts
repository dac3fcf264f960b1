import { DAY_MS, isoOfMs } from "@/lib/dates";
import { niceTicks, type Format } from "@/lib/format";

/** Axis settings shared by the pricing charts: round ticks, domains from the data, money always with its currency. */

/** A dollar axis: whole dollars when the step is whole ("$60"), cents otherwise ("$62.50"). */
export function dollarAxis(f: Format, values: number[], count = 5) {
  const finite = values.filter(Number.isFinite);
  const { domain, ticks, step } = niceTicks(Math.min(...finite), Math.max(...finite), count);
  const whole = Number.isInteger(step);
  return { domain, ticks, format: (v: number) => f.money(Math.round(v * 100), { whole }) };
}

/** Any number: "12", "7.5", "12K" for large ones. */
export function numberAxis(f: Format, values: number[], count = 5) {
  const finite = values.filter(Number.isFinite);
  const { domain, ticks, step } = niceTicks(Math.min(...finite), Math.max(...finite), count);
  // As many decimals as the step has (a step of 2.5 shows 7.5, not a rounded 8), none for whole steps.
  const decimals = Number.isInteger(step) ? 0 : Math.min(3, String(step).split(".")[1]?.length ?? 1);
  const compact = new Intl.NumberFormat(f.locale, { notation: "compact", maximumFractionDigits: 1 });
  const format = (v: number) => (Math.abs(v) >= 10_000 ? compact.format(v) : f.number(v, decimals));
  return { domain, ticks, format };
}

const dayStepsDays = [1, 2, 7, 14, 28, 56, 91, 182, 364];

/** A time axis in days: about `count` ticks a whole number of days or weeks apart, each a short date ("Dec 6"). */
export function dayAxis(f: Format, minT: number, maxT: number, count = 5) {
  const span = Math.max(DAY_MS, maxT - minT) / DAY_MS;
  const step = (dayStepsDays.find((d) => span / d <= count) ?? 364) * DAY_MS;
  const first = Math.ceil(minT / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= maxT; t += step) ticks.push(t);
  const long = span > 300;
  const monthYear = new Intl.DateTimeFormat(f.locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const format = (t: number) => (long ? monthYear.format(new Date(t)) : f.shortDay(isoOfMs(t)));
  return { domain: [minT, maxT] as [number, number], ticks, format, iso: isoOfMs };
}

export const axisLabel = (value: string, axis: "x" | "y") =>
  axis === "x"
    ? { value, position: "insideBottom" as const, offset: -12, fill: "var(--chart-text)", fontSize: 12 }
    : { value, angle: -90, position: "insideLeft" as const, fill: "var(--chart-text)", fontSize: 12, style: { textAnchor: "middle" as const } };
