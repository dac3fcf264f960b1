import { describe, expect, it } from "vitest";
import { createFormat, MINUS, niceTicks } from "@/lib/format";

const en = createFormat("en", "UTC");
const zh = createFormat("zh-CN", "Asia/Shanghai");
const formatSignedNumber = en.signedNumber;
const formatSignedPercent = en.signedPercent;
const formatSignedCurrency = en.signedMoney;
const formatCurrency = en.money;
const formatPercent = en.percent;

describe("signed figures share one sign style", () => {
  it("writes a fall with the true minus sign and a rise with a plus", () => {
    expect(formatSignedNumber(-2.734)).toBe(`${MINUS}2.73`);
    expect(formatSignedNumber(2.734)).toBe("+2.73");
    expect(formatSignedNumber(1234.5, 1)).toBe("+1,234.5");
    expect(formatSignedPercent(-0.076)).toBe(`${MINUS}7.6\u00a0%`);
    expect(formatSignedPercent(0.042)).toBe("+4.2\u00a0%");
    expect(formatSignedCurrency(-350)).toBe(`${MINUS}$3.50`);
    expect(formatSignedCurrency(1200)).toBe("+$12.00");
  });

  it("leaves a figure that rounds to zero unsigned", () => {
    expect(formatSignedNumber(-0.001)).toBe("0.00");
    expect(formatSignedPercent(-0.0004)).toBe("0.0\u00a0%");
    expect(formatSignedCurrency(-0.2)).toBe("$0.00");
    expect(formatSignedCurrency(-40, { whole: true })).toBe("$0");
  });

  it("shows a dash for a missing or impossible value", () => {
    expect(formatSignedNumber(null)).toBe("–");
    expect(formatSignedPercent(Number.NaN)).toBe("–");
    expect(formatCurrency(undefined)).toBe("–");
    expect(formatPercent(Infinity)).toBe("–");
  });
});

describe("money, shares and dates", () => {
  it("always carries the currency", () => {
    expect(formatCurrency(6479)).toBe("$64.79");
    expect(formatCurrency(123456, { whole: true })).toBe("$1,235");
    expect(formatCurrency(-1200)).toBe(`${MINUS}$12.00`);
    expect(formatCurrency(-20, { whole: true })).toBe("$0");
  });

  it("writes a share as a percentage", () => {
    expect(formatPercent(0.42)).toBe("42\u00a0%");
    expect(formatPercent(0.425, 1)).toBe("42.5\u00a0%");
  });

  it("writes a calendar day as that day in every zone, and an instant as the reader's day", () => {
    expect(en.date("2026-12-07")).toBe("Dec 7, 2026");
    expect(zh.date("2026-12-07")).toBe("2026年12月7日");
    // 23:30 UTC on the 6th is already the 7th in Shanghai.
    expect(en.date(new Date("2026-12-06T23:30:00Z"))).toBe("Dec 6, 2026");
    expect(zh.date(new Date("2026-12-06T23:30:00Z"))).toBe("2026年12月7日");
    expect(en.date(new Date("nonsense"))).toBe("–");
    expect(en.shortDay("2026-12-06")).toBe("Dec 6");
    expect(zh.shortDay("2026-12-06")).toBe("12月6日");
  });

  it("writes an instant in the reader's time zone and language", () => {
    const at = new Date("2026-12-06T17:15:00Z");
    expect(en.dateTime(at)).toBe("Dec 6, 2026, 5:15 PM");
    expect(zh.dateTime(at)).toBe("2026年12月7日 01:15");
    expect(createFormat("en", "America/New_York").time(at)).toBe("12:15 PM");
  });

  it("writes money, shares and durations the Chinese way", () => {
    expect(zh.money(123456)).toBe("US$1,234.56");
    expect(zh.signedMoney(-350)).toBe(`${MINUS}US$3.50`);
    expect(zh.percent(0.42)).toBe("42%");
    expect(zh.signedPercent(-0.076)).toBe(`${MINUS}7.6%`);
    expect(zh.duration(45 * 60_000)).toBe("45分钟");
    expect(en.duration(45 * 60_000)).toBe("45 min");
    expect(en.duration(5 * 3_600_000)).toBe("5 hr");
    expect(zh.list(["甲", "乙", "丙"])).toBe("甲、乙和丙");
  });

  it("writes months and short numbers for chart ticks", () => {
    expect(en.month("2024-04-15")).toBe("Apr 24");
    expect(zh.month("2024-04-15")).toBe("24年4月");
    expect(en.compact(1234)).toBe("1.2K");
    expect(zh.compact(12345)).toBe("1.2万");
  });

  it("writes fractional units with one decimal below ten", () => {
    expect(en.units(3.26)).toBe("3.3");
    expect(en.units(1234.4)).toBe("1,234");
    expect(en.units(Infinity)).toBe("∞");
    expect(en.units(-2.5)).toBe(`${MINUS}2.5`);
  });
});

describe("nice axis ticks", () => {
  it("picks round steps that cover the data", () => {
    const { ticks, domain } = niceTicks(58.4, 71.2, 5);
    expect(ticks).toEqual([55, 60, 65, 70, 75]);
    expect(domain).toEqual([55, 75]);
  });

  it("never leaves the data outside the domain", () => {
    for (const [lo, hi] of [
      [0.13, 0.87],
      [3, 1044],
      [64.79, 64.79],
      [-12, 7],
    ] as const) {
      const { domain, ticks } = niceTicks(lo, hi);
      expect(domain[0]).toBeLessThanOrEqual(Math.min(lo, hi));
      expect(domain[1]).toBeGreaterThanOrEqual(Math.max(lo, hi));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });

  it("rounds ticks to the step so none reads like 0.30000000000000004", () => {
    expect(niceTicks(0.1, 0.5, 5).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});
