/**
 * Display helpers. Money arrives as integer cents and is only turned into a decimal string at the edge.
 *
 * `createFormat(locale, timeZone)` is the one formatter of the product: numbers, money, percentages, durations,
 * calendar days and instants in the reader's language and time zone. Server components get it from
 * `getFormat()` (lib/i18n/server.ts), client components from `useFormat()` (components/i18n/use-format.ts).
 */
import { isoOfMs, startOfDayMs } from "@/lib/dates";
import type { Locale } from "@/lib/i18n/locales";

export type Format = ReturnType<typeof createFormat>;

type DateInput = Date | string | number | null | undefined;

/** A calendar day ("2026-12-06") stays that day in every time zone; anything else is an instant. */
const isCalendarDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

function toDate(v: DateInput): Date | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : (isCalendarDay(v) ? new Date(startOfDayMs(v)) : new Date(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function createFormat(locale: Locale, timeZone = "UTC", currency = "USD") {
  const number = (digits: { min?: number; max?: number } = {}) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits.min ?? 0, maximumFractionDigits: digits.max ?? digits.min ?? 0 });
  const integerFmt = number();
  const moneyWhole = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const moneyCents = new Intl.NumberFormat(locale, { style: "currency", currency });
  // English writes "42 %" (a thin gap, as before); Chinese runs the sign on: "42%".
  const percentSign = locale.startsWith("zh") ? "%" : "\u00a0%";
  const day = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const dayInZone = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone });
  const shortDayFmt = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const zoneName = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const units = (unit: "minute" | "hour" | "day") => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" });
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" });
  const compactFmt = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });

  /** A fixed number of decimals with the locale's separators; signs are added by the callers below. */
  const fixed = (v: number, digits: number) => number({ min: digits, max: digits }).format(v);
  const sign = (shown: string, value: number, zero: boolean) => (zero ? shown : value > 0 ? `+${shown}` : `${MINUS}${shown}`);

  const money = (cents: number | null | undefined, options: { whole?: boolean } = {}): string => {
    if (missing(cents)) return "–";
    const fmt = options.whole ? moneyWhole : moneyCents;
    const s = fmt.format(Math.abs(cents) / 100);
    // A loss reads with the same minus sign as every other negative figure ("−$12.00", not "-$12.00").
    return cents < 0 && s !== fmt.format(0) ? `${MINUS}${s}` : s;
  };

  return {
    locale,
    timeZone,
    currency,
    /** "1,234" */
    integer: (n: number | null | undefined) => (missing(n) ? "–" : integerFmt.format(Math.round(n))),
    /** A plain number with `digits` decimals (default: up to two): "1,234.5". */
    number: (n: number | null | undefined, digits?: number) =>
      missing(n) ? "–" : (digits === undefined ? number({ max: 2 }) : number({ min: digits, max: digits })).format(n).replace("-", MINUS),
    /** "+2.73", "−2.73", "0.00"; zero is judged after rounding. */
    signedNumber: (v: number | null | undefined, digits = 2) => {
      if (missing(v)) return "–";
      const shown = fixed(Math.abs(v), digits);
      return sign(shown, v, Number(Math.abs(v).toFixed(digits)) === 0);
    },
    /** A share: 0.42 -> "42 %". */
    percent: (ratio: number | null | undefined, digits = 0) => (missing(ratio) ? "–" : `${fixed(ratio * 100, digits).replace("-", MINUS)}${percentSign}`),
    /** A change: 0.042 -> "+4.2 %", −0.076 -> "−7.6 %". */
    signedPercent: (ratio: number | null | undefined, digits = 1) => {
      if (missing(ratio)) return "–";
      const pct = ratio * 100;
      return `${sign(fixed(Math.abs(pct), digits), pct, Number(Math.abs(pct).toFixed(digits)) === 0)}${percentSign}`;
    },
    /** Money from integer cents with its currency: "$1,234.56" (or whole: "$1,235"). */
    money,
    /** A change of money: "+$12.00", "−$3.50", "$0.00". */
    signedMoney: (cents: number | null | undefined, options: { whole?: boolean } = {}) => {
      if (missing(cents)) return "–";
      const s = money(Math.abs(cents), options);
      const shownZero = options.whole ? Math.round(Math.abs(cents) / 100) === 0 : Math.round(Math.abs(cents)) === 0;
      return shownZero ? s : cents > 0 ? `+${s}` : `${MINUS}${s}`;
    },
    /** Three significant digits (whole digits from 100 up), one minus sign, "+" when `plus`. */
    signed: (value: number, options: { plus?: boolean; significant?: number; decimals?: number } = {}) => formatSigned(value, options),
    /** A calendar day: "Dec 6, 2026" / "2026年12月6日". An ISO day stays that day; an instant is read in the user's zone. */
    date: (v: DateInput) => {
      const d = toDate(v);
      if (!d) return typeof v === "string" && v ? v : "–";
      return isCalendarDay(v) ? day.format(d) : dayInZone.format(d);
    },
    /** A short day for chart ticks: "Dec 6" / "12月6日". */
    shortDay: (isoDate: string) => {
      const d = toDate(isoDate.slice(0, 10));
      return d ? shortDayFmt.format(d) : isoDate;
    },
    /** An instant in the user's time zone: "Dec 6, 2026, 5:15 PM". */
    dateTime: (v: DateInput) => {
      const d = toDate(v);
      return d ? dateTimeFmt.format(d) : "–";
    },
    /** The time of day of an instant in the user's zone: "5:15 PM" / "17:15". */
    time: (v: DateInput) => {
      const d = toDate(v);
      return d ? timeFmt.format(d) : "–";
    },
    /** The user's time zone as shown beside times ("UTC", "GMT+8"). */
    zoneName,
    /** How long, roughly: "45 min", "5 hr", "3 days" / "45分钟", "5小时", "3天". */
    duration: (ms: number) => {
      const minutes = Math.round(Math.abs(ms) / 60_000);
      if (minutes < 60) return units("minute").format(minutes);
      const hours = Math.round(minutes / 60);
      if (hours < 48) return units("hour").format(hours);
      return units("day").format(Math.round(hours / 24));
    },
    /** Fractional units (forecasts, weekly sales): one decimal below 10, whole numbers above; "∞" for no end. */
    units: (v: number | null | undefined) => {
      if (v === null || v === undefined || Number.isNaN(v)) return "–";
      if (!Number.isFinite(v)) return "∞";
      return Math.abs(v) < 10 && !Number.isInteger(v) ? fixed(v, 1).replace("-", MINUS) : integerFmt.format(Math.round(v)).replace("-", MINUS);
    },
    /** A month for chart ticks: "Apr 24" / "24年4月" (a calendar month, the same in every zone). */
    month: (v: DateInput) => {
      const d = toDate(v);
      return d ? monthFmt.format(d) : "–";
    },
    /** A short number for axis ticks: "1.2K" / "1.2万". */
    compact: (n: number | null | undefined) => (missing(n) ? "–" : compactFmt.format(n).replace("-", MINUS)),
    /** "a, b and c" / "a、b和c". */
    list: (items: string[]) => list.format(items),
  };
}

/** The default formatter (English, UTC): for code with no reader (logs, CLI, tests). */
export const englishFormat = createFormat("en", "UTC");

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const integer = new Intl.NumberFormat("en-US");

export function formatMoney(cents: number, options: { cents?: boolean } = {}): string {
  return (options.cents ? usdCents : usd).format(cents / 100);
}

export function formatInteger(n: number): string {
  return integer.format(Math.round(n));
}

export function formatPercentChange(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "–";
  const pct = ratio * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}\u00a0%`;
}

export function formatDateTime(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/**
 * One sign style for every signed figure: "+" for a rise, the true minus sign (U+2212, as wide as "+", so columns
 * line up) for a fall, no sign for zero. Zero is judged after rounding, so −0.04 shown with one decimal is "0.0".
 */
export const MINUS = "\u2212";

/** "+2.73", "−2.73", "0.00"; "–" for a missing value. */
export function formatSignedNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (Number(abs.replace(/,/g, "")) === 0) return abs;
  return value > 0 ? `+${abs}` : `${MINUS}${abs}`;
}

/** A ratio as a signed percentage: 0.042 -> "+4.2 %", −0.076 -> "−7.6 %"; "–" when it cannot be told. */
export function formatSignedPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${formatSignedNumber(ratio * 100, digits)}\u00a0%`;
}

/** A share as an unsigned percentage: 0.42 -> "42 %". */
export function formatPercent(ratio: number | null | undefined, digits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${(ratio * 100).toFixed(digits)}\u00a0%`;
}

/**
 * Money with its currency, from integer cents: "$1,234.56" (cents shown unless `whole`), "–" when missing. Every
 * money figure on screen carries its currency sign, also in chart ticks and tooltips.
 */
export function formatCurrency(cents: number | null | undefined, options: { whole?: boolean } = {}): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "–";
  const s = formatMoney(Math.abs(cents), { cents: !options.whole });
  // A loss reads with the same minus sign as every other negative figure ("−$12.00", not "-$12.00").
  return cents < 0 && s !== formatMoney(0, { cents: !options.whole }) ? `${MINUS}${s}` : s;
}

/** A change of money, signed: "+$12.00", "−$3.50", "$0.00". */
export function formatSignedCurrency(cents: number | null | undefined, options: { whole?: boolean } = {}): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "–";
  const s = formatCurrency(Math.abs(cents), options);
  const shownZero = options.whole ? Math.round(Math.abs(cents) / 100) === 0 : Math.round(Math.abs(cents)) === 0;
  return shownZero ? s : cents > 0 ? `+${s}` : `${MINUS}${s}`;
}

/**
 * A calendar day, in the same year-month-day order as formatDateTime ("2026-12-06"), so dates read alike on every
 * page. Accepts a Date (its UTC day) or an ISO date string, which is shown as it is.
 */
export function formatDate(d: Date | string | null | undefined): string {
  if (d === null || d === undefined) return "–";
  if (typeof d === "string") return /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : d;
  return Number.isNaN(d.getTime()) ? "–" : isoOfMs(d.getTime());
}

/** A short day for chart ticks: "Dec 6" (UTC). */
export function formatShortDay(isoDate: string): string {
  const d = new Date(startOfDayMs(isoDate.slice(0, 10)));
  return Number.isNaN(d.getTime()) ? isoDate : d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** "1 version", "3 versions"; `plural` for irregular words ("1 summary", "2 summaries"). */
export function pluralize(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(n)} ${Math.abs(n) === 1 ? singular : plural}`;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step (1, 2, 2.5 or 5 times a power of ten) at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return (NICE_STEPS.find((s) => s * power >= raw * (1 - 1e-9)) ?? 10) * power;
}

/**
 * Round axis ticks ("nice numbers", Heckbert, Graphics Gems 1990): a step of 1, 2, 2.5 or 5 times a power of ten,
 * chosen so about `count` ticks cover [min, max], and the domain widened to the outer ticks. An axis drawn from these
 * reads $60, $65, $70 instead of $64.79, and fits the data instead of a fixed maximum. `maxTicks` is a hard budget
 * (a wider step when rounding out adds one too many); `bounds` clamps the domain (a share never passes 0 or 1).
 */
export function niceTicks(
  min: number,
  max: number,
  options: number | { count?: number; maxTicks?: number; bounds?: [number, number] } = 5,
): { domain: [number, number]; ticks: number[]; step: number } {
  const { count = 5, maxTicks = Number.POSITIVE_INFINITY, bounds } = typeof options === "number" ? { count: options } : options;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1], step: 1 };
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (hi - lo < 1e-12) {
    // One value: centre it in a small range so the axis still has round ends.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = niceStep((hi - lo) / Math.max(1, Math.min(count, maxTicks) - 1));
  const ends = () => [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step] as const;
  let [first, last] = ends();
  // Rounding both ends out can add a tick too many: take the next nice step up.
  while (Math.round((last - first) / step) + 1 > Math.max(2, maxTicks)) {
    step = niceStep(step * 1.01);
    [first, last] = ends();
  }
  if (bounds) {
    first = Math.max(bounds[0], first);
    last = Math.min(bounds[1], last);
  }
  // Rounded to the step's precision so 0.1 + 0.2 does not become a tick of 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const clean = (v: number) => Number(v.toFixed(decimals));
  const ticks: number[] = [];
  for (let v = first; v <= last + step * 1e-6; v += step) ticks.push(clean(v));
  return { domain: [clean(first), clean(last)], ticks, step };
}

/**
 * A number for display with one kind of minus sign (U+2212, never the hyphen toPrecision/toFixed write), and a "+"
 * on positive values when `plus` is set (changes, differences). Three significant digits by default; values of 100
 * or more keep their whole digits instead of an exponent; `decimals` fixes the decimals instead.
 */
export function formatSigned(value: number, options: { plus?: boolean; significant?: number; decimals?: number } = {}): string {
  if (!Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  const fixed = options.decimals !== undefined ? magnitude.toFixed(options.decimals) : magnitude >= 100 ? magnitude.toFixed(0) : magnitude.toPrecision(options.significant ?? 3);
  if (Number(fixed) === 0) return fixed;
  // A tiny value's exponent ("3.00e-7") gets the same minus.
  const digits = fixed.replace("-", MINUS);
  if (value < 0) return `${MINUS}${digits}`;
  return options.plus ? `+${digits}` : digits;
}
