import { describe, expect, it } from "vitest";
import { parseCents, parseDateTime, parseWholeNumber } from "@/lib/csv/values";
import { inEnglish } from "@/lib/i18n/translate";

const cents = (raw: string) => {
  const r = parseCents(raw);
  return r.ok ? r.value : inEnglish(r.message);
};

describe("parseCents", () => {
  it("turns decimal strings into exact cents", () => {
    expect(cents("2.95")).toBe(295);
    expect(cents("0.29")).toBe(29);
    expect(cents("4.35")).toBe(435);
    expect(cents("12")).toBe(1200);
    expect(cents("12.5")).toBe(1250);
    expect(cents(".5")).toBe(50);
    expect(cents("0")).toBe(0);
    expect(cents(" 7.10 ")).toBe(710);
  });

  it("rounds the third decimal half away from zero, where float*100 would drift", () => {
    // Math.round(1.005 * 100) is 100: 1.005 is stored as 1.00499999...
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(cents("1.005")).toBe(101);
    expect(cents("1.0049")).toBe(100);
    expect(cents("-2.675")).toBe(-268);
    expect(cents("0.125")).toBe(13);
  });

  it("accepts a currency sign, a minus and thousands commas", () => {
    expect(cents("$1,234.50")).toBe(123450);
    expect(cents("-£3.20")).toBe(-320);
    expect(cents("€0.99")).toBe(99);
  });

  it("refuses what is not an amount, saying what it got", () => {
    expect(cents("abc")).toBe("expected an amount like 12.50, got 'abc'");
    expect(cents("1,23")).toMatch(/expected an amount/);
    expect(cents("1.2.3")).toMatch(/expected an amount/);
    expect(cents("")).toMatch(/expected an amount/);
    expect(cents("1e3")).toMatch(/expected an amount/);
    expect(cents("--1")).toMatch(/expected an amount/);
  });
});

describe("parseWholeNumber", () => {
  it("reads integers, including spreadsheet-style 3.0", () => {
    expect(parseWholeNumber("12")).toEqual({ ok: true, value: 12 });
    expect(parseWholeNumber("-71")).toEqual({ ok: true, value: -71 });
    expect(parseWholeNumber("3.0")).toEqual({ ok: true, value: 3 });
  });

  it("refuses fractions and words", () => {
    expect(parseWholeNumber("abc")).toEqual({ ok: false, message: { key: "data.problems.wholeNumber", values: { value: "'abc'" } } });
    expect(parseWholeNumber("1.5").ok).toBe(false);
    expect(parseWholeNumber("99999999999999999999").ok).toBe(false);
  });
});

describe("parseDateTime", () => {
  const at = (raw: string) => {
    const r = parseDateTime(raw);
    return r.ok ? new Date(r.value.ms).toISOString() : inEnglish(r.message);
  };

  it("reads ISO dates and times, zone-less ones as UTC", () => {
    expect(at("2011-03-10")).toBe("2011-03-10T00:00:00.000Z");
    expect(at("2011-03-10 16:16:00")).toBe("2011-03-10T16:16:00.000Z");
    expect(at("2011-03-10T16:16")).toBe("2011-03-10T16:16:00.000Z");
    expect(at("2011-03-10T16:16:05Z")).toBe("2011-03-10T16:16:05.000Z");
    expect(at("2011-03-10T16:16:05.250Z")).toBe("2011-03-10T16:16:05.250Z");
    expect(at("2011-03-10T16:16:00+02:00")).toBe("2011-03-10T14:16:00.000Z");
  });

  it("reads DD/MM/YYYY as day first", () => {
    expect(at("31/03/2024")).toBe("2024-03-31T00:00:00.000Z");
    expect(at("1/2/2024")).toBe("2024-02-01T00:00:00.000Z");
    expect(at("01/02/2024 08:30")).toBe("2024-02-01T08:30:00.000Z");
  });

  it("gives the UTC calendar date the instant falls on", () => {
    const r = parseDateTime("2024-03-01T23:30:00-02:00");
    expect(r.ok && r.value.date).toBe("2024-03-02");
  });

  it("refuses impossible days and formats it would have to guess", () => {
    expect(at("2011-02-30")).toMatch(/no such day/);
    expect(at("03/31/2024")).toMatch(/no such day/);
    expect(at("2011-03-10 25:00:00")).toMatch(/out of range/);
    expect(at("10 March 2011")).toMatch(/^expected a date like 2024-03-31/);
    expect(at("11-03-10")).toMatch(/^expected a date/);
    expect(at("yesterday")).toBe("expected a date like 2024-03-31, 2024-03-31 14:05:00 or 31/03/2024, got 'yesterday'");
  });
});
