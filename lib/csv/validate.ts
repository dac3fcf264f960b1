import type { z } from "zod";
import { msg, type Message, type MessageKey, type MessageValues } from "@/lib/i18n/message";
import { textProblem } from "./line-errors";
import type { LineError } from "./types";

/** The Message of a cell's issue: fields.ts writes the key as the message and the values as params; anything else is zod's own words. */
function problemOf(issue: z.core.$ZodIssue): Message {
  if (issue.code === "custom" && issue.message.startsWith("data.problems.")) return msg(issue.message as MessageKey, (issue.params ?? {}) as MessageValues);
  return textProblem(issue.message);
}

export type CheckedRow<Row> = { ok: true; row: Row } | { ok: false; errors: LineError[] };

/**
 * A kind's row schema applied to one row at a time, as rows arrive. The schema is keyed by canonical column names;
 * errors name the column as the file writes it (Quantity, not quantity) because that is what the person looks for.
 * A header written twice is read from its first column.
 */
export function rowValidator<Row>(
  schema: z.ZodType<Row>,
  headers: readonly string[],
  headerFor: ReadonlyMap<string, string>,
): (line: number, values: readonly string[]) => CheckedRow<Row> {
  const columns = [...headerFor].map(([name, header]) => ({ name, index: headers.indexOf(header) }));
  return (line, values) => {
    const record: Record<string, string | undefined> = {};
    for (const { name, index } of columns) record[name] = values[index];
    const result = schema.safeParse(record);
    if (result.success) return { ok: true, row: result.data };
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "");
        return { line, column: headerFor.get(name) ?? (name || undefined), message: problemOf(issue) };
      }),
    };
  };
}
