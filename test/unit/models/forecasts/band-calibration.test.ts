import { describe, expect, it } from "vitest";
import { calibrateBand, calibrated, chooseCandidate, type BacktestRecord } from "@/models/forecasts/selection";
import type { QuantileForecast } from "@/models/forecasts/types";
import { mulberry32 } from "@/models/random";

/**
 * Band calibration on series with known noise: level 100 plus N(0, SIGMA) noise, forecast at P50 = 100 by a model
 * whose own band is wrong by a known factor (+-0.4 sigma covers about 31 %, +-3 sigma about 99.7 %, where the true
 * P10-P90 is +-1.28 sigma). The band is calibrated on a backtest shaped like the forecaster's (origins H, H + 7 and
 * H + 14 periods before the end, horizon 13) and then measured on fresh periods after it: it must cover 70-90 %
 * out of sample, which the uncalibrated band does not.
 */
const H = 13;
const SIGMA = 10;
const SERIES = 40;
const LENGTH = 60;

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function bandOf(halfWidth: number, length: number): QuantileForecast {
  return { p10: new Float64Array(length).fill(100 - halfWidth), p50: new Float64Array(length).fill(100), p90: new Float64Array(length).fill(100 + halfWidth) };
}

function backtest(halfWidth: number, seed: number): BacktestRecord[] {
  const random = mulberry32(seed);
  const records: BacktestRecord[] = [];
  for (let series = 0; series < SERIES; series++) {
    const values = Array.from({ length: LENGTH }, () => 100 + SIGMA * gaussian(random));
    for (const origin of [LENGTH - 1 - H, LENGTH - 1 - H - 7, LENGTH - 1 - H - 14]) {
      const actual = Float64Array.from({ length: H }, (_, h) => values[origin + 1 + h]!);
      records.push({ series, origin, actual, members: { "holt-winters": bandOf(halfWidth, H) }, scale: SIGMA, start: 0 });
    }
  }
  return records;
}

/** Coverage of a band (after the factors) on `points` fresh draws of the same noise. */
function outOfSampleCoverage(halfWidth: number, band: { lowScale: number; highScale: number }, seed: number, points = 4000): number {
  const random = mulberry32(seed);
  const f = calibrated(bandOf(halfWidth, 1), band.lowScale, band.highScale, true);
  let inside = 0;
  for (let k = 0; k < points; k++) {
    const a = 100 + SIGMA * gaussian(random);
    if (a >= f.p10[0]! && a <= f.p90[0]!) inside++;
  }
  return inside / points;
}

describe("band calibration from backtest residuals", () => {
  for (const [label, halfWidth] of [
    ["too narrow", 0.4 * SIGMA],
    ["too wide", 3 * SIGMA],
  ] as const) {
    it(`brings a ${label} band to 70-90 % coverage out of sample`, () => {
      const band = calibrateBand(backtest(halfWidth, 7), ["holt-winters"]);
      const raw = outOfSampleCoverage(halfWidth, { lowScale: 1, highScale: 1 }, 99);
      const after = outOfSampleCoverage(halfWidth, band, 99);
      expect(raw < 0.7 || raw > 0.9).toBe(true);
      expect(after).toBeGreaterThanOrEqual(0.7);
      expect(after).toBeLessThanOrEqual(0.9);
    });
  }

  it("takes the finite-sample level over scored points and records the periods they span", () => {
    const band = calibrateBand(backtest(0.4 * SIGMA, 7), ["holt-winters"]);
    // Origins 46, 39 and 32 forecast periods 33..59: 27 periods, 40 series x 3 origins x 13 horizons = 1560 points.
    expect(band.calibration).toMatchObject({ points: 1560, periods: 27 });
    expect(band.calibration!.level).toBeCloseTo(0.9 * (1 + 1 / 1560), 12);
    expect(band.calibration!.rawCoverage).toBeLessThan(0.4);
  });

  it("records the calibration and its backtest coverage on the chosen candidate; P50 is untouched", () => {
    const records = backtest(0.4 * SIGMA, 7);
    const choice = chooseCandidate(records, (m) => m.length === 1 && m[0] === "holt-winters", true);
    expect(choice.calibration?.periods).toBe(27);
    expect(choice.backtest.coverage).toBeGreaterThan(0.78);
    expect(choice.backtest.coverage).toBeLessThan(0.9);
    const f = calibrated(bandOf(4, 3), choice.lowScale, choice.highScale, true);
    expect(Array.from(f.p50)).toEqual([100, 100, 100]);
  });

  it("keeps the model's own band when the backtest is too small to calibrate", () => {
    const few = backtest(0.4 * SIGMA, 7).slice(0, 1);
    expect(calibrateBand(few, ["holt-winters"])).toEqual({ lowScale: 1, highScale: 1 });
  });
});
