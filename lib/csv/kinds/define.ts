import type { CsvRow } from "../parse";
import { validateRows } from "../validate";
import type { ImportKind, KindDefinition, LineError, Sql, WriteContext, WriteOutcome } from "../types";

/** A kind with its row and plan types hidden, so the importer can hold all five in one table. */
export type KindRunner = {
  kind: ImportKind;
  /** Validates every row, then plans the valid ones against the database; only reads. */
  check(
    db: Sql,
    rows: readonly CsvRow[],
    headerFor: ReadonlyMap<string, string>,
  ): { errors: LineError[]; write: (tx: Sql, ctx: WriteContext) => WriteOutcome };
};

export function defineKind<Row, Plan>(definition: KindDefinition<Row, Plan>): KindRunner {
  return {
    kind: definition.kind,
    check(db, rows, headerFor) {
      const { valid, errors } = validateRows(definition.rowSchema, rows, headerFor);
      // Rows that failed their schema are left out of the plan, but the plan still runs so the person sees
      // every kind of problem (a bad date and an unknown SKU) in one go.
      const planned = definition.plan(db, valid, (name) => headerFor.get(name) ?? name);
      return {
        errors: [...errors, ...planned.errors],
        write: (tx, ctx) => definition.write(tx, planned.plan, ctx),
      };
    },
  };
}
