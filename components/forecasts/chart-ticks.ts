import { DAY_MS, startOfDayMs } from "@/lib/dates";
import { niceTicks as roundTicks, type Format } from "@/lib/format";

/**
 * Round axis ticks for the forecast charts: the value axis steps by 1, 2, 2.5 or 5 times a power of ten from a
 * round number at or below the lowest value to one at or above the highest (so the axis fits the data), and the
 * time axis ticks on the first day of a month, every 1, 2, 3, 6 or 12 months.
 */
/** The shared round ticks (lib/format.ts) for a value axis; an all-zero series still gets an axis of 0 to 1. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (min === 0 && max === 0) return [0, 1];
  return roundTicks(min, max, target).ticks;
}

const monthSteps = [1, 2, 3, 6, 12];

/** Month starts (UTC ms) inside [from, to], thinned to at most `maxTicks`, on months divisible by the step. */
export function monthTicks(from: number, to: number, maxTicks = 8): number[] {
  if (!(to > from)) return [];
  const start = new Date(from);
  const months: number[] = [];
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1), 1)); d.getTime() <= to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(d.getTime());
  }
  const step = monthSteps.find((s) => Math.ceil(months.length / s) <= maxTicks) ?? 12;
  return months.filter((t) => new Date(t).getUTCMonth() % step === 0);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Mar 24" / "24年3月" for a month start (UTC), in the reader's language. The shared formatter has no month-and-year
 * form yet, so this one axis builds it from the formatter's locale.
 */
export function formatMonth(f: Format, t: number): string {
  let fmt = monthFormats.get(f.locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(f.locale, { month: "short", year: "2-digit", timeZone: "UTC" });
    monthFormats.set(f.locale, fmt);
  }
  return fmt.format(new Date(t)).replace(" ", "\u00a0");
}

/** Week-start ISO dates to the same month ticks (for a category axis of weeks): the first week starting in each tick month. */
export function weekMonthTicks(weeks: string[], maxTicks = 8): string[] {
  if (weeks.length === 0) return [];
  const months = monthTicks(startOfDayMs(weeks[0]!) - 6 * DAY_MS, startOfDayMs(weeks[weeks.length - 1]!) + 6 * DAY_MS, maxTicks);
  const out: string[] = [];
  for (const m of months) {
    const end = new Date(m);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const first = weeks.find((w) => startOfDayMs(w) >= m && startOfDayMs(w) < end.getTime());
    if (first) out.push(first);
  }
  return out;
}

/** "Nov 1" / "11月1日" for a week-start ISO date, kept on one line. */
export const formatWeekStart = (f: Format, week: string): string => f.shortDay(week).replace(" ", "\u00a0");
