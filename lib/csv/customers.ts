import { customers } from "@/db/schema";
import { chunks, customerIdsByExternalId } from "./lookups";
import type { Sql } from "./types";

/**
 * Customers a file mentions but the database does not know yet. Files carry only an id (and maybe a country),
 * so the customer is created with just that; the first country seen for an id wins.
 */
export type CustomerPlan = { known: Map<string, number>; toCreate: Map<string, string | null> };

export function planCustomers(db: Sql, mentions: Iterable<{ externalId: string; country?: string }>): CustomerPlan {
  const list = [...mentions];
  const known = customerIdsByExternalId(
    db,
    list.map((m) => m.externalId),
  );
  const toCreate = new Map<string, string | null>();
  for (const { externalId, country } of list) {
    if (!known.has(externalId) && !toCreate.has(externalId)) toCreate.set(externalId, country ?? null);
  }
  return { known, toCreate };
}

/** Inserts the planned customers; returns every id the file mentions -> customers.id. */
export function createCustomers(tx: Sql, plan: CustomerPlan): Map<string, number> {
  const ids = new Map(plan.known);
  const values = [...plan.toCreate].map(([externalId, country]) => ({ externalId, country, source: "import" as const }));
  for (const chunk of chunks(values, 1000)) {
    for (const row of tx.insert(customers).values(chunk).returning({ id: customers.id, externalId: customers.externalId }).all()) {
      ids.set(row.externalId, row.id);
    }
  }
  return ids;
}
