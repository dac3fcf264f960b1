import { daysInWeek, millisecondsInDay, millisecondsInMinute } from "date-fns/constants";

/**
 * The one date module: calendar days in UTC, so a date string and a day number always agree whatever the server's
 * time zone, and the date formats our files are read in. A calendar day is either an ISO date (YYYY-MM-DD) or a
 * day number (days since 1970-01-01 UTC). date-fns supplies the constants; its calendar functions work in the
 * machine's local zone (UTC needs @date-fns/utc, which we do not take), so day arithmetic is done on day numbers.
 */

export const DAY_MS = millisecondsInDay;

// ---- Calendar days --------------------------------------------------------------------------------------------

/** Day number of a calendar date, or NaN when it is not one (e.g. 31 February, month 13, a year below 100). */
export function dayNumberOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return Number.NaN;
  return ms / DAY_MS;
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Midnight UTC of an ISO date (NaN when it does not read). */
export function startOfDayMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** The ISO date (UTC) an instant falls on. */
export function isoOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Day number of an ISO date. */
export function dayNumber(isoDate: string): number {
  return Math.round(startOfDayMs(isoDate) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return isoOfMs(day * DAY_MS);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(startOfDayMs(isoDate));
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addWeeks(isoDate: string, weeks: number): string {
  return addDays(isoDate, weeks * daysInWeek);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDayMs(to) - startOfDayMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  return ((new Date(startOfDayMs(isoDate)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday on or before an ISO date. */
export function weekStart(isoDate: string): string {
  return addDays(isoDate, 1 - isoWeekday(isoDate));
}

/** Weekday of a day number: 0 = Monday ... 6 = Sunday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % daysInWeek) + daysInWeek) % daysInWeek;
}

/** Day number of 1 January of the year a day number falls in. */
export function yearStartDay(day: number): number {
  return Date.UTC(new Date(day * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
}

/** Months since year 0 (year * 12 + month index) of a day number. */
export function monthNumberOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Day number of the first of a month number (year * 12 + month index). */
export function firstDayOfMonthNumber(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
}

/** Median of a list (NaN when empty); used on the gaps between dates. */
export function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---- Reading dates ----------------------------------------------------------------------------------------------

/** Which field of a day-or-month-first date (01/02/2024) is the day. */
export type DateOrder = "dmy" | "mdy";
/** A date column's format: year first (ISO and its variants), or day-or-month first. */
export type DateFormat = "iso" | DateOrder;

/** Year first: YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD (1- or 2-digit month and day); a time part after T or a space. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[T ](.*))?$/;
/** Day or month first: 01/02/2024, 1.2.24, 01-02-2024 (2- or 4-digit year); a time part after T or a space. */
const DAY_OR_MONTH_FIRST = /^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{2}|\d{4})(?:([T ])(.*))?$/;
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
/** The time after a day-first date in our import files: H:MM or H:MM:SS. */
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** ISO datetimes: a time (T or space separated, optional seconds and fraction) and a zone (Z, ±HH:MM, ±HHMM). */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(\s*)(Z|[+-]\d{2}:?\d{2})?$/;

type YearFirst = { year: number; month: number; day: number; separators: string; time: string | undefined };
type DayOrMonthFirst = { a: number; b: number; yearText: string; separators: string; timeSeparator: string | undefined; time: string | undefined };

function readYearFirst(text: string): YearFirst | null {
  const m = YEAR_FIRST.exec(text);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[3]), day: Number(m[5]), separators: m[2]! + m[4]!, time: m[6] };
}

function readDayOrMonthFirst(text: string): DayOrMonthFirst | null {
  const m = DAY_OR_MONTH_FIRST.exec(text);
  if (!m) return null;
  return { a: Number(m[1]), b: Number(m[3]), yearText: m[5]!, separators: m[2]! + m[4]!, timeSeparator: m[6], time: m[7] };
}

/** Two-digit years follow the POSIX strptime rule: 69-99 are 1900s, 00-68 are 2000s. */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y;
}

function dayOfOrder(year: number, a: number, b: number, order: DateOrder): number {
  return order === "dmy" ? dayNumberOf(year, b, a) : dayNumberOf(year, a, b);
}

/**
 * Day number of one cell of a date column in the column's format, NaN if it does not read. "iso": year first with
 * any of - / . as separators, a time part ignored; "dmy"/"mdy": 2- or 4-digit years, no time part.
 */
export function parseColumnDate(text: string, format: DateFormat): number {
  if (format === "iso") {
    const d = readYearFirst(text);
    return d ? dayNumberOf(d.year, d.month, d.day) : Number.NaN;
  }
  const d = readDayOrMonthFirst(text);
  if (!d || d.timeSeparator !== undefined) return Number.NaN;
  return dayOfOrder(fullYear(d.yearText), d.a, d.b, format);
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
    const bad = values.findIndex((v) => Number.isNaN(parseColumnDate(v, format)));
    firstBad.set(format, bad);
  }
  const readable = candidates.filter((f) => firstBad.get(f) === -1);
  if (readable.length === 0) {
    // Report against the format that read the most of the column.
    const best = candidates.reduce((a, b) => ((firstBad.get(b) ?? 0) > (firstBad.get(a) ?? 0) ? b : a));
    return { format: best, badIndex: firstBad.get(best) ?? 0 };
  }
  if (readable.length === 1 || readable[0] === "iso") return { format: readable[0]!, badIndex: -1 };
  const dmy = spacingRegularity(values.map((v) => parseColumnDate(v, "dmy")));
  const mdy = spacingRegularity(values.map((v) => parseColumnDate(v, "mdy")));
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

/** A 4-digit-year day-or-month-first date (a time part after T or a space allowed). */
function readSlashedDate(text: string): DayOrMonthFirst | null {
  const d = readDayOrMonthFirst(text);
  return d && d.yearText.length === 4 ? d : null;
}

/**
 * Which field of a slashed date is the day. DD/MM is the default; a file is read as MM/DD only when some second
 * field exceeds 12 and no first field does.
 */
export function detectSlashOrder(raws: Iterable<string>): DateOrder {
  let firstOver12 = false;
  let secondOver12 = false;
  for (const raw of raws) {
    const d = readSlashedDate(raw.trim());
    if (!d) continue;
    if (d.a > 12) firstOver12 = true;
    if (d.b > 12) secondOver12 = true;
  }
  return secondOver12 && !firstOver12 ? "mdy" : "dmy";
}

/**
 * An ISO date (YYYY-MM-DD) from YYYY-MM-DD (a time part ignored), YYYY-MM (the first of the month), YYYY/MM/DD, or
 * DD/MM/YYYY (MM/DD/YYYY with order "mdy"; a time part ignored); null if none.
 */
export function parseDate(raw: string, order: DateOrder = "dmy"): string | null {
  const s = raw.trim();
  const y = readYearFirst(s);
  let day = Number.NaN;
  if (y && (y.separators === "--" || (y.separators === "//" && y.time === undefined))) day = dayNumberOf(y.year, y.month, y.day);
  else if (y) return null;
  else {
    const ym = YEAR_MONTH.exec(s);
    const d = ym ? null : readSlashedDate(s);
    if (ym) day = dayNumberOf(Number(ym[1]), Number(ym[2]), 1);
    else if (d) day = dayOfOrder(Number(d.yearText), d.a, d.b, order);
    else return null;
  }
  return Number.isNaN(day) ? null : isoOfDay(day);
}

/** The parts of a date and time as written; the zone offset in minutes (0 for Z or no zone). */
export type DateTimeParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
  /** Whether a time was written, the zone as written, and whether space separated it from what came before. */
  hasTime: boolean;
  zone: string | undefined;
  spacedZone: boolean;
};

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const digits = zone.replace(":", "");
  return (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/**
 * Reads an ISO datetime: YYYY-MM-DD, a time T or space separated (HH:MM, HH:MM:SS, HH:MM:SS.fff with up to 9
 * fraction digits, kept to the millisecond), then an optional zone (Z, ±HH:MM, ±HHMM), after the date or the time,
 * possibly after spaces. Only the shape is checked: callers decide which ranges they accept.
 */
export function readIsoDateTime(text: string): DateTimeParts | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? "0").slice(0, 3).padEnd(3, "0")),
    offsetMinutes: zoneOffsetMinutes(m[9]),
    hasTime: m[4] !== undefined,
    zone: m[9],
    spacedZone: m[8] !== "",
  };
}

/** Reads DD/MM/YYYY with an optional " H:MM" or " H:MM:SS" (no zone), as our import files write it. */
export function readDayFirstDateTime(text: string): DateTimeParts | null {
  const d = readDayOrMonthFirst(text);
  if (!d || d.separators !== "//" || d.yearText.length !== 4) return null;
  const clock = d.timeSeparator === undefined ? null : d.timeSeparator === " " ? CLOCK.exec(d.time!) : null;
  if (d.timeSeparator !== undefined && !clock) return null;
  return {
    year: Number(d.yearText),
    month: d.b,
    day: d.a,
    hour: Number(clock?.[1] ?? 0),
    minute: Number(clock?.[2] ?? 0),
    second: Number(clock?.[3] ?? 0),
    millisecond: 0,
    offsetMinutes: 0,
    hasTime: clock !== null,
    zone: undefined,
    spacedZone: false,
  };
}

/** Milliseconds since the epoch of read parts (UTC when no zone was written); no range checks. */
export function utcMsOf(parts: DateTimeParts): number {
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * millisecondsInMinute;
}

/**
 * Milliseconds since the epoch for an ISO datetime (see readIsoDateTime; no zone = UTC), or null when the text is
 * not one or names a day or time that does not exist.
 */
export function parseIsoMs(text: string): number | null {
  const p = readIsoDateTime(text.trim());
  if (!p) return null;
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  const local = utcMsOf({ ...p, offsetMinutes: 0 });
  // Date.UTC rolls 31 February into March: refuse dates that do not exist.
  if (new Date(local).getUTCDate() !== p.day) return null;
  return local - p.offsetMinutes * millisecondsInMinute;
}
