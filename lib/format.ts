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

const MINUS = "\u2212";

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
