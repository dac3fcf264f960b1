import type { CsvRow } from "../parse";
import { validateRows } from "../validate";
import type { ImportKind, KindDefinition, LineError, Sql, WriteContext, WriteOutcome } from "../types";

export type CheckedFile = {
  /** Problems found by the row schema (no database needed). */
  errors: LineError[];
  /** Checks the valid rows against the database (reads only); run it inside the import transaction. */
  plan(db: Sql): { errors: LineError[]; write: (tx: Sql, ctx: WriteContext) => WriteOutcome };
};

/** A kind with its row and plan types hidden, so the importer can hold all five in one table. */
export type KindRunner = {
  kind: ImportKind;
  validate(rows: readonly CsvRow[], headerFor: ReadonlyMap<string, string>): CheckedFile;
};

export function defineKind<Row, Plan>(definition: KindDefinition<Row, Plan>): KindRunner {
  return {
    kind: definition.kind,
    validate(rows, headerFor) {
      const { valid, errors } = validateRows(definition.rowSchema, rows, headerFor);
      return {
        errors,
        // Rows that failed their schema are left out of the plan, but the plan still runs so the person sees
        // every kind of problem (a bad date and an unknown SKU) in one go.
        plan(db) {
          const planned = definition.plan(db, valid, (name) => headerFor.get(name) ?? name);
          return { errors: planned.errors, write: (tx, ctx) => definition.write(tx, planned.plan, ctx) };
        },
      };
    },
  };
}
