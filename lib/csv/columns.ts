import type { ColumnSpec, LineError } from "./types";

/** Header names are compared without case, spaces or punctuation: "Unit Price", "unit_price" and "UnitPrice" match. */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export type ColumnResolution = {
  /** canonical column name -> the header as written in the file */
  headerFor: Map<string, string>;
  missing: string[];
  /** Two headers of the file that mean the same column (e.g. both InvoiceNo and order_id). */
  conflicts: { column: string; headers: string[] }[];
};

/** Matches the file's headers to a kind's columns, by canonical name first and then by alias. */
export function resolveColumns(columns: readonly ColumnSpec[], headers: readonly string[]): ColumnResolution {
  const byNormalised = new Map<string, string[]>();
  for (const header of headers) {
    const key = normaliseHeader(header);
    if (key === "") continue;
    byNormalised.set(key, [...(byNormalised.get(key) ?? []), header]);
  }
  const headerFor = new Map<string, string>();
  const missing: string[] = [];
  const conflicts: ColumnResolution["conflicts"] = [];
  for (const column of columns) {
    const names = [column.name, ...(column.aliases ?? [])].map(normaliseHeader);
    const found = [...new Set(names)].flatMap((n) => byNormalised.get(n) ?? []);
    const first = found[0];
    if (first === undefined) {
      if (column.required) missing.push(column.name);
      continue;
    }
    if (found.length > 1) conflicts.push({ column: column.name, headers: found });
    headerFor.set(column.name, first);
  }
  return { headerFor, missing, conflicts };
}

/** One clear error for a header that does not fit the kind: what was expected, what was found. */
export function headerErrors(
  kindLabel: string,
  columns: readonly ColumnSpec[],
  headers: readonly string[],
  resolution: ColumnResolution,
): LineError[] {
  const errors: LineError[] = [];
  if (resolution.missing.length > 0) {
    const required = columns.filter((c) => c.required).map((c) => c.name);
    const found = headers.filter((h) => h.trim() !== "");
    errors.push({
      line: 1,
      message:
        `This file is not in the ${kindLabel} format: missing column${resolution.missing.length > 1 ? "s" : ""} ` +
        `${resolution.missing.join(", ")}. Expected columns ${required.join(", ")}; ` +
        `found ${found.length > 0 ? found.join(", ") : "no column names"}.`,
    });
  }
  for (const conflict of resolution.conflicts) {
    errors.push({
      line: 1,
      column: conflict.headers.join(", "),
      message: `columns ${conflict.headers.join(" and ")} both mean ${conflict.column}; keep one of them.`,
    });
  }
  return errors;
}
