/**
 * One overall fraction of a job that only grows. Trainers report each stage's fraction on their own scale, and some
 * go back (the fraud fit's cross-validation reports 0.30..0.45 after its classifier reached 0.45; a stage that early-
 * stops jumps ahead), so the raw value shown as a progress bar jumped back or froze for a whole stage.
 *
 * The shown value follows the reported one through a straight map anchored at a point (reported, shown) and ending at
 * (1, 1). While reports grow the map is unchanged (identity until the first step back). A report below what the map
 * has shown re-anchors it at (that report, the value shown): the bar holds there and then moves on in proportion to
 * the stage's own progress into what is left, instead of freezing until the stage catches up. It reaches 1 when the
 * job reports 1.
 */
export type FractionTrack = { shown: number; anchorReported: number; anchorShown: number };

export const startTrack: FractionTrack = { shown: 0, anchorReported: 0, anchorShown: 0 };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function advanceFraction(track: FractionTrack, reported: number): FractionTrack {
  if (!Number.isFinite(reported)) return track;
  const r = clamp01(reported);
  const span = 1 - track.anchorReported;
  const mapped = span <= 0 ? 1 : track.anchorShown + ((r - track.anchorReported) * (1 - track.anchorShown)) / span;
  if (mapped < track.shown) return { shown: track.shown, anchorReported: r, anchorShown: track.shown };
  return { ...track, shown: Math.min(1, mapped) };
}
