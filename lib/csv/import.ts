import type { Db } from "@/db/client";
import type { Actor } from "@/lib/audit";
import { importKinds } from "./catalog";
import { headerErrors, resolveColumns } from "./columns";
import { detectKind } from "./detect";
import { kindRunners } from "./kinds";
import { maxReportedErrors, sortLineErrors } from "./line-errors";
import { parseCsvText } from "./parse";
import { recordRefused, recordSucceeded, startImport } from "./record";
import { importKindKeys, type ImportKind, type ImportKindRequest, type ImportResult, type LineError, type Sql } from "./types";
import { isoDate } from "./values";

export { importKinds, acceptedDateFormats } from "./catalog";
export { detectKind } from "./detect";
export { formatLineError } from "./line-errors";
export { importKindKeys } from "./types";
export type { ImportKind, ImportKindRequest, ImportResult, LineError, ImportSummary, KindInfo, ColumnSpec } from "./types";

export type ImportInput = { kind: ImportKindRequest; filename: string; text: string; actor: Actor };

/**
 * Imports one CSV file, all or nothing: every row is validated and checked against the database first, and
 * only a file with no problem at all is written, in one transaction. Every attempt, written or refused, is
 * recorded in `imports` and the audit log. Never throws for a bad file; a database failure while writing rolls
 * everything back and is reported as a refusal.
 */
export function importCsv(db: Db, input: ImportInput, options: { now?: Date } = {}): ImportResult {
  const now = options.now ?? new Date();
  const parsed = parseCsvText(input.text);
  const rowsRead = parsed.rows.length + parsed.errors.length;
  const kind = input.kind === "auto" ? detectKind(parsed.headers) : input.kind;
  const attempt = { kind: kind ?? "unknown", filename: input.filename, actor: input.actor, rowsRead, now };
  const refuse = (on: Sql, errors: LineError[]): ImportResult => {
    const sorted = sortLineErrors(errors);
    const importId = recordRefused(on, attempt, sorted);
    return { ok: false, importId, kind, rowsRead, errors: sorted.slice(0, maxReportedErrors), errorCount: sorted.length };
  };

  if (parsed.headers.length === 0) return refuse(db, [{ line: 1, message: "The file is empty: expected a header line with column names." }]);
  if (kind === null) return refuse(db, [undetectedKindError(parsed.headers)]);
  const info = importKinds[kind];
  const resolution = resolveColumns(info.specs, parsed.headers);
  const problems = headerErrors(info.label, info.specs, parsed.headers, resolution);
  if (problems.length > 0) return refuse(db, withKindHint(problems, kind, parsed.headers));
  if (rowsRead === 0) return refuse(db, [{ line: 2, message: "The file has a header but no rows to import." }]);

  // The schema check needs no database, so it runs before the write lock is taken.
  const checked = kindRunners[kind].validate(parsed.rows, resolution.headerFor);
  try {
    // IMMEDIATE: take the write lock before planning, so nothing changes between the checks and the writes.
    return db.transaction(
      (tx): ImportResult => {
        const planned = checked.plan(tx);
        const errors = [...parsed.errors, ...checked.errors, ...planned.errors];
        if (errors.length > 0) return refuse(tx, errors);
        const importId = startImport(tx, attempt);
        const outcome = planned.write(tx, { importId, sqlite: db.$client, now, today: isoDate(now) });
        recordSucceeded(tx, importId, attempt, outcome);
        return { ok: true, importId, kind, rowsRead, rowsWritten: outcome.rowsWritten, summary: outcome.summary, notes: outcome.notes };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // The transaction has rolled back. The cause may hold SQL or paths, so it is logged, not shown.
    console.error(`CSV import of ${input.filename} (${kind}) failed while writing; nothing was saved.`, error);
    return refuse(db, [{ line: 0, message: "The database refused the write, so nothing was saved. The cause has been logged on the server." }]);
  }
}

function undetectedKindError(headers: readonly string[]): LineError {
  const expected = importKindKeys
    .map((k) => `${k} (${importKinds[k].specs.filter((c) => c.required).map((c) => c.name).join(", ")})`)
    .join("; ");
  const found = headers.filter((h) => h !== "");
  return {
    line: 1,
    message: `Could not tell what kind of file this is from its columns: found ${found.join(", ") || "no column names"}. Expected the columns of one of: ${expected}.`,
  };
}

/** When the header fits another kind, say so: the likeliest mistake is picking the wrong kind. */
function withKindHint(errors: LineError[], kind: ImportKind, headers: readonly string[]): LineError[] {
  const other = detectKind(headers);
  if (other === null || other === kind) return errors;
  return errors.map((e, i) => (i === 0 ? { ...e, message: `${e.message} Its columns fit ${importKinds[other].label} instead.` } : e));
}
