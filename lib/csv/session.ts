import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/db/retry";
import type { Actor } from "@/lib/audit";
import { msg, type Message } from "@/lib/i18n/message";
import { importKinds } from "./catalog";
import { headerErrors, resolveColumns } from "./columns";
import { detectKind } from "./detect";
import { kindRunners } from "./kinds";
import type { KindSession, PlannedWrite } from "./kinds/define";
import { LineErrorLog } from "./line-errors";
import { CsvReader } from "./parse";
import { recordRefused, recordSucceeded, startImport, type Attempt } from "./record";
import { importKindKeys, type ImportKind, type ImportKindRequest, type ImportResult, type LineError, type Sql } from "./types";
import { isoDate } from "./values";

/** Who asked for what: the same for a file pasted as text, streamed from disk, or run from the queue. */
export type ImportRequest = { kind: ImportKindRequest; filename: string; actor: Actor; importId?: number };

/**
 * One import, all or nothing, from its first chunk of text to its result. Each row is checked as soon as it is
 * complete and only what the plan needs is kept (errors too are bounded); `finish` then reads the database for the
 * plan without taking the write lock, and `commit` writes in one short IMMEDIATE transaction that first looks again
 * at what may have changed since. Every attempt, written or refused, is recorded in `imports` and the audit log.
 */
export class ImportSession {
  /** Lines for the result's notes, e.g. that the file was converted from another encoding. */
  readonly notes: Message[] = [];
  private readonly reader: CsvReader;
  private readonly errors = new LineErrorLog();
  private kind: ImportKind | null = null;
  private rows: KindSession | null = null;
  private headerProblems: LineError[] = [];
  private unreadable: LineError | null = null;

  constructor(
    private readonly request: ImportRequest,
    private readonly now: Date,
  ) {
    this.reader = new CsvReader({
      header: (names) => this.header(names),
      row: ({ line, values }) => {
        if (this.rows) this.errors.addAll(this.rows.add(line, values));
      },
      error: (error) => this.errors.add(error),
    });
  }

  get rowsRead(): number {
    return this.reader.rowsRead;
  }

  push(text: string): void {
    if (this.unreadable === null) this.reader.push(text);
  }

  /** The file cannot be read at all (its bytes are not in the declared encoding): the one problem reported. */
  unreadableFile(problem: LineError): void {
    this.unreadable = problem;
  }

  /**
   * Once the whole file was pushed: the refusal, or the plan to write. The plan's reads take no write lock, so
   * other connections go on writing while a large file is checked.
   */
  async finish(db: Db): Promise<ImportResult | PlannedWrite> {
    this.reader.end();
    // A problem with the file as a whole is the only one reported: its rows cannot be read as meant.
    if (this.unreadable) return this.refuse(db, only([this.unreadable]));
    const headers = this.reader.headers ?? [];
    if (headers.length === 0) return this.refuse(db, only([{ line: 1, message: msg("data.problems.emptyFile") }]));
    if (this.kind === null) return this.refuse(db, only([undetectedKindError(headers)]));
    if (this.headerProblems.length > 0) return this.refuse(db, only(this.headerProblems));
    if (this.rowsRead === 0) return this.refuse(db, only([{ line: 2, message: msg("data.problems.noRows") }]));
    const planned = await this.rows!.plan(db);
    this.errors.addAll(planned.errors);
    return this.errors.count > 0 ? this.refuse(db, this.errors) : planned;
  }

  /**
   * The write: IMMEDIATE takes the write lock first, the recheck refuses what changed since the plan (e.g. an order
   * id imported meanwhile), and the kind's writer inserts what the plan prepared. Throws what the database throws;
   * `writeFailed` turns that into a refusal.
   *
   * Foreign keys are not checked by SQLite during this one transaction: every id the rows point at was looked up by the
   * plan or is created in the transaction itself, and no row of those tables is ever deleted, so the checks (one
   * primary-key lookup per reference, over a million for a 50 MB orders file) would only repeat the plan's. That
   * takes about 40 % off the time the write lock is held.
   */
  async commit(db: Db, planned: PlannedWrite): Promise<ImportResult> {
    try {
      return await this.commitOnce(db, planned);
    } catch (error) {
      // PostgreSQL has no database-wide write lock: another import can write one of this file's order ids (or create
      // one of its products) between the recheck and the write. Once more, the recheck sees that import's rows and
      // refuses the file line by line (or uses its products). The write changes nothing in the plan, so it can rerun.
      if (!isUniqueViolation(error)) throw error;
      return await this.commitOnce(db, planned);
    }
  }

  private commitOnce(db: Db, planned: PlannedWrite): Promise<ImportResult> {
    return db.transaction(
      async (tx): Promise<ImportResult> => {
        const changed = await planned.recheck(tx);
        if (changed.length > 0) return this.refuse(tx, only(changed));
        const attempt = this.attempt();
        const importId = await startImport(tx, attempt);
        const outcome = await planned.write(tx, { importId, now: this.now, today: isoDate(this.now) });
        const notes = [...this.notes, ...outcome.notes];
        await recordSucceeded(tx, importId, attempt, { ...outcome, notes });
        return { ok: true, importId, kind: this.kind!, rowsRead: this.rowsRead, rowsWritten: outcome.rowsWritten, summary: outcome.summary, notes };
      },
      { behavior: "immediate", foreignKeys: false },
    );
  }

  /** The transaction has rolled back. The cause may hold SQL or paths, so it is logged, not shown. */
  writeFailed(db: Db, error: unknown): Promise<ImportResult> {
    console.error(`CSV import of ${this.request.filename} (${this.kind}) failed while writing; nothing was saved.`, error);
    return this.refuse(db, only([{ line: 0, message: msg("data.problems.writeRefused") }]));
  }

  private header(names: string[]): void {
    this.kind = this.request.kind === "auto" ? detectKind(names) : this.request.kind;
    if (this.kind === null) return;
    const info = importKinds[this.kind];
    const resolution = resolveColumns(info.specs, names);
    const problems = headerErrors(this.kind, info.specs, names, resolution);
    if (problems.length > 0) this.headerProblems = withKindHint(problems, this.kind, names);
    else this.rows = kindRunners[this.kind].start(names, resolution.headerFor);
  }

  private attempt(): Attempt {
    const { filename, actor, importId } = this.request;
    return { kind: this.kind ?? "unknown", filename, actor, rowsRead: this.rowsRead, now: this.now, importId };
  }

  private async refuse(on: Sql, errors: LineErrorLog): Promise<ImportResult> {
    const first = errors.first();
    const importId = await recordRefused(on, this.attempt(), first, errors.count);
    return { ok: false, importId, kind: this.kind, rowsRead: this.rowsRead, errors: first, errorCount: errors.count };
  }
}

function only(errors: LineError[]): LineErrorLog {
  const log = new LineErrorLog();
  log.addAll(errors);
  return log;
}

function undetectedKindError(headers: readonly string[]): LineError {
  const expected = importKindKeys
    .map((k) => `${k} (${importKinds[k].specs.filter((c) => c.required).map((c) => c.name).join(", ")})`)
    .join("; ");
  const found = headers.filter((h) => h !== "");
  return {
    line: 1,
    message: found.length > 0 ? msg("data.problems.undetectedKind", { found: found.join(", "), expected }) : msg("data.problems.undetectedKindNoneFound", { expected }),
  };
}

/** When the header fits another kind, say so: the likeliest mistake is picking the wrong kind. */
function withKindHint(errors: LineError[], kind: ImportKind, headers: readonly string[]): LineError[] {
  const other = detectKind(headers);
  if (other === null || other === kind) return errors;
  return errors.map((e, i) => (i === 0 ? { ...e, hint: msg("data.problems.fitsOtherKind", { kind: other }) } : e));
}
