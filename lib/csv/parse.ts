import { msg, type Message } from "@/lib/i18n/message";
import { CsvTokenizer, isBlankRow, type CsvTokenRow } from "@/models/io/csv-reader";
import type { LineError } from "./types";

/** A data row: its values in column order, and the line of the file it starts on (the header is line 1). */
export type CsvRow = { line: number; values: readonly string[] };

export type CsvReaderEvents = {
  /** The header's names as written (trimmed), duplicates included; called once, before the first row. */
  header(names: string[]): void;
  row(row: CsvRow): void;
  /** A row that cannot be split cleanly (wrong number of values, a quote out of place). */
  error(error: LineError): void;
};

/**
 * The longest row read: a quote that is never closed would otherwise make the rest of the file one value, held in
 * memory while the parser looks for its end. The longest value we take (a review) is 10,000 characters.
 */
export const maxRowChars = 1_000_000;

/**
 * Reads CSV text pushed in chunks of any size with the one CSV tokenizer (models/io/csv-reader.ts: papaparse's core
 * parser, BOM dropped, CRLF/CR read as LF, the delimiter guessed from the first rows) and hands rows on as they
 * complete. Blank lines are skipped but counted, before the header too, so the line of a row is the line a person
 * sees in an editor.
 */
export class CsvReader {
  /** Data rows read, those with problems included. */
  rowsRead = 0;
  /** The header's names, or null until a header line was read. */
  headers: string[] | null = null;
  private readonly tokenizer: CsvTokenizer;

  /** `sampleChars`: text read before the delimiter is guessed (tests make it small to cut rows at every point). */
  constructor(
    private readonly on: CsvReaderEvents,
    sampleChars?: number,
  ) {
    this.tokenizer = new CsvTokenizer(
      {
        row: (row) => this.row(row),
        runsOn: (line) => this.on.error({ line, message: msg("data.problems.rowRunsOn", { max: maxRowChars }) }),
      },
      { sampleChars, maxRowChars },
    );
  }

  push(raw: string): void {
    this.tokenizer.push(raw);
  }

  end(): void {
    this.tokenizer.end();
  }

  private row(row: CsvTokenRow): void {
    const { line, values } = row;
    if (row.quote === null && isBlankRow(row)) return;
    if (this.headers === null) {
      this.headers = values.map((v) => v.trim());
      this.on.header(this.headers);
      return;
    }
    this.rowsRead++;
    const problem = rowProblem(row, this.headers.length);
    if (problem) this.on.error({ line, message: problem });
    else this.on.row({ line, values });
  }
}

/** Says why a row cannot be trusted, or null. Trailing empty values (a stray comma) are harmless. */
function rowProblem({ quote, values }: CsvTokenRow, expected: number): Message | null {
  if (quote === "unclosed") return msg("data.problems.unclosedQuote");
  if (quote === "misplaced") return msg("data.problems.misplacedQuote");
  if (values.length < expected) return msg("data.problems.tooFewValues", { count: values.length, expected });
  if (values.slice(expected).some((v) => v.trim() !== "")) return msg("data.problems.tooManyValues", { count: values.length, expected });
  return null;
}
