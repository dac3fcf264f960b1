import type { Format } from "@/lib/format";
import type { Messages } from "@/lib/i18n/messages";
import type { SentimentShare } from "@/lib/reviews/types";

/**
 * Figures of the review pages in the reader's locale (through the one formatter): shares as whole percentages with
 * their interval, changes in percentage points, stars with one decimal. "–" where there is nothing to show.
 */

/** "82 % (76–87)": the positive share with its 95 % interval; "–" with no scored review. */
export function shareText(f: Format, s: SentimentShare | null | undefined): string {
  if (!s || s.reviews === 0) return "–";
  return `${f.percent(s.positiveShare)} (${f.integer(s.low * 100)}–${f.integer(s.high * 100)})`;
}

/** The positive share of a window alone ("82 %"), "–" when it had no scored review. */
export function windowShare(f: Format, s: SentimentShare): string {
  return s.reviews > 0 ? f.percent(s.positiveShare) : "–";
}

/** "4.2 ★"; "–" for none. */
export function starsText(f: Format, stars: number | null | undefined): string {
  return stars === null || stars === undefined || !Number.isFinite(stars) || stars === 0 ? "–" : `${f.number(stars, 1)}\u00a0★`;
}

/**
 * A change of share in percentage points, signed ("+6", "−12", "±0"), for the catalogue's `points` message
 * ("+6 pts"); null when it cannot be told.
 */
export function signedPoints(f: Format, change: number | null | undefined): string | null {
  if (change === null || change === undefined || !Number.isFinite(change)) return null;
  const shown = f.signedNumber(change * 100, 0);
  return Math.round(Math.abs(change * 100)) === 0 ? `±${shown}` : shown;
}

/** Text colour of a change: a fall is red, a rise green. */
export function changeTone(change: number | null | undefined): string {
  if (change === null || change === undefined || Math.abs(change) < 0.005) return "";
  return change < 0 ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400";
}

type AspectKey = `aspects.${keyof Messages["reviews"]["aspects"]}`;
type ReviewsT = { (key: AspectKey): string; has: (key: AspectKey) => boolean };

/**
 * An aspect's name for the reader: the seeded aspects (quality, delivery…) are in the catalogue; an aspect the score
 * job found in the reviews themselves is named by its own word, as stored.
 */
export function aspectName(t: ReviewsT, aspect: string, stored: string): string {
  const key = `aspects.${aspect}` as AspectKey;
  return t.has(key) ? t(key) : stored;
}
