import { rowValidator } from "../validate";
import type { ImportKind, KindDefinition, LineError, RowKeeper, Sql, ValidRow, WriteContext, WriteOutcome } from "../types";

/** A file's rows checked against the database, ready to be written. */
export type PlannedWrite = {
  /** Problems found by the plan's reads (no write lock was taken). */
  errors: LineError[];
  /** After the plan, without the write lock: work moved out of the write, a step at a time (see KindDefinition.stage). */
  stage(db: Sql): AsyncIterable<void>;
  /** Inside the write transaction: refusals for what changed since the plan, e.g. an order id imported meanwhile. */
  recheck(tx: Sql): Promise<LineError[]>;
  write(tx: Sql, ctx: WriteContext): Promise<WriteOutcome>;
  /** Once the import has ended, written or not: drops what `stage` made. */
  discard(db: Sql): Promise<void>;
};

/** One file of a kind, fed row by row as it streams in. */
export type KindSession = {
  /** Checks one row against the row schema and keeps what the plan needs of it; returns its problems. */
  add(line: number, values: readonly string[]): LineError[];
  plan(db: Sql): Promise<PlannedWrite>;
};

/** A kind with its row, kept and plan types hidden, so the importer can hold all five in one table. */
export type KindRunner = {
  kind: ImportKind;
  start(headers: readonly string[], headerFor: ReadonlyMap<string, string>): KindSession;
};

const noErrors: LineError[] = [];

async function* noSteps(): AsyncGenerator<void> {}

export function defineKind<Row, Kept, Plan>(definition: KindDefinition<Row, Kept, Plan>): KindRunner {
  return {
    kind: definition.kind,
    start(headers, headerFor) {
      const check = rowValidator(definition.rowSchema, headers, headerFor);
      const keeper = definition.keep();
      const columnOf = (name: string) => headerFor.get(name) ?? name;
      return {
        add(line, values) {
          const checked = check(line, values);
          if (!checked.ok) return checked.errors;
          keeper.add(line, checked.row);
          return noErrors;
        },
        // Rows that failed their schema are left out of the plan, but the plan still runs so the person sees
        // every kind of problem (a bad date and an unknown SKU) in one go.
        async plan(db) {
          const planned = await definition.plan(db, keeper.done(), columnOf);
          return {
            errors: planned.errors,
            stage: (on) => definition.stage?.(on, planned.plan) ?? noSteps(),
            recheck: (tx) => definition.recheck(tx, planned.plan, columnOf),
            write: (tx, ctx) => definition.write(tx, planned.plan, ctx),
            discard: async (on) => definition.discard?.(on, planned.plan),
          };
        },
      };
    },
  };
}

/** The keeper of kinds whose files are small: every valid row, as the schema returned it. */
export function keepRows<Row>(): RowKeeper<Row, ValidRow<Row>[]> {
  const rows: ValidRow<Row>[] = [];
  return { add: (line, row) => void rows.push({ line, row }), done: () => rows };
}
