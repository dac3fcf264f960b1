import { sql } from "drizzle-orm";
import type { Db } from "./db";

/**
 * Serializes the transaction that calls it with every other transaction that takes the same lock, until it ends:
 * for a check followed by a write that depends on it ("no train job is active, so queue one"). On SQLite every
 * transaction already holds the one write lock from its BEGIN IMMEDIATE, so this is nothing; PostgreSQL's default
 * isolation would let two such transactions both pass the check, so it takes a transaction-scoped advisory lock
 * (released at COMMIT or ROLLBACK; outside a transaction it would hold for the statement only).
 */
export async function lockFor(db: Db, name: string): Promise<void> {
  if (db.dialect === "postgres") await db.run(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
}
