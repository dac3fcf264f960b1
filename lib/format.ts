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
