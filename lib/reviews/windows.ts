import { max } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { reviews } from "@/lib/schema";
import { DAY_MS } from "@/lib/dates";

export { DAY_MS };

/**
 * The Reviews pages' time windows, counted back from the newest review (a demo store's dates are not today's, and
 * an import of old reviews must not make every product look silent): the trend compares the last 30 days with the
 * 90 before, the surge alert the last 14 days with the 180 before, the sparkline shows 12 weeks.
 */
export type ReviewWindows = { asOf: number; recentFrom: number; previousFrom: number; surgeFrom: number; baselineFrom: number; weeksFrom: number };

export const SPARKLINE_WEEKS = 12;

export async function reviewWindows(db: Db): Promise<ReviewWindows | null> {
  const asOf = (await db.select({ t: max(reviews.createdAt) }).from(reviews).get())?.t?.getTime();
  if (asOf == null) return null;
  return {
    asOf,
    recentFrom: asOf - 30 * DAY_MS,
    previousFrom: asOf - 120 * DAY_MS,
    surgeFrom: asOf - 14 * DAY_MS,
    baselineFrom: asOf - 194 * DAY_MS,
    weeksFrom: asOf - SPARKLINE_WEEKS * 7 * DAY_MS,
  };
}

/** Index of the week (0 = oldest of the sparkline) a time falls in. */
export function weekIndex(windows: ReviewWindows, at: number): number {
  return SPARKLINE_WEEKS - 1 - Math.floor((windows.asOf - at) / (7 * DAY_MS));
}
