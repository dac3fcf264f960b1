import { AsyncLocalStorage } from "node:async_hooks";
import { entityKind } from "drizzle-orm";
import { isUnreachableDbError } from "@/db/retry";
import { noteDatabaseAnswered, noteDatabaseUnreachable } from "@/lib/platform/db-availability";
import type { BaseSQLiteDatabase, SQLiteTransactionConfig } from "drizzle-orm/sqlite-core";
import type * as schema from "@/lib/schema";

/**
 * One data-access path for SQLite and PostgreSQL.
 *
 * Code in lib/ writes drizzle queries once, typed as drizzle's asynchronous SQLite database, and always awaits them:
 * `await db.select()...`, `.get()` (first row), `.all()`, `.run()` ({ changes }), `db.all(sql)`, `db.get(sql)`,
 * `db.run(sql)`, and `db.transaction(async (tx) => ...)`. Underneath is either better-sqlite3 (synchronous, one
 * connection per process) or node-postgres (a pool), reached through this adapter:
 *
 * - Transactions are asynchronous on both. On SQLite a transaction is BEGIN IMMEDIATE ... COMMIT on the one
 *   connection while a per-connection gate is held: every statement from another async context (another request)
 *   waits at the gate until the transaction ends, so it neither lands inside it nor reads what it has not committed.
 *   On PostgreSQL it is the pool's drizzle transaction.
 * - Inside a transaction the callback's `tx` and the outer `db` are the same thing: the current transaction is kept in
 *   AsyncLocalStorage and every statement goes to it. Functions that take `db` can be called inside or outside a
 *   transaction; on PostgreSQL none of them can escape to another pool connection by mistake. A transaction inside a
 *   transaction is a savepoint.
 * - PostgreSQL has no `.get()`, `.all()`, `.run()` or `db.all(sql)`: they are given here (first row, rows,
 *   { changes: rowCount }), and a statement waits for the pool's migrations before it runs.
 */

export type RunResult = { changes: number };

type AsyncSqlite = BaseSQLiteDatabase<"async", RunResult, typeof schema>;

export type Dialect = "sqlite" | "postgres";

export type TransactionConfig = Pick<SQLiteTransactionConfig, "behavior"> & {
  /**
   * false: SQLite checks no foreign keys during this transaction (a bulk write whose references were checked before,
   * e.g. an import's). The pragma is switched off before BEGIN and back on after the end, while the connection's gate
   * is held, so no other request's statement runs without its checks. PostgreSQL ignores it.
   */
  foreignKeys?: boolean;
};

/** Where a PostgreSQL database is (for what needs a connection of its own to it: the job queue, pg-boss). */
export type PostgresLocation = { url: string; schema?: string };

export type Db = Omit<AsyncSqlite, "transaction"> & {
  readonly dialect: Dialect;
  /** PostgreSQL only: the address and schema it was opened with. */
  readonly location?: PostgresLocation;
  /** A transaction (a savepoint inside another); `tx` is this same database, bound to it. */
  transaction<T>(fn: (tx: Db) => Promise<T>, config?: TransactionConfig): Promise<T>;
  /** Closes the connection (SQLite) or the pool (PostgreSQL). */
  close(): Promise<void>;
};

type Open = { owner: object; handle: unknown; depth: number };
const openTransaction = new AsyncLocalStorage<Open>();

/** The statements' way in: SQLite's gate, PostgreSQL's readiness. */
type Route = {
  dialect: Dialect;
  /** The object statements run on: the base database or the current transaction. */
  target(): object;
  /** Resolves when a statement of the current context may run (null: now). */
  wait(): Promise<void> | null;
};

// Not `values`: that name is also the insert builder's `.values(rows)`.
const terminals = new Set(["all", "get", "run"]);

/** Query builders (awaitable, or a "...Builder" by drizzle's own entity kind, which survives minification). */
function isBuilder(value: unknown): value is object {
  if (!value || typeof value !== "object") return false;
  if (typeof (value as { then?: unknown }).then === "function") return true;
  const kind = (value.constructor as unknown as Record<symbol, unknown> | undefined)?.[entityKind];
  return typeof kind === "string" && kind.endsWith("Builder");
}

/** Wraps a query builder: chained calls stay wrapped; awaiting it or calling a terminal passes the route first. */
function wrapBuilder(builder: object, route: Route): unknown {
  return new Proxy(builder, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === "then" && typeof value === "function") {
        return (resolve?: (v: unknown) => unknown, reject?: (e: unknown) => unknown) => runStatement(route, () => execute(target, route.dialect)).then(resolve, reject);
      }
      if ((prop === "catch" || prop === "finally") && typeof value === "function") {
        return (...args: unknown[]) => {
          const promise = runStatement(route, () => execute(target, route.dialect));
          return (promise[prop] as (...a: unknown[]) => unknown)(...args);
        };
      }
      if (typeof prop === "string" && terminals.has(prop) && (typeof value === "function" || route.dialect === "postgres")) {
        return (...args: unknown[]) => runStatement(route, () => terminal(target, prop, args, route.dialect));
      }
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return isBuilder(result) ? wrapBuilder(result, route) : result;
      };
    },
  });
}

function execute(builder: object, dialect: Dialect): unknown {
  const result = (builder as { execute(): unknown }).execute();
  return dialect === "postgres" ? Promise.resolve(result).then(normalisePg) : result;
}

function terminal(builder: object, name: string, args: unknown[], dialect: Dialect): unknown {
  if (dialect === "sqlite") return (builder as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
  const rows = Promise.resolve((builder as { execute(): unknown }).execute());
  switch (name) {
    case "get":
      return rows.then((r) => (Array.isArray(r) ? r[0] : r));
    case "run":
      return rows.then((r) => ({ changes: changesOf(r) }));
    case "values":
      return rows.then((r) => (Array.isArray(r) ? r.map((row) => Object.values(row as object)) : r));
    default:
      return rows.then(normalisePg);
  }
}

type PgResult = { rows: unknown[]; rowCount: number | null; command: string };
function isPgResult(value: unknown): value is PgResult {
  return !!value && typeof value === "object" && "rows" in value && "command" in value;
}
function changesOf(result: unknown): number {
  if (isPgResult(result)) return result.rowCount ?? 0;
  return Array.isArray(result) ? result.length : 0;
}
/** An insert, update or delete without `returning` answers node-postgres' result object: make it SQLite's { changes }. */
function normalisePg(result: unknown): unknown {
  return isPgResult(result) ? { changes: result.rowCount ?? 0 } : result;
}

function runStatement<T>(route: Route, run: () => T): Promise<Awaited<T>> {
  const waiting = route.wait();
  let result: Promise<Awaited<T>>;
  if (waiting === null) {
    try {
      result = Promise.resolve(run()) as Promise<Awaited<T>>;
    } catch (error) {
      result = Promise.reject(error);
    }
  } else {
    result = waiting.then(run) as Promise<Awaited<T>>;
  }
  return route.dialect === "postgres" ? observed(result) : result;
}

/** PostgreSQL's statements tell lib/platform/db-availability.ts whether the server answered (the pages' 503). */
function observed<T>(statement: Promise<T>): Promise<T> {
  return statement.then(
    (value) => {
      noteDatabaseAnswered();
      return value;
    },
    (error: unknown) => {
      if (isUnreachableDbError(error)) noteDatabaseUnreachable();
      throw error;
    },
  );
}

const rawMethods = new Set(["all", "get", "run"]);

function wrapDatabase(base: object, route: Route, transaction: Db["transaction"], close: () => Promise<void>, location?: PostgresLocation): Db {
  const db: Db = new Proxy(base, {
    get(_target, prop) {
      if (prop === "dialect") return route.dialect;
      if (prop === "location") return location;
      if (prop === "transaction") return transaction;
      if (prop === "close") return close;
      if (prop === "$base") return base;
      const target = route.target();
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof prop === "string" && rawMethods.has(prop)) {
        return (query: unknown) => runStatement(route, () => rawStatement(target, prop, query, route.dialect));
      }
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return isBuilder(result) ? wrapBuilder(result, route) : result;
      };
    },
  }) as unknown as Db;
  return db;
}

function rawStatement(target: object, name: string, query: unknown, dialect: Dialect): unknown {
  if (dialect === "sqlite") return (target as Record<string, (q: unknown) => unknown>)[name]!(query);
  const result = (target as { execute(q: unknown): Promise<PgResult> }).execute(query);
  switch (name) {
    case "get":
      return result.then((r) => r.rows[0]);
    case "run":
      return result.then((r) => ({ changes: r.rowCount ?? 0 }));
    case "values":
      return result.then((r) => r.rows.map((row) => Object.values(row as object)));
    default:
      return result.then((r) => r.rows);
  }
}

type SqliteClient = { exec(sql: string): unknown; inTransaction: boolean; close(): unknown };

/** better-sqlite3 behind the one path: the connection's gate keeps other contexts out of an open transaction. */
export function sqliteDatabase(base: object & { $client: SqliteClient }): Db {
  const owner = {};
  const client = base.$client;
  let holder: object | null = null;
  let waiters: Array<() => void> = [];
  const released = () => new Promise<void>((resolve) => waiters.push(resolve));
  const current = () => {
    const open = openTransaction.getStore();
    return open && open.owner === owner ? open : undefined;
  };
  const route: Route = {
    dialect: "sqlite",
    target: () => base,
    wait() {
      if (holder === null) return null;
      const open = current();
      if (open && open.handle === holder) return null;
      return (async () => {
        while (holder !== null) await released();
      })();
    },
  };
  const transaction = async <T>(fn: (tx: Db) => Promise<T>, config?: TransactionConfig): Promise<T> => {
    const open = current();
    if (open) {
      const name = `sp${open.depth + 1}`;
      client.exec(`SAVEPOINT ${name}`);
      try {
        const result = await openTransaction.run({ ...open, depth: open.depth + 1 }, () => fn(db));
        client.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        client.exec(`ROLLBACK TO ${name}`);
        client.exec(`RELEASE ${name}`);
        throw error;
      }
    }
    while (holder !== null) await released();
    const token = {};
    holder = token;
    // A pragma SQLite ignores inside a transaction: set outside it, but inside the gate.
    const withoutForeignKeys = config?.foreignKeys === false;
    try {
      if (withoutForeignKeys) client.exec("PRAGMA foreign_keys = OFF");
      client.exec(`BEGIN ${(config?.behavior ?? "immediate").toUpperCase()}`);
      try {
        const result = await openTransaction.run({ owner, handle: token, depth: 0 }, () => fn(db));
        client.exec("COMMIT");
        return result;
      } catch (error) {
        if (client.inTransaction) client.exec("ROLLBACK");
        throw error;
      }
    } finally {
      if (withoutForeignKeys) client.exec("PRAGMA foreign_keys = ON");
      holder = null;
      const wake = waiters;
      waiters = [];
      for (const resolve of wake) resolve();
    }
  };
  const db = wrapDatabase(base, route, transaction as Db["transaction"], async () => {
    client.close();
  });
  return db;
}

type PgBase = object & {
  transaction<T>(fn: (tx: PgBase) => Promise<T>): Promise<T>;
  $client: { end(): Promise<void> };
};

/**
 * node-postgres behind the one path: statements wait for `prepare` (the pool's migrations) and follow the open
 * transaction. A failed `prepare` (the server unreachable at start) fails the statements waiting for it and is tried
 * again by the next statement, so the process recovers once the database is back, without a restart.
 */
export function postgresDatabase(base: PgBase, prepare: () => Promise<void>, location?: PostgresLocation): Db {
  const owner = {};
  let isReady = false;
  let attempt: Promise<void> | null = null;
  const ready = (): Promise<void> =>
    (attempt ??= prepare().then(
      () => {
        isReady = true;
      },
      (error: unknown) => {
        attempt = null;
        throw error;
      },
    ));
  const current = () => {
    const open = openTransaction.getStore();
    return open && open.owner === owner ? open : undefined;
  };
  const route: Route = {
    dialect: "postgres",
    target: () => (current()?.handle as object | undefined) ?? base,
    wait: () => (isReady ? null : ready()),
  };
  const transaction = async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
    if (!isReady) await ready();
    const open = current();
    const on = (open?.handle as PgBase | undefined) ?? base;
    return on.transaction((tx) => openTransaction.run({ owner, handle: tx, depth: (open?.depth ?? -1) + 1 }, () => fn(db)));
  };
  const db = wrapDatabase(base, route, transaction as Db["transaction"], () => base.$client.end(), location);
  return db;
}
