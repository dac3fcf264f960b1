import Papa from "papaparse";

/**
 * The one CSV tokenizer: the import path (lib/csv/parse.ts) and the model CLI (parseCsvText in ./csv.ts) both read
 * with it, and each decides what a row with a problem means.
 */

/** A row as split: its values, the line of the file it starts on (line 1 is the first), and any quote problem. */
export type CsvTokenRow = { line: number; values: string[]; quote: "unclosed" | "misplaced" | null };

export type CsvTokenizerEvents = {
  /** Every row, blank ones included (a caller skips them: see isBlankRow). */
  row(row: CsvTokenRow): void;
  /** An unfinished row grew past `maxRowChars` (see CsvTokenizerOptions) at this line; nothing more is read. */
  runsOn?(line: number): void;
};

export type CsvTokenizerOptions = {
  /** Text read before the delimiter is guessed (tests make it small to cut rows at every point). */
  sampleChars?: number;
  /**
   * The longest row read: a quote that is never closed would otherwise make the rest of the file one value, held in
   * memory while the parser looks for its end.
   */
  maxRowChars?: number;
  /**
   * Leave line breaks as written and read rows on the break papaparse guesses for the file (as Papa.parse does), so
   * a quoted value keeps its CRLF; lines are then counted by that break. For the model CLI, which reads a whole file.
   */
  keepLineEndings?: boolean;
};

/** Enough text to guess the delimiter from the first rows, as papaparse does for a whole file. */
const delimiterSampleChars = 64 * 1024;

const linebreaks = ["\r\n", "\r", "\n"] as const;
type Linebreak = (typeof linebreaks)[number];

/** What papaparse's core parser hands its step callback: one row, and where it ends in the whole text. */
type StepResult = { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };

/** A row with nothing but blanks (papaparse's "greedy" empty line). */
export function isBlankRow(row: CsvTokenRow): boolean {
  return row.values.every((v) => v.trim() === "");
}

/**
 * Reads CSV text pushed in chunks of any size with papaparse's core parser, and hands rows on as they complete; it
 * keeps only the unfinished row. A UTF-8 BOM is dropped and CRLF/CR become LF (a CR at a chunk's end waits for the
 * next chunk), so lines are counted one way; blank lines are counted too, so the line of a row is the line a person
 * sees in an editor. The delimiter is papaparse's guess from the first rows (a file written with semicolons or tabs
 * is read as such).
 */
export class CsvTokenizer {
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
  /** The line break rows end on: LF once CR/CRLF are normalised, or the file's own with keepLineEndings. */
  private linebreak: Linebreak = "\n";
  private readonly sampleChars: number;
  private readonly maxRowChars: number;
  private readonly keepLineEndings: boolean;

  constructor(
    private readonly on: CsvTokenizerEvents,
    options: CsvTokenizerOptions = {},
  ) {
    this.sampleChars = options.sampleChars ?? delimiterSampleChars;
    this.maxRowChars = options.maxRowChars ?? Number.POSITIVE_INFINITY;
    this.keepLineEndings = options.keepLineEndings ?? false;
  }

  push(raw: string): void {
    if (this.stopped || raw === "") return;
    let text = this.started ? raw : raw.replace(/^\uFEFF/, "");
    this.started = true;
    if (!this.keepLineEndings) {
      if (this.heldCR) text = `\r${text}`;
      this.heldCR = text.endsWith("\r");
      if (this.heldCR) text = text.slice(0, -1);
      text = text.replace(/\r\n?/g, "\n");
    }
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
    const { delimiter, linebreak } = Papa.parse<string[]>(sample, { preview: 10, skipEmptyLines: "greedy" }).meta;
    if (this.keepLineEndings) this.linebreak = linebreaks.find((b) => b === linebreak) ?? "\n";
    const step = (result: StepResult) => this.step(result);
    this.parser = new Papa.Parser({ delimiter: delimiter || ",", newline: this.linebreak, step: step as unknown as Papa.ParseConfig["step"] });
    this.parse(sample, false);
  }

  private parse(text: string, final: boolean): void {
    this.aggregate = this.aggregate.slice(this.cursor - this.base) + text;
    this.base = this.cursor;
    this.parser!.parse(this.aggregate, this.base, !final);
    const unfinished = this.aggregate.length - (this.cursor - this.base);
    if (final || unfinished <= this.maxRowChars) return;
    const blank = /^(?:[ \t]*\n)*/.exec(this.aggregate.slice(this.cursor - this.base))![0];
    this.on.runsOn?.(1 + this.newlines + countBreaks(blank, "\n", 0, blank.length));
    this.aggregate = "";
    this.stopped = true;
  }

  private step(result: StepResult): void {
    const line = 1 + this.newlines;
    const end = result.meta.cursor;
    this.newlines += countBreaks(this.aggregate, this.linebreak, this.cursor - this.base, end - this.base);
    this.cursor = end;
    this.on.row({ line, values: result.data[0] ?? [], quote: quoteProblem(result.errors) });
  }
}

function countBreaks(text: string, linebreak: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf(linebreak, from); i !== -1 && i < to; i = text.indexOf(linebreak, i + linebreak.length)) count++;
  return count;
}

function quoteProblem(errors: Papa.ParseError[]): CsvTokenRow["quote"] {
  if (errors.some((e) => e.code === "MissingQuotes")) return "unclosed";
  if (errors.some((e) => e.type === "Quotes")) return "misplaced";
  return null;
}
