/**
 * Dates in forecast inputs: format detection for a whole column (ISO, day-first or month-first with 2- or 4-digit
 * years), conversion to day numbers (days since 1970-01-01 UTC), and the data's frequency from the median spacing.
 */

export type DateFormat = "iso" | "dmy" | "mdy";

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/** Day number of a calendar date, or NaN when it is not one (e.g. 31 February). */
export function dayNumberOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return Number.NaN;
  return ms / DAY_MS;
}

/** Two-digit years follow the POSIX strptime rule: 69-99 are 1900s, 00-68 are 2000s. */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
}

/** Day number of one cell in a given format, NaN if it does not read. */
export function parseDate(text: string, format: DateFormat): number {
  if (format === "iso") {
    const m = ISO.exec(text);
    return m ? dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
  }
  const m = SLASHED.exec(text);
  if (!m) return Number.NaN;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = fullYear(m[3]!);
  return format === "dmy" ? dayNumberOf(year, b, a) : dayNumberOf(year, a, b);
}

export function isoOfDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Picks the format every value of a date column reads in. When both day-first and month-first read (all parts
 * <= 12), the one whose sorted distinct dates are spaced most regularly wins; a tie goes to day-first, the order
 * of the Walmart file. Returns the format and the index of the first value no format reads (or -1).
 */
export function detectDateFormat(values: string[]): { format: DateFormat; badIndex: number } {
  const candidates: DateFormat[] = ["iso", "dmy", "mdy"];
  const firstBad = new Map<DateFormat, number>();
  for (const format of candidates) {
    const bad = values.findIndex((v) => Number.isNaN(parseDate(v, format)));
    firstBad.set(format, bad);
  }
  const readable = candidates.filter((f) => firstBad.get(f) === -1);
  if (readable.length === 0) {
    // Report against the format that read the most of the column.
    const best = candidates.reduce((a, b) => ((firstBad.get(b) ?? 0) > (firstBad.get(a) ?? 0) ? b : a));
    return { format: best, badIndex: firstBad.get(best) ?? 0 };
  }
  if (readable.length === 1 || readable[0] === "iso") return { format: readable[0]!, badIndex: -1 };
  const dmy = spacingRegularity(values.map((v) => parseDate(v, "dmy")));
  const mdy = spacingRegularity(values.map((v) => parseDate(v, "mdy")));
  return { format: mdy > dmy ? "mdy" : "dmy", badIndex: -1 };
}

/** Share of gaps between consecutive distinct dates that are within 3 days of the median gap (1 = perfectly regular). */
function spacingRegularity(days: number[]): number {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  if (distinct.length < 3) return 0;
  const gaps = distinct.slice(1).map((d, i) => d - distinct[i]!);
  const median = medianOf(gaps);
  return gaps.filter((g) => Math.abs(g - median) <= 3).length / gaps.length;
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Frequency = "daily" | "weekly" | "monthly" | "quarterly" | "yearly" | "other";

/**
 * How dates map onto consecutive periods. `step` is the spacing in days for day-based frequencies and in months for
 * month-based ones; `anchor` is the day number (or month number) of period 0.
 */
export type Calendar = { frequency: Frequency; step: number; anchor: number; monthly: boolean };

/** Frequency from the median spacing between consecutive dates within series (pooled over all series). */
export function detectFrequency(datesBySeries: number[][]): { frequency: Frequency; step: number; monthly: boolean } {
  const gaps: number[] = [];
  for (const days of datesBySeries) {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  }
  const median = medianOf(gaps);
  if (!Number.isFinite(median) || median <= 1.5) return { frequency: "daily", step: 1, monthly: false };
  if (median >= 5 && median <= 9) return { frequency: "weekly", step: 7, monthly: false };
  if (median >= 26 && median <= 35) return { frequency: "monthly", step: 1, monthly: true };
  if (median >= 85 && median <= 95) return { frequency: "quarterly", step: 3, monthly: true };
  if (median >= 360 && median <= 370) return { frequency: "yearly", step: 12, monthly: true };
  return { frequency: "other", step: Math.max(1, Math.round(median)), monthly: false };
}

function monthNumberOf(dayNumber: number): number {
  const d = new Date(dayNumber * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function makeCalendar(frequency: { frequency: Frequency; step: number; monthly: boolean }, firstDay: number): Calendar {
  return { ...frequency, anchor: frequency.monthly ? monthNumberOf(firstDay) : firstDay };
}

/** Period index of a date: rounds to the nearest period so a date a day or two off the grid still lands on it. */
export function periodIndex(calendar: Calendar, dayNumber: number): number {
  if (calendar.monthly) return Math.floor((monthNumberOf(dayNumber) - calendar.anchor) / calendar.step);
  return Math.round((dayNumber - calendar.anchor) / calendar.step);
}

/** Day number of the start of a period (first of the month for month-based frequencies). */
export function periodDay(calendar: Calendar, index: number): number {
  if (!calendar.monthly) return calendar.anchor + index * calendar.step;
  const month = calendar.anchor + index * calendar.step;
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
}

/**
 * Seasonal periods worth modelling at a frequency, longest last: a week of days and a 52-week year for daily data,
 * a year for weekly (52), monthly (12) and quarterly (4) data. Kept only where the typical series holds at least
 * one and a half cycles, so the seasonal lag exists for most training windows.
 */
export function seasonalPeriods(frequency: Frequency, typicalLength: number): number[] {
  const candidates: Record<Frequency, number[]> = {
    daily: [7, 364],
    weekly: [52],
    monthly: [12],
    quarterly: [4],
    yearly: [],
    other: [],
  };
  return candidates[frequency].filter((p) => typicalLength >= 1.5 * p);
}

/** Default forecast horizon a model is trained for: 13 weeks of periods (91 days, 13 weeks, 12 months, ...). */
export function defaultHorizon(frequency: Frequency): number {
  const horizons: Record<Frequency, number> = { daily: 91, weekly: 13, monthly: 12, quarterly: 4, yearly: 3, other: 13 };
  return horizons[frequency];
}
