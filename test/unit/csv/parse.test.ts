import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/lib/csv/parse";

describe("parseCsvText", () => {
  it("strips a BOM, trims header names and reads CRLF files", () => {
    const parsed = parseCsvText("\uFEFF sku , Name\r\nA-1,Knife\r\nA-2,Fork\r\n");
    expect(parsed.headers).toEqual(["sku", "Name"]);
    expect(parsed.rows).toEqual([
      { line: 2, values: { sku: "A-1", Name: "Knife" } },
      { line: 3, values: { sku: "A-2", Name: "Fork" } },
    ]);
    expect(parsed.errors).toEqual([]);
  });

  it("counts skipped blank lines and line breaks inside quotes, so lines match the file", () => {
    const text = ["a,b", "1,2", "", "   ,  ", '"multi', 'line",3', "4,5", "", ""].join("\n");
    const parsed = parseCsvText(text);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5, 7]);
    expect(parsed.rows[1]?.values.a).toBe("multi\nline");
  });

  it("numbers the last line right when the file has no final line break", () => {
    expect(parseCsvText("a\n1\n2").rows.map((r) => r.line)).toEqual([2, 3]);
    expect(parseCsvText("a\r1\r2\r").rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("reports rows with too few or too many values by line, and ignores a stray trailing comma", () => {
    const parsed = parseCsvText("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n");
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(parsed.errors[0]?.message).toMatch(/has 2 values but the header has 3 columns/);
  });

  it("reports an unclosed quote", () => {
    const parsed = parseCsvText('a,b\n1,2\n"oops,3\n4,5\n');
    expect(parsed.errors[0]).toMatchObject({ line: 3 });
    expect(parsed.errors[0]?.message).toMatch(/quoted value is not closed/);
  });

  it("reports a malformed quote on the line where it starts", () => {
    // papaparse reads on to the end of the file looking for the closing quote.
    const parsed = parseCsvText('a,b\n1,2\n"x"y,2\n3,4\n');
    expect(parsed.errors).toMatchObject([{ line: 3 }]);
    expect(parsed.errors[0]?.message).toMatch(/quote/);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
  });

  it("keeps duplicate header names so they can be reported, without losing the first column", () => {
    const parsed = parseCsvText("qty,qty\n1,2\n");
    expect(parsed.headers).toEqual(["qty", "qty"]);
    expect(parsed.rows[0]?.values.qty).toBe("1");
  });

  it("returns no headers for an empty file", () => {
    expect(parseCsvText("").headers).toEqual([]);
    expect(parseCsvText("\uFEFF\r\n\r\n").headers).toEqual([]);
  });
});
