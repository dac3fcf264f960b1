import type { LineError } from "./types";

/** "line 17, column Quantity: expected a whole number, got 'abc'" — the one way errors are put into words. */
export function formatLineError(error: LineError): string {
  const where = error.line > 0 ? `line ${error.line}` : "file";
  return error.column ? `${where}, column ${error.column}: ${error.message}` : `${where}: ${error.message}`;
}

/** Errors in file order; a person fixes a file top to bottom. */
export function sortLineErrors(errors: LineError[]): LineError[] {
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
