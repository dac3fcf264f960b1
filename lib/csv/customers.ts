import { customers } from "@/lib/schema";
import { chunks, customerIdsByExternalId, customersCreatedSince } from "./lookups";
import type { Sql } from "./types";

/**
 * Customers a file mentions but the database does not know yet. Files carry only an id (and maybe a country),
 * so the customer is created with just that; the first country seen for an id wins. `since` is the highest
 * customer id when the plan looked them up (see lastIds).
 */
export type CustomerPlan = { known: Map<string, number>; toCreate: Map<string, string | null>; since: number };

export async function planCustomers(db: Sql, mentions: Iterable<{ externalId: string; country?: string }>, since: number): Promise<CustomerPlan> {
  const list = [...mentions];
  const known = await customerIdsByExternalId(
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
export async function adoptNewCustomers(tx: Sql, plan: CustomerPlan): Promise<void> {
  if (plan.toCreate.size === 0) return;
  for (const [externalId, id] of await customersCreatedSince(tx, plan.since)) {
    if (plan.toCreate.delete(externalId)) plan.known.set(externalId, id);
  }
}

/**
 * Inside the write transaction: inserts the planned customers, many to a statement as an orders file may name tens of
 * thousands; returns every id the file mentions -> customers.id.
 */
export async function createCustomers(tx: Sql, plan: CustomerPlan): Promise<Map<string, number>> {
  const ids = new Map(plan.known);
  const rows = [...plan.toCreate].map(([externalId, country]) => ({ externalId, country, source: "import" as const }));
  for (const chunk of chunks(rows, 1000)) {
    const created = await tx.insert(customers).values(chunk).returning({ id: customers.id, externalId: customers.externalId }).all();
    for (const { id, externalId } of created) ids.set(externalId, id);
  }
  return ids;
}
