/** Display helpers. Money arrives as integer cents and is only turned into a decimal string at the edge. */
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
  return Number.isNaN(d.getTime()) ? "–" : d.toISOString().slice(0, 10);
}

/** A short day for chart ticks: "Dec 6" (UTC). */
export function formatShortDay(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** "1 version", "3 versions"; `plural` for irregular words ("1 summary", "2 summaries"). */
export function pluralize(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(n)} ${Math.abs(n) === 1 ? singular : plural}`;
}

/**
 * Round axis ticks ("nice numbers", Heckbert, Graphics Gems 1990): a step of 1, 2, 2.5 or 5 times a power of ten,
 * chosen so about `count` ticks cover [min, max], and the domain widened to the outer ticks. An axis drawn from these
 * reads $60, $65, $70 instead of $64.79, and fits the data instead of a fixed maximum.
 */
export function niceTicks(min: number, max: number, count = 5): { domain: [number, number]; ticks: number[]; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1], step: 1 };
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    // One value: centre it in a small range so the axis still has round ends.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  // Rounded to the step's precision so 0.1 + 0.2 does not become a tick of 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { domain: [ticks[0] ?? first, ticks[ticks.length - 1] ?? last], ticks, step };
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
