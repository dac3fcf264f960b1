import { describe, expect, it } from "vitest";
import { formatMonth, formatWeekStart, monthTicks, niceTicks, weekMonthTicks } from "@/components/forecasts/chart-ticks";
import { methodLabel } from "@/components/forecasts/plain-words";
import { createFormat, englishFormat } from "@/lib/format";
import { inEnglish, translate } from "@/lib/i18n/translate";

const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("value-axis ticks", () => {
  it("steps by round numbers from at or below the lowest value to at or above the highest", () => {
    expect(niceTicks(0, 87)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(3.2, 7.9)).toEqual([2, 4, 6, 8]);
    expect(niceTicks(0, 0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it("spans negative values (FVA below zero) and a flat series", () => {
    expect(niceTicks(-34, 12)).toEqual([-40, -20, 0, 20]);
    expect(niceTicks(5, 5)).toEqual([4.5, 4.75, 5, 5.25, 5.5]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
});

describe("time-axis ticks", () => {
  it("ticks month starts, thinned to every few months over a long span", () => {
    const ticks = monthTicks(at("2023-03-08"), at("2024-06-01"), 8);
    expect(ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(["2023-05-01", "2023-07-01", "2023-09-01", "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01"]);
    expect(formatMonth(englishFormat, at("2024-04-01"))).toBe("Apr\u00a024");
    expect(formatMonth(createFormat("zh-CN"), at("2024-04-01"))).toBe("24年4月");
  });

  it("gives a week axis the first week starting in each tick month", () => {
    const weeks = ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25", "2024-04-01", "2024-04-08", "2024-04-29", "2024-05-06"];
    expect(weekMonthTicks(weeks)).toEqual(["2024-03-04", "2024-04-01", "2024-05-06"]);
    expect(formatWeekStart(englishFormat, "2024-05-06")).toBe("May\u00a06");
    expect(formatWeekStart(createFormat("zh-CN"), "2024-05-06")).toBe("5月6日");
  });
});

describe("model names", () => {
  it("reads a model id or a blend of them in plain words, and leaves an unknown id as it is", () => {
    expect(methodLabel("network", inEnglish)).toBe("Neural network");
    expect(methodLabel("network+tsb", inEnglish)).toBe("Blend: Neural network + Intermittent-demand smoothing");
    expect(methodLabel("prophet", inEnglish)).toBe("prophet");
    expect(methodLabel("network+tsb", (m) => translate("zh-CN", m))).toBe("组合：神经网络 + 间歇需求平滑");
  });
});
