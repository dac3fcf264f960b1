import { msg, type Message } from "@/lib/i18n/message";
import { inEnglish } from "@/lib/i18n/translate";
import type { ImportResult, ImportResultText, LineError } from "./types";

/** Words for a Message: a translator bound to the reader's language (translate(locale, m)), or inEnglish for logs. */
export type MessageText = (message: Message) => string;

/** A problem's own words, with its hint after it ("… Its columns fit Orders instead."). */
export function problemText(error: LineError, text: MessageText): string {
  return error.hint ? `${text(error.message)} ${text(error.hint)}` : text(error.message);
}

/** "line 17, column Quantity: expected a whole number, got 'abc'" — the one way errors are put into words. */
export function lineErrorText(error: LineError, text: MessageText): string {
  const problem = problemText(error, text);
  if (error.line <= 0) return text(msg("data.problems.where.file", { problem }));
  return text(error.column ? msg("data.problems.where.lineColumn", { line: error.line, column: error.column, problem }) : msg("data.problems.where.line", { line: error.line, problem }));
}

/** The same in English: the CLI's output and the audit log. */
export const formatLineError = (error: LineError): string => lineErrorText(error, inEnglish);

/** A problem that came as text (an import recorded before problems were Messages), shown as it was written. */
export const textProblem = (text: string): Message => msg("data.problems.text", { text });

/** An import's result in the reader's words, for the import route's JSON and the Data page. */
export function importResultText(result: ImportResult, text: MessageText): ImportResultText {
  if (result.ok) return { ...result, notes: result.notes.map(text) };
  return {
    ...result,
    errors: result.errors.map((e) => ({ line: e.line, ...(e.column === undefined ? {} : { column: e.column }), message: problemText(e, text) })),
  };
}

/** Errors in file order; a person fixes a file top to bottom. */
export function sortLineErrors<E extends LineError>(errors: E[]): E[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

/** The most errors returned at once: past this the file is probably the wrong one, and the count says so. */
export const maxReportedErrors = 200;

/**
 * The errors of one import, bounded: it counts every error but keeps only the first `maxReportedErrors` in file order,
 * so a file that is wrong on every one of its million lines costs no more memory than one wrong on 200. Errors on
 * the same line keep the order they were found in (the same result as sorting them all and taking the first).
 */
export class LineErrorLog {
  count = 0;
  private kept: LineError[] = [];

  add(error: LineError): void {
    this.count++;
    this.kept.push(error);
    if (this.kept.length >= 2 * maxReportedErrors) this.kept = sortLineErrors(this.kept).slice(0, maxReportedErrors);
  }

  addAll(errors: Iterable<LineError>): void {
    for (const error of errors) this.add(error);
  }

  /** The first errors in file order, at most `maxReportedErrors`. */
  first(): LineError[] {
    return sortLineErrors(this.kept).slice(0, maxReportedErrors);
  }
}
