import { describe, expect, it } from "vitest";
import { formatSigned } from "@/lib/format";

describe("formatSigned", () => {
  it("writes every negative with the minus sign U+2212, never a hyphen", () => {
    expect(formatSigned(-0.01234)).toBe("\u22120.0123");
    expect(formatSigned(-1234.6)).toBe("\u22121235");
    expect(formatSigned(-2.5, { decimals: 2 })).toBe("\u22122.50");
    expect(formatSigned(-3e-7)).not.toContain("-");
  });

  it("marks positive changes with a plus only when asked, and leaves zero unsigned", () => {
    expect(formatSigned(0.5, { plus: true })).toBe("+0.500");
    expect(formatSigned(0.5)).toBe("0.500");
    expect(formatSigned(-0.00001, { decimals: 2, plus: true })).toBe("0.00");
    expect(formatSigned(0, { plus: true })).toBe("0.00");
  });

  it("shows a dash for values that are not numbers", () => {
    expect(formatSigned(Number.NaN)).toBe("–");
    expect(formatSigned(Number.POSITIVE_INFINITY)).toBe("–");
  });
});
