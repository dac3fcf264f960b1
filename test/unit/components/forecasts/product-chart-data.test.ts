import { describe, expect, it } from "vitest";
import { productChartData, type ChartInput } from "@/components/forecasts/product-chart-data";
import { englishFormat } from "@/lib/format";
import { inEnglish } from "@/lib/i18n/translate";

const week = (w: string, p50: number, override: number | null = null) => ({
  week: w,
  p50: override ?? p50,
  model: { p10: p50 * 0.5, p50, p90: p50 * 1.5 },
  override: override === null ? null : { units: override, reason: "promotion" },
});

const input = (weeks: ChartInput["weeks"]): ChartInput => ({
  firstWeek: "2024-03-04",
  history: [
    { week: "2024-02-19", units: 30, stockoutDays: 0 },
    { week: "2024-02-26", units: 37, stockoutDays: 2 },
  ],
  recent: null,
  weeks,
  promotions: [],
  holidays: [],
});

describe("the product chart's points", () => {
  it("draws the model's band and P50, and the adjusted P50 on every forecast week once a week is overridden", () => {
    const { points, overridden, yTicks } = productChartData(input([week("2024-03-04", 20), week("2024-03-11", 20, 90), week("2024-03-18", 20)]), englishFormat, inEnglish);
    expect(overridden).toBe(true);
    const ahead = points.filter((p) => p.band !== null);
    expect(ahead.map((p) => [p.band, p.modelP50, p.adjustedP50])).toEqual([
      [[10, 30], 20, 20],
      [[10, 30], 20, 90],
      [[10, 30], 20, 20],
    ]);
    // The tooltip names the override and the stockout in words.
    expect(ahead[1]!.notes).toEqual(["Overridden (Promotion): model P50 20 → 90"]);
    expect(points.find((p) => p.week === "2024-02-26")!.notes).toEqual(["Out of stock on 2 days: sales understate demand"]);
    // The value axis reaches a round number just above the override, the highest value drawn.
    expect(yTicks).toEqual([0, 25, 50, 75, 100]);
  });

  it("draws no adjusted line when no week is overridden, and fits the axis to the actuals and band", () => {
    const { points, overridden, yTicks, xTicks } = productChartData(input([week("2024-03-04", 20), week("2024-03-11", 20)]), englishFormat, inEnglish);
    expect(overridden).toBe(false);
    expect(points.every((p) => p.adjustedP50 === null)).toBe(true);
    expect(yTicks[yTicks.length - 1]).toBe(40);
    expect(xTicks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(["2024-03-01"]);
  });
});
