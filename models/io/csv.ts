import { readFileSync } from "node:fs";
import { TaskInputError, type CsvRecord } from "../task";
import { CsvTokenizer, isBlankRow } from "./csv-reader";

/**
 * Reads a CSV file for the model CLI: header row, UTF-8 (BOM stripped), CRLF or LF, quoted fields, with the one CSV
 * tokenizer (./csv-reader.ts, also the import path's). Returns records with line numbers so errors can point at
 * the line.
 */
export function readCsvFile(file: string): { columns: string[]; records: CsvRecord[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new TaskInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseCsvText(text);
}

/** Blank lines are skipped; quote problems are not errors here (a row that splits wrongly has the wrong length). */
export function parseCsvText(text: string): { columns: string[]; records: CsvRecord[] } {
  const data: string[][] = [];
  // As Papa.parse reads a whole file: the whole text is the sample the delimiter and line break are guessed from,
  // line breaks stay as written, and rows have no length limit.
  const tokenizer = new CsvTokenizer(
    {
      row: (row) => {
        if (!isBlankRow(row)) data.push(row.values);
      },
    },
    { sampleChars: Number.POSITIVE_INFINITY, keepLineEndings: true },
  );
  tokenizer.push(text);
  tokenizer.end();
  const [header, ...rows] = data;
  if (!header || header.length === 0) throw new TaskInputError("the file is empty: expected a header row", 1);
  const columns = header.map((h) => h.trim());
  const records: CsvRecord[] = [];
  // Rows are one line each unless a quoted field spans lines (blank lines are not counted here, unlike the import
  // path), so a reported line is where the row starts in a file without blank lines.
  let line = 2;
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new TaskInputError(`expected ${columns.length} fields (${columns.join(",")}), found ${row.length}`, line);
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => (values[c] = (row[i] ?? "").trim()));
    records.push({ line, values });
    line += 1 + row.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  }
  return { columns, records };
}

export function requireColumns(columns: string[], required: string[], file = "file"): void {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new TaskInputError(`${file} is missing column(s) ${missing.join(", ")}; it has ${columns.join(", ")}`, 1);
  }
}

/** A finite number from a CSV cell, or a TaskInputError naming the line and column. */
export function numberCell(record: CsvRecord, column: string, options: { optional?: boolean } = {}): number {
  const raw = record.values[column] ?? "";
  if (raw === "" || raw.toUpperCase() === "NA" || raw.toUpperCase() === "NAN") {
    if (options.optional) return Number.NaN;
    throw new TaskInputError(`column ${column} is empty`, record.line);
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new TaskInputError(`column ${column}: expected a number, got '${raw.slice(0, 40)}'`, record.line);
  return value;
}

export function textCell(record: CsvRecord, column: string): string {
  const raw = record.values[column] ?? "";
  if (raw === "") throw new TaskInputError(`column ${column} is empty`, record.line);
  return raw;
}

/** Quote-safe CSV output for predictions. */
export function toCsvLines(header: readonly string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(8).replace(/\.?0+$/, "")) : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
