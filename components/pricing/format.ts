import { formatCurrency, formatSignedCurrency, formatSignedPercent, MINUS } from "@/lib/format";

/**
 * Display helpers of the pricing screens. Money arrives in integer cents (prices, revenue, profit), except the
 * optimiser's own numbers stored as it gave them (guardrail adjustments and competitor prices of a run: dollars).
 */
/** A price or amount of money, always with its currency and a true minus sign for a loss: "$12.99", "−$3.10". */
export const price = (cents: number | null | undefined) => formatCurrency(cents);

export const dollars = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "–" : formatCurrency(Math.round(v * 100)));

/** A change already in percent (4.2 means +4.2 %). */
export function formatPct(pct: number | null | undefined, digits = 1): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return "–";
  return formatSignedPercent(pct / 100, digits);
}

/** A change of money: cents shown below $100, whole dollars above. */
export function signedMoney(cents: number): string {
  return formatSignedCurrency(cents, { whole: Math.abs(cents) >= 10_000 });
}

export function formatWeeklyUnits(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return Math.abs(v) < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");
}

export function signedUnits(v: number): string {
  const s = formatWeeklyUnits(Math.abs(v));
  return v > 0 ? `+${s}` : v < 0 ? `${MINUS}${s}` : s;
}

/** "Bound by" keys (GUARDRAIL_ORDER, "conflict" when no price met every guardrail, "none" for a free choice) in words. */
export const guardrailLabels: Record<string, string> = {
  maxChange: "Max change",
  competitor: "Competitor",
  floorCeiling: "Floor / ceiling",
  priceEnding: "Price ending",
  marginFloor: "Margin floor",
  conflict: "Guardrails conflict",
  none: "Not bound",
};

export const statusLabels: Record<string, string> = {
  pending: "pending",
  awaiting_second: "awaiting second",
  approved: "approved",
  rejected: "rejected",
};

export const objectiveLabels: Record<string, string> = { profit: "Maximise profit", revenue: "Maximise revenue" };

export const competitorRuleLabels: Record<string, string> = {
  none: "No competitor rule",
  maxAboveCheapest: "At most X % above the cheapest competitor",
  matchAverage: "Within X % of the competitors' average",
};

export const priceEndingLabels: Record<string, string> = { "0.99": "Ends in .99", "0.95": "Ends in .95", whole: "Whole dollars", any: "Any cent" };
