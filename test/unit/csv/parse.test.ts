import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/translate";
import { CsvReader, maxRowChars } from "@/lib/csv/parse";
import type { LineError } from "@/lib/csv/types";

type Parsed = { headers: string[]; rows: { line: number; values: Record<string, string> }[]; errors: LineError[] };

/** Pushes `text` in chunks of `size` characters; rows come back keyed by header (a repeated header keeps its first column). */
function readInChunks(text: string, size: number, sampleChars?: number): Parsed {
  const parsed: Parsed = { headers: [], rows: [], errors: [] };
  const reader = new CsvReader(
    {
      header: (names) => parsed.headers.push(...names),
      row: ({ line, values }) => {
        const record: Record<string, string> = {};
        parsed.headers.forEach((name, i) => {
          if (!(name in record)) record[name] = values[i] ?? "";
        });
        parsed.rows.push({ line, values: record });
      },
      error: (error) => parsed.errors.push(error),
    },
    sampleChars,
  );
  for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
  reader.end();
  return parsed;
}

/**
 * The text read whole, and cut into chunks of 1, 2, 3, 5 and 8 characters with the delimiter guessed from the first
 * chunk, so every row, quote, CR/LF pair and BOM is also cut at every point: all must read the same.
 */
function parseCsvText(text: string): Parsed {
  const whole = readInChunks(text, Math.max(1, text.length));
  for (const size of [1, 2, 3, 5, 8]) expect(readInChunks(text, size, 1), `chunks of ${size}`).toEqual(whole);
  return whole;
}

describe("CsvReader", () => {
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

  it("takes the first line that is not blank as the header, and counts the blank ones before it", () => {
    const parsed = parseCsvText("\n \r\n a ,b\n1,2\n");
    expect(parsed.headers).toEqual(["a", "b"]);
    expect(parsed.rows).toEqual([{ line: 4, values: { a: "1", b: "2" } }]);
  });

  it("reads quoted values with escaped quotes, CRLF inside quotes and semicolon files", () => {
    const parsed = parseCsvText('a,b\r\n"q""r","x\r\ny"\r\n3,4\r\n');
    expect(parsed.rows).toEqual([
      { line: 2, values: { a: 'q"r', b: "x\ny" } },
      { line: 4, values: { a: "3", b: "4" } },
    ]);
    expect(readInChunks("a;b\n1;2\n", 100).rows).toEqual([{ line: 2, values: { a: "1", b: "2" } }]);
  });

  it("reports rows with too few or too many values by line, and ignores a stray trailing comma", () => {
    const parsed = parseCsvText("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n");
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(inEnglish(parsed.errors[0]!.message)).toMatch(/has 2 values but the header has 3 columns/);
  });

  it("reports an unclosed quote", () => {
    const parsed = parseCsvText('a,b\n1,2\n"oops,3\n4,5\n');
    expect(parsed.errors[0]).toMatchObject({ line: 3 });
    expect(inEnglish(parsed.errors[0]!.message)).toMatch(/quoted value is not closed/);
  });

  it("reports a malformed quote on the line where it starts", () => {
    // papaparse reads on to the end of the file looking for the closing quote.
    const parsed = parseCsvText('a,b\n1,2\n"x"y,2\n3,4\n');
    expect(parsed.errors).toMatchObject([{ line: 3 }]);
    expect(inEnglish(parsed.errors[0]!.message)).toMatch(/quote/);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
  });

  it("stops at a row longer than the limit instead of holding the rest of the file", () => {
    const rows: string[] = [];
    const reader = new CsvReader({ header: () => undefined, row: (r) => rows.push(String(r.line)), error: (e) => rows.push(`error ${e.line}`) });
    reader.push('a,b\n1,2\n\n"never closed,');
    const filler = "x".repeat(64 * 1024);
    for (let pushed = 0; pushed <= maxRowChars; pushed += filler.length) reader.push(filler);
    reader.push("\n5,6\n");
    reader.end();
    expect(rows).toEqual(["2", "error 4"]);
  });

  it("keeps duplicate header names so they can be reported, without losing the first column", () => {
    const parsed = parseCsvText("qty,qty\n1,2\n");
    expect(parsed.headers).toEqual(["qty", "qty"]);
    expect(parsed.rows[0]?.values.qty).toBe("1");
  });

  it("finds no header in an empty file", () => {
    const seen: string[][] = [];
    for (const text of ["", "\uFEFF\r\n\r\n"]) {
      const reader = new CsvReader({ header: (names) => seen.push(names), row: () => undefined, error: () => undefined });
      reader.push(text);
      reader.end();
      expect(reader.headers).toBeNull();
    }
    expect(seen).toEqual([]);
  });
});
