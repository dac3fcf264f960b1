import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { createFormat, MINUS } from "@/lib/format";

const en = createFormat("en");

describe("formatting", () => {
  it("formats integer cents as dollars", () => {
    expect(en.money(123456, { whole: true })).toBe("$1,235");
    expect(en.money(123456)).toBe("$1,234.56");
  });

  it("shows a dash when there is nothing to compare with", () => {
    expect(en.signedPercent(null)).toBe("–");
    expect(en.signedPercent(0.1234)).toBe("+12.3\u00a0%");
    expect(en.signedPercent(-0.05)).toBe(`${MINUS}5.0\u00a0%`);
  });

  it("adds days across month and leap-year ends in UTC", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });
});
