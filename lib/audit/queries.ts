import "server-only";
import { and, asc, count, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { addDays, startOfDayMs } from "@/lib/dates";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** URL search params of the audit page; anything malformed falls back to "no filter" rather than an error page. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  entityType: z.string().trim().max(100).optional().catch(undefined),
  entityId: z.string().trim().max(100).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  sort: z.enum(["newest", "oldest"]).catch("newest").default("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

function where(filter: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    filter.actor ? like(auditLog.actorEmail, `%${filter.actor}%`) : undefined,
    filter.action ? like(auditLog.action, `${filter.action}%`) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditLog.at, new Date(startOfDayMs(filter.from))) : undefined,
    filter.to ? lt(auditLog.at, new Date(startOfDayMs(addDays(filter.to, 1)))) : undefined,
  ];
  return and(...parts.filter(Boolean));
}

export function auditPage(db: Db, filter: AuditFilter) {
  const condition = where(filter);
  const total = db.select({ n: count() }).from(auditLog).where(condition).get()?.n ?? 0;
  const rows = db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(filter.sort === "oldest" ? asc(auditLog.id) : desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Every matching entry, oldest first, for CSV export (bounded so one click cannot exhaust memory). */
export function auditExportRows(db: Db, filter: AuditFilter, limit = 100_000) {
  return db.select().from(auditLog).where(where(filter)).orderBy(asc(auditLog.id)).limit(limit).all();
}

export function auditFacets(db: Db) {
  const entityTypes = db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType).all();
  return { entityTypes: entityTypes.map((r) => r.v) };
}
