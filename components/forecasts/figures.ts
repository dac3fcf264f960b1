import type { Format } from "@/lib/format";

/**
 * The forecast screens' own figures, through the reader's formatter. A service level shows its tenth when it has
 * one (97.5 %), none otherwise (95 %).
 */
export function serviceLevelText(f: Format, level: number): string {
  const tenths = Math.round(level * 1000);
  return f.percent(level, tenths % 10 === 0 ? 0 : 1);
}

/**
 * Weeks the position lasts, to one decimal; beyond the horizon it is only known to last longer than the horizon,
 * which `beyond` words ("> 12").
 */
export function coverText(f: Format, weeks: number | null | undefined, beyond: () => string): string {
  if (weeks === null || weeks === undefined) return "–";
  return Number.isFinite(weeks) ? f.number(weeks, 1) : beyond();
}
