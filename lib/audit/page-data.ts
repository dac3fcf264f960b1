import "server-only";
import { getDb } from "@/lib/db";
import { auditExportRows, auditFacets, auditPage, auditRecordRefs, type AuditFilter } from "./queries";

export type { AuditEntry } from "@/lib/schema";
export { auditFilterSchema, type AuditFilter } from "./queries";

/** What the audit page shows for a filter: one page of entries, what their sentences need, and the record types to filter by. */
export async function auditListPage(filter: AuditFilter) {
  const db = getDb();
  const { rows, total, pages } = await auditPage(db, filter);
  const records = await auditRecordRefs(db, rows);
  const { entityTypes } = await auditFacets(db);
  return { rows, total, pages, records, entityTypes };
}

/** Every entry the filter matches, oldest first, for the CSV export. */
export async function auditExport(filter: AuditFilter) {
  return auditExportRows(getDb(), filter);
}
