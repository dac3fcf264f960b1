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
