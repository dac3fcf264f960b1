import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { formatMoney, formatPercentChange } from "@/lib/format";

describe("formatting", () => {
  it("formats integer cents as dollars", () => {
    expect(formatMoney(123456)).toBe("$1,235");
    expect(formatMoney(123456, { cents: true })).toBe("$1,234.56");
  });

  it("shows a dash when there is nothing to compare with", () => {
    expect(formatPercentChange(null)).toBe("–");
    expect(formatPercentChange(0.1234)).toBe("+12.3\u00a0%");
    expect(formatPercentChange(-0.05)).toBe("-5.0\u00a0%");
  });

  it("adds days across month and leap-year ends in UTC", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });
});
