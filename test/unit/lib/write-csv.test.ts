import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv/write-csv";

describe("toCsv", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it("neutralises cells that a spreadsheet would run as formulas", () => {
    expect(toCsv(["a"], [["=HYPERLINK(1)"], [-5]])).toBe("a\r\n'=HYPERLINK(1)\r\n-5\r\n");
  });
});
