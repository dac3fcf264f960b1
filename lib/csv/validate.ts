import type { z } from "zod";
import type { CsvRow } from "./parse";
import type { LineError, ValidRow } from "./types";

/**
 * Runs a kind's row schema over every row. The schema is keyed by canonical column names; errors name the
 * column as the file writes it (Quantity, not quantity) because that is what the person will look for.
 */
export function validateRows<Row>(
  schema: z.ZodType<Row>,
  rows: readonly CsvRow[],
  headerFor: ReadonlyMap<string, string>,
): { valid: ValidRow<Row>[]; errors: LineError[] } {
  const valid: ValidRow<Row>[] = [];
  const errors: LineError[] = [];
  const columns = [...headerFor];
  for (const { line, values } of rows) {
    const record: Record<string, string | undefined> = {};
    for (const [name, header] of columns) record[name] = values[header];
    const result = schema.safeParse(record);
    if (result.success) {
      valid.push({ line, row: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? "");
      errors.push({ line, column: headerFor.get(name) ?? (name || undefined), message: issue.message });
    }
  }
  return { valid, errors };
}
