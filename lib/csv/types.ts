import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { Message } from "@/lib/i18n/message";

export const importKindKeys = ["products", "orders", "transactions", "reviews", "interactions"] as const;
export type ImportKind = (typeof importKindKeys)[number];

/** What the importer can be asked for: one kind, or "auto" to read the kind off the header. */
export type ImportKindRequest = ImportKind | "auto";

/**
 * One problem with the file. `line` is the 1-based line in the file (the header is line 1);
 * 0 means the file as a whole (e.g. the database refused the write). The message is put into words where it is shown
 * (a Message), or already in the reader's words (M = string) once the import route or the page has translated it;
 * `hint` is a second sentence (e.g. that the columns fit another kind).
 */
export type LineError<M = Message> = { line: number; column?: string; message: M; hint?: M };

export type ImportSummary = Record<string, number | string>;

export type ImportResult<M = Message> =
  | { ok: true; importId: number; kind: ImportKind; rowsRead: number; rowsWritten: number; summary: ImportSummary; notes: M[] }
  | { ok: false; importId: number; kind: ImportKind | null; rowsRead: number; errors: LineError<M>[]; errorCount: number };

/** An import's result in the reader's words: what the import route answers and the Data page shows. */
export type ImportResultText = ImportResult<string>;

/** The database, inside or outside a transaction (the one Db follows the open one): planners and writers work on both. */
export type Sql = Db;

export type ColumnSpec = {
  /** Canonical name, as written in our native format. */
  name: string;
  required: boolean;
  /** Other header spellings accepted for this column (compared after normalising, see columns.ts). */
  aliases?: readonly string[];
  description: string;
};

export type KindInfo = {
  label: string;
  description: string;
  /** For display: required column names, then optional ones marked "(optional)". */
  columns: string[];
  /** The columns in full: aliases, whether required, what goes in them. */
  specs: readonly ColumnSpec[];
};

/** A row that passed its zod schema, with the file line it came from. */
export type ValidRow<Row> = { line: number; row: Row };

export type WriteContext = {
  importId: number;
  now: Date;
  /** YYYY-MM-DD (UTC) of `now`, e.g. the effective date of an imported price. */
  today: string;
};

export type WriteOutcome = {
  /** Rows of the file that ended up in the database (skipped rows excluded). */
  rowsWritten: number;
  summary: ImportSummary;
  notes: Message[];
};

/** What a kind keeps of each valid row as the file streams in: all of it, or (orders) a compact form. */
export type RowKeeper<Row, Kept> = { add(line: number, row: Row): void; done(): Kept };

/**
 * One import kind: a zod schema for a row (keyed by canonical column names), a keeper that holds what the plan
 * needs of the valid rows, a planner that checks them against the database and against each other, and a writer.
 * The planner only reads, without the write lock; everything that can be refused is refused there. Inside the write
 * transaction `recheck` looks again at what may have changed since (another import's order ids, new customers) and
 * refuses or adapts the plan, so the writer should not fail.
 */
export type KindDefinition<Row, Kept, Plan> = {
  kind: ImportKind;
  rowSchema: z.ZodType<Row>;
  keep(): RowKeeper<Row, Kept>;
  plan(db: Sql, kept: Kept, columnOf: (name: string) => string): Promise<{ errors: LineError[]; plan: Plan }>;
  recheck(tx: Sql, plan: Plan, columnOf: (name: string) => string): Promise<LineError[]>;
  write(tx: Sql, plan: Plan, ctx: WriteContext): Promise<WriteOutcome>;
  /** Work moved out of the write transaction, done after the plan a step at a time without the lock (orders stage their rows). */
  stage?(db: Sql, plan: Plan): AsyncIterable<void>;
  /** Undoes `stage` once the import has ended, written or not. */
  discard?(db: Sql, plan: Plan): Promise<void>;
};
