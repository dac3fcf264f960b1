import { msg } from "@/lib/i18n/message";
import type { LineError } from "../types";
import { quote } from "../values";

/**
 * Rows that carry their own id (a payment's, a review's): an id may appear once in a file and be imported once.
 * `ownIdCheck` is the plan's check, against the ids already in the database; `importedSince` the write
 * transaction's, against those another import wrote after the plan.
 */
export type OwnIdNoun = "transaction" | "review";

export function ownIdCheck(noun: OwnIdNoun, column: string, existing: ReadonlySet<string>): (line: number, id: string) => LineError | null {
  const firstLine = new Map<string, number>();
  return (line, id) => {
    const earlier = firstLine.get(id);
    if (earlier !== undefined) return { line, column, message: msg("data.problems.idRepeated", { noun, value: quote(id), earlier }) };
    firstLine.set(id, line);
    return existing.has(id) ? alreadyImported(noun, column, line, id) : null;
  };
}

export function importedSince(noun: OwnIdNoun, column: string, rows: readonly { line: number; id: string | undefined }[], created: ReadonlySet<string>): LineError[] {
  return rows.flatMap(({ line, id }) => (id !== undefined && created.has(id) ? [alreadyImported(noun, column, line, id)] : []));
}

function alreadyImported(noun: OwnIdNoun, column: string, line: number, id: string): LineError {
  return { line, column, message: msg("data.problems.idImported", { noun, value: quote(id) }) };
}
