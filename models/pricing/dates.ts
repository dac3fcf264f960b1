/**
 * Dates for the pricing model: parsing the formats real files use (ISO, DD/MM/YYYY as in the retail_price file),
 * day numbers in UTC, the data's time granularity and the seasonal bin of a date.
 */

export type Granularity = "daily" | "weekly" | "monthly";
export type SlashOrder = "dmy" | "mdy";

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ].*)?$/;
const YEAR_FIRST_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

function isoOf(year: number, month: number, day: number): string | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * Which field of a slashed date is the day. DD/MM is the default (the brief's files use it); a file is read as
 * MM/DD only when some second field exceeds 12 and no first field does.
 */
export function detectSlashOrder(raws: Iterable<string>): SlashOrder {
  let firstOver12 = false;
  let secondOver12 = false;
  for (const raw of raws) {
    const m = SLASHED.exec(raw.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) firstOver12 = true;
    if (Number(m[2]) > 12) secondOver12 = true;
  }
  return secondOver12 && !firstOver12 ? "mdy" : "dmy";
}

/** An ISO date (YYYY-MM-DD) from ISO, YYYY-MM, YYYY/MM/DD or DD/MM/YYYY (MM/DD/YYYY with order "mdy"); null if none. */
export function parseDate(raw: string, order: SlashOrder = "dmy"): string | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = YEAR_MONTH.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), 1);
  m = YEAR_FIRST_SLASHED.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SLASHED.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return order === "dmy" ? isoOf(Number(m[3]), b, a) : isoOf(Number(m[3]), a, b);
  }
  return null;
}

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}

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
  const d = new Date(day * DAY_MS);
  if (granularity === "monthly") return d.getUTCMonth();
  const dayOfYear = Math.floor((day * DAY_MS - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
  return Math.min(51, Math.floor(dayOfYear / 7));
}

/** The day one period after `day`: the next day, week, or the same day of the next calendar month. */
export function nextPeriodDay(day: number, granularity: Granularity): number {
  if (granularity === "daily") return day + 1;
  if (granularity === "weekly") return day + 7;
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), 28)) / DAY_MS);
}
