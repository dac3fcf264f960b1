import { describe, expect, it } from "vitest";
import { dayAxis, dollarAxis, numberAxis } from "@/components/pricing/chart-axes";
import { englishFormat as f, MINUS } from "@/lib/format";

describe("pricing chart axes", () => {
  it("puts round dollar ticks around the prices, each with its currency", () => {
    const axis = dollarAxis(f, [58.99, 64.79, 71.49]);
    expect(axis.ticks).toEqual([55, 60, 65, 70, 75]);
    expect(axis.ticks.map(axis.format)).toEqual(["$55", "$60", "$65", "$70", "$75"]);
  });

  it("keeps cents on a narrow price range", () => {
    const axis = dollarAxis(f, [9.49, 10.29]);
    expect(axis.domain[0]).toBeLessThanOrEqual(9.49);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(10.29);
    expect(axis.format(9.5)).toBe("$9.50");
  });

  it("fits the units axis to the data instead of starting at a fixed maximum", () => {
    const axis = numberAxis(f, [112, 180, 240]);
    expect(axis.domain).toEqual([100, 250]);
  });

  it("spaces date ticks whole days or weeks apart and names them shortly", () => {
    const from = Date.parse("2026-10-01T00:00:00Z");
    const to = Date.parse("2026-12-01T00:00:00Z");
    const axis = dayAxis(f, from, to);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
    expect(axis.ticks.length).toBeLessThanOrEqual(5);
    const steps = axis.ticks.slice(1).map((t, i) => (t - axis.ticks[i]!) / 86_400_000);
    expect(new Set(steps).size).toBe(1);
    expect(axis.format(from)).toBe("Oct 1");
  });
});

describe("pricing figures share the house sign style", () => {
  it("writes falls with the true minus sign", () => {
    expect(f.signedPercent(-0.076)).toBe(`${MINUS}7.6\u00a0%`);
    expect(f.signedMoney(-250)).toBe(`${MINUS}$2.50`);
    expect(f.money(-310)).toBe(`${MINUS}$3.10`);
    expect(f.signedNumber(-2.734)).toBe(`${MINUS}2.73`);
  });
});

describe("units axis decimals", () => {
  it("shows a half step as it is instead of rounding it", () => {
    const axis = numberAxis(f, [1.7, 11.2]);
    expect(axis.ticks.map(axis.format)).toEqual(["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]);
  });
});
