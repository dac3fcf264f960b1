import Papa from "papaparse";
import type { LineError } from "./types";

/** A data row keyed by header name, with the line of the file it starts on (header = line 1). */
export type CsvRow = { line: number; values: Record<string, string> };

export type ParsedCsv = {
  /** Header names as written (trimmed), duplicates included, in file order. */
  headers: string[];
  rows: CsvRow[];
  /** Rows papaparse could not split cleanly (wrong number of values, an unclosed quote). */
  errors: LineError[];
};

const extraKey = "__parsed_extra";

/**
 * Reads CSV text into rows keyed by header. Strips a UTF-8 BOM and turns CRLF/CR into LF first, so
 * line numbers are counted one way; blank lines are skipped but still counted, so a line number in an
 * error is the line a person sees in an editor.
 */
export function parseCsvText(raw: string): ParsedCsv {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const headers: string[] = [];
  const rows: CsvRow[] = [];
  const errors: LineError[] = [];
  // papaparse renames duplicate headers (and warns on the console); name them ourselves so the first
  // occurrence keeps its name and the later ones get a key no column can match.
  const seen = new Set<string>();
  const transformHeader = (header: string, index: number): string => {
    const name = header.trim();
    headers.push(name);
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    return `${name}\u0000${index}`;
  };

  let expectedFields = 0;
  let counted = 0; // characters of `text` whose newlines are in `newlines`
  let newlines = 0;
  Papa.parse<Record<string, unknown>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader,
    step: (result) => {
      expectedFields = result.meta.fields?.length ?? expectedFields;
      const cursor = result.meta.cursor;
      newlines += countNewlines(text, counted, cursor);
      counted = cursor;
      const values: Record<string, string> = {};
      let embedded = 0;
      let extras: string[] = [];
      for (const [key, value] of Object.entries(result.data)) {
        if (key === extraKey) {
          extras = Array.isArray(value) ? value.map(String) : [];
          embedded += extras.reduce((n, v) => n + countNewlines(v, 0, v.length), 0);
          continue;
        }
        const str = typeof value === "string" ? value : value == null ? "" : String(value);
        embedded += countNewlines(str, 0, str.length);
        values[key] = str;
      }
      // The row starts after every line break before its end, less those inside its values and the one that
      // ends it. An unclosed quote runs to the end of the file, so there the last break is inside the value.
      const unclosedQuote = result.errors.some((e) => e.code === "MissingQuotes");
      const terminated = text[cursor - 1] === "\n" && !unclosedQuote;
      const line = 1 + newlines - embedded - (terminated ? 1 : 0);
      const problem = rowProblem(result.errors, Object.keys(values).length, extras, expectedFields);
      if (problem) errors.push({ line, message: problem });
      else rows.push({ line, values });
    },
  });
  // A file of blank lines still hands papaparse one empty header.
  return { headers: headers.every((h) => h === "") ? [] : headers, rows, errors };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** Says in words why a row cannot be trusted, or null. Trailing empty values (a stray comma) are harmless. */
function rowProblem(errors: Papa.ParseError[], fields: number, extras: string[], expected: number): string | null {
  if (errors.some((e) => e.code === "MissingQuotes")) {
    return "a quoted value is not closed (a \" is missing), so the rest of the file cannot be read reliably.";
  }
  if (errors.some((e) => e.type === "Quotes")) {
    return "a quote is misplaced: a value in quotes must be followed by a comma or the end of the line.";
  }
  if (errors.some((e) => e.code === "TooFewFields")) {
    return `has ${fields} value${fields === 1 ? "" : "s"} but the header has ${expected} columns (a missing comma, or a line break inside a value?).`;
  }
  if (extras.some((v) => v.trim() !== "")) {
    return `has ${fields + extras.length} values but the header has ${expected} columns (a comma inside a value that is not in quotes?).`;
  }
  return null;
}
