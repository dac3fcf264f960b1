import { describe, expect, it } from "vitest";
import { findOutlierPeriods, pointTotal } from "@/lib/overview/outliers";
import { addDays } from "@/lib/dates";

// A weekly rhythm (weekends 40 % busier) around 1,000 a day, deterministic.
const days = (n: number) => Array.from({ length: n }, (_, i) => ({ period: addDays("2026-09-01", i), total: 1000 + (i % 7 >= 5 ? 400 : 0) + ((i * 37) % 50) }));

describe("outlier days", () => {
  it("flags a load-test day far above the rest", () => {
    const points = days(60);
    points[20] = { period: points[20]!.period, total: 250_000 };
    const check = findOutlierPeriods(points);
    expect([...check.outliers]).toEqual([points[20]!.period]);
    expect(check.threshold).not.toBeNull();
  });

  it("leaves an ordinary weekly rhythm and a Black Friday five times the usual day alone", () => {
    const points = days(60);
    points[30] = { period: points[30]!.period, total: 5200 };
    expect(findOutlierPeriods(points).outliers.size).toBe(0);
  });

  it("does not flag quiet days, only spikes", () => {
    const points = days(60);
    points[10] = { period: points[10]!.period, total: 0 };
    expect(findOutlierPeriods(points).outliers.size).toBe(0);
  });

  it("flags nothing on too few periods or a series of zeros", () => {
    expect(findOutlierPeriods(days(5).map((p, i) => (i === 2 ? { ...p, total: 1e9 } : p))).outliers.size).toBe(0);
    const flat = Array.from({ length: 20 }, (_, i) => ({ period: addDays("2026-01-01", i), total: 0 }));
    expect(findOutlierPeriods(flat).outliers.size).toBe(0);
  });

  it("stays robust when several days spike at once", () => {
    const points = days(90);
    for (const i of [5, 40, 41]) points[i] = { period: points[i]!.period, total: 90_000 };
    expect(findOutlierPeriods(points).outliers.size).toBe(3);
  });

  it("flags a day more than ten robust deviations (at least half the median each) above the median", () => {
    const flat = Array.from({ length: 20 }, (_, i) => ({ period: addDays("2026-01-01", i), total: i === 4 ? 3100 : i === 9 ? 2900 : 500 }));
    const check = findOutlierPeriods(flat);
    expect(check.threshold).toBe(500 + 10 * 250);
    expect([...check.outliers]).toEqual(["2026-01-05"]);
  });

  it("sums every channel of a chart point", () => {
    expect(pointTotal({ period: "2026-01-01", web: 10, app: 2.5, store: 0 })).toBe(12.5);
  });
});
