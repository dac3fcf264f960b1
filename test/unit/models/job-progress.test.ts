import { describe, expect, it } from "vitest";
import { advanceFraction, startTrack, type FractionTrack } from "@/lib/jobs/progress";

const run = (reports: number[]) => {
  let track: FractionTrack = startTrack;
  return reports.map((r) => (track = advanceFraction(track, r)).shown);
};

describe("advanceFraction", () => {
  it("follows the reported fraction while it only grows", () => {
    expect(run([0, 0.1, 0.5, 0.9, 1])).toEqual([0, 0.1, 0.5, 0.9, 1]);
  });

  it("holds where it was when a stage reports a lower fraction, then moves on with that stage into what is left", () => {
    const shown = run([0.45, 0.3, 0.45, 0.6, 1]);
    expect(shown[1]).toBe(0.45);
    // From (0.30, 0.45) to (1, 1): 0.45 + (r - 0.30) * 0.55 / 0.70.
    expect(shown[2]).toBeCloseTo(0.45 + (0.15 * 0.55) / 0.7, 10);
    expect(shown[3]).toBeCloseTo(0.45 + (0.3 * 0.55) / 0.7, 10);
    expect(shown[4]).toBe(1);
  });

  it("never goes back, whatever is reported, and ignores values that are not numbers", () => {
    const reports = [0.2, 0.9, 0.1, 0.05, 0.5, Number.NaN, 0.4, 2, -1];
    const shown = run(reports);
    shown.forEach((v, i) => i > 0 && expect(v).toBeGreaterThanOrEqual(shown[i - 1]!));
    expect(shown.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
