import type Database from "better-sqlite3";
import { customerIdsByExternalId, customersCreatedSince } from "./lookups";
import type { Sql } from "./types";

/**
 * Customers a file mentions but the database does not know yet. Files carry only an id (and maybe a country),
 * so the customer is created with just that; the first country seen for an id wins. `since` is the highest
 * customer id when the plan looked them up (see lastIds).
 */
export type CustomerPlan = { known: Map<string, number>; toCreate: Map<string, string | null>; since: number };

export function planCustomers(db: Sql, mentions: Iterable<{ externalId: string; country?: string }>, since: number): CustomerPlan {
  const list = [...mentions];
  const known = customerIdsByExternalId(
    db,
    list.map((m) => m.externalId),
  );
  const toCreate = new Map<string, string | null>();
  for (const { externalId, country } of list) {
    if (!known.has(externalId) && !toCreate.has(externalId)) toCreate.set(externalId, country ?? null);
  }
  return { known, toCreate, since };
}

/**
 * Inside the write transaction: a customer created since the plan (by another import, or the scoring API) is
 * used as it is rather than created a second time, which the unique external id would refuse.
 */
export function adoptNewCustomers(tx: Sql, plan: CustomerPlan): void {
  if (plan.toCreate.size === 0) return;
  for (const [externalId, id] of customersCreatedSince(tx, plan.since)) {
    if (plan.toCreate.delete(externalId)) plan.known.set(externalId, id);
  }
}

/**
 * Inside the write transaction (`sqlite` is its connection): inserts the planned customers, with a prepared
 * statement as an orders file may name tens of thousands; returns every id the file mentions -> customers.id.
 */
export function createCustomers(sqlite: Database.Database, plan: CustomerPlan): Map<string, number> {
  const ids = new Map(plan.known);
  const insert = sqlite.prepare<[string, string | null]>("insert into customers (external_id, country, source) values (?, ?, 'import')");
  for (const [externalId, country] of plan.toCreate) ids.set(externalId, Number(insert.run(externalId, country).lastInsertRowid));
  return ids;
}
