import { msg } from "@/lib/i18n/message";
import type { ColumnSpec, ImportKind, LineError } from "./types";

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
  kind: ImportKind,
  columns: readonly ColumnSpec[],
  headers: readonly string[],
  resolution: ColumnResolution,
): LineError[] {
  const errors: LineError[] = [];
  if (resolution.missing.length > 0) {
    const required = columns.filter((c) => c.required).map((c) => c.name);
    const found = headers.filter((h) => h.trim() !== "");
    const values = { kind, count: resolution.missing.length, missing: resolution.missing.join(", "), required: required.join(", ") };
    errors.push({
      line: 1,
      message: found.length > 0 ? msg("data.problems.missingColumns", { ...values, found: found.join(", ") }) : msg("data.problems.missingColumnsNoneFound", values),
    });
  }
  for (const conflict of resolution.conflicts) {
    errors.push({
      line: 1,
      column: conflict.headers.join(", "),
      message: msg("data.problems.sameColumn", { first: conflict.headers.slice(0, -1).join(", "), last: conflict.headers.at(-1) ?? "", column: conflict.column }),
    });
  }
  return errors;
}
