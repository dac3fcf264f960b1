import { msg, type Message } from "@/lib/i18n/message";
import Papa from "papaparse";
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

/** Enough text to guess the delimiter from the first rows, as papaparse does for a whole file. */
const delimiterSampleChars = 64 * 1024;

/** What papaparse's core parser hands its step callback: one row, and where it ends in the whole text. */
type StepResult = { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };

/**
 * Reads CSV text pushed in chunks of any size with papaparse's core parser, and hands rows on as they complete; it
 * keeps only the unfinished row. A UTF-8 BOM is dropped and CRLF/CR become LF (a CR at a chunk's end waits for the
 * next chunk), so lines are counted one way. Blank lines are skipped but counted, before the header too, so the
 * line of a row is the line a person sees in an editor.
 */
export class CsvReader {
  /** Data rows read, those with problems included. */
  rowsRead = 0;
  /** The header's names, or null until a header line was read. */
  headers: string[] | null = null;
  private parser: Papa.Parser | null = null;
  private started = false;
  private heldCR = false;
  private sample = "";
  /** Text given to the parser in this call: what was left of the last chunk, and the new one. */
  private aggregate = "";
  /** Where `aggregate` starts in the whole (normalised) text, and where the last row read ended. */
  private base = 0;
  private cursor = 0;
  /** Line breaks before `cursor`. */
  private newlines = 0;
  private stopped = false;

  /** `sampleChars`: text read before the delimiter is guessed (tests make it small to cut rows at every point). */
  constructor(
    private readonly on: CsvReaderEvents,
    private readonly sampleChars = delimiterSampleChars,
  ) {}

  push(raw: string): void {
    if (this.stopped || raw === "") return;
    let text = this.started ? raw : raw.replace(/^\uFEFF/, "");
    this.started = true;
    if (this.heldCR) text = `\r${text}`;
    this.heldCR = text.endsWith("\r");
    if (this.heldCR) text = text.slice(0, -1);
    text = text.replace(/\r\n?/g, "\n");
    if (this.parser !== null) this.parse(text, false);
    else if ((this.sample += text).length >= this.sampleChars) this.startParsing();
  }

  end(): void {
    if (this.stopped) return;
    const tail = this.heldCR ? "\n" : "";
    if (this.parser === null) {
      this.sample += tail;
      this.startParsing();
      this.parse("", true);
    } else {
      this.parse(tail, true);
    }
    this.stopped = true;
  }

  private startParsing(): void {
    const sample = this.sample;
    this.sample = "";
    // papaparse's own guess from the first rows: a file written with semicolons or tabs is read as such.
    const guess = Papa.parse<string[]>(sample, { preview: 10, skipEmptyLines: "greedy" }).meta.delimiter;
    const step = (result: StepResult) => this.step(result);
    this.parser = new Papa.Parser({ delimiter: guess || ",", newline: "\n", step: step as unknown as Papa.ParseConfig["step"] });
    this.parse(sample, false);
  }

  private parse(text: string, final: boolean): void {
    this.aggregate = this.aggregate.slice(this.cursor - this.base) + text;
    this.base = this.cursor;
    this.parser!.parse(this.aggregate, this.base, !final);
    const unfinished = this.aggregate.length - (this.cursor - this.base);
    if (final || unfinished <= maxRowChars) return;
    const blank = /^(?:[ \t]*\n)*/.exec(this.aggregate.slice(this.cursor - this.base))![0];
    this.on.error({
      line: 1 + this.newlines + countNewlines(blank, 0, blank.length),
      message: msg("data.problems.rowRunsOn", { max: maxRowChars }),
    });
    this.aggregate = "";
    this.stopped = true;
  }

  private step(result: StepResult): void {
    const line = 1 + this.newlines;
    const end = result.meta.cursor;
    this.newlines += countNewlines(this.aggregate, this.cursor - this.base, end - this.base);
    this.cursor = end;
    const values = result.data[0] ?? [];
    if (result.errors.length === 0 && values.every((v) => v.trim() === "")) return;
    if (this.headers === null) {
      this.headers = values.map((v) => v.trim());
      this.on.header(this.headers);
      return;
    }
    this.rowsRead++;
    const problem = rowProblem(result.errors, values, this.headers.length);
    if (problem) this.on.error({ line, message: problem });
    else this.on.row({ line, values });
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** Says why a row cannot be trusted, or null. Trailing empty values (a stray comma) are harmless. */
function rowProblem(errors: Papa.ParseError[], values: readonly string[], expected: number): Message | null {
  if (errors.some((e) => e.code === "MissingQuotes")) return msg("data.problems.unclosedQuote");
  if (errors.some((e) => e.type === "Quotes")) return msg("data.problems.misplacedQuote");
  if (values.length < expected) return msg("data.problems.tooFewValues", { count: values.length, expected });
  if (values.slice(expected).some((v) => v.trim() !== "")) return msg("data.problems.tooManyValues", { count: values.length, expected });
  return null;
}
