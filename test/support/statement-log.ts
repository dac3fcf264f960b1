import type Database from "better-sqlite3";
import { rawSqlite, type Db } from "@/lib/db";

/** One statement a piece of code ran: its SQL, the values bound, and how many rows it returned (reads only). */
export type LoggedStatement = { sql: string; params: unknown[]; rows: number };

const running = new Set(["run", "get", "all", "iterate"]);

/**
 * Runs `fn` (awaited) and lists the statements it ran on `db`'s connection, by wrapping better-sqlite3's `prepare`
 * for that time. Drizzle and raw queries alike prepare through it. Used to check what a page reads, not how long it
 * takes. SQLite only.
 */
export async function recordStatements<T>(db: Db, fn: () => T | Promise<T>): Promise<{ value: T; statements: LoggedStatement[] }> {
  const client = rawSqlite(db).$client;
  const prepare = client.prepare;
  const statements: LoggedStatement[] = [];
  client.prepare = ((source: string) => {
    const statement = prepare.call(client, source) as Database.Statement;
    const proxy: Database.Statement = new Proxy(statement, {
      get(target, property) {
        const member = Reflect.get(target, property, target) as unknown;
        if (typeof member !== "function") return member;
        return (...args: unknown[]) => {
          const result = (member as (...a: unknown[]) => unknown).apply(target, args);
          if (running.has(String(property))) {
            const rows = Array.isArray(result) ? result.length : property === "get" ? Number(result !== undefined) : 0;
            statements.push({ sql: source, params: args, rows });
          }
          // Chained setters (raw, pluck, expand) return the statement itself: keep recording through the proxy.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  }) as typeof client.prepare;
  try {
    return { value: await fn(), statements };
  } finally {
    client.prepare = prepare;
  }
}

/** SQLite's plan for a logged statement, one line per step (e.g. "SEARCH d USING INDEX ... (product_id=?)"). */
export function queryPlan(db: Db, statement: LoggedStatement): string[] {
  return rawSqlite(db)
    .$client
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .all(...statement.params)
    .map((r) => r.detail);
}
