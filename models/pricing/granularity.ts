import { DAY_MS, yearStartDay } from "../dates";

/**
 * The pricing model's time granularity (from the spacing of a product's dates, as day numbers: see models/dates.ts),
 * the seasonal bin of a day and the day one period later.
 */

export type Granularity = "daily" | "weekly" | "monthly";

/**
 * The data's granularity from the median gap between a product's consecutive distinct dates, pooled over products:
 * up to 2 days is daily, up to 17 weekly, anything longer monthly (quarterly data then uses month-of-year bins).
 */
export function detectGranularity(daysByProduct: Iterable<number[]>): Granularity {
  const gaps: number[] = [];
  for (const days of daysByProduct) {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  }
  if (gaps.length === 0) return "daily";
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median <= 2) return "daily";
  if (median <= 17) return "weekly";
  return "monthly";
}

/** Number of seasonal bins: week of year (52) for daily and weekly data, month of year (12) for monthly data. */
export function seasonBinCount(granularity: Granularity): number {
  return granularity === "monthly" ? 12 : 52;
}

export function seasonBin(day: number, granularity: Granularity): number {
  if (granularity === "monthly") return new Date(day * DAY_MS).getUTCMonth();
  const dayOfYear = Math.floor((day * DAY_MS - yearStartDay(day) * DAY_MS) / DAY_MS);
  return Math.min(51, Math.floor(dayOfYear / 7));
}

/** The day one period after `day`: the next day, week, or the same day of the next calendar month. */
export function nextPeriodDay(day: number, granularity: Granularity): number {
  if (granularity === "daily") return day + 1;
  if (granularity === "weekly") return day + 7;
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), 28)) / DAY_MS);
}
