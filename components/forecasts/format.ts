/** Display helpers of the forecast screens: forecasts are fractional units, so slow movers keep one decimal. */
export function formatUnits(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  if (!Number.isFinite(v)) return "∞";
  return Math.abs(v) < 10 && !Number.isInteger(v) ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");
}

/** Weeks the position lasts; beyond the horizon it is only known to be "more than" the horizon. */
export function formatCover(weeks: number | null | undefined, horizonWeeks: number): string {
  if (weeks === null || weeks === undefined) return "–";
  if (!Number.isFinite(weeks)) return `> ${horizonWeeks}`;
  return weeks.toFixed(1);
}

export function formatServiceLevel(sl: number): string {
  return `${Math.round(sl * 1000) / 10}\u00a0%`;
}

export function formatRatio(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits);
}

export function formatPercent(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : `${(v * 100).toFixed(1)}\u00a0%`;
}

export const overrideReasonLabels: Record<string, string> = {
  promotion: "Promotion",
  event: "Event",
  supply: "Supply constraint",
  new_info: "New information",
  correction: "Correction",
  other: "Other",
};
