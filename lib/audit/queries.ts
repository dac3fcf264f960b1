import "server-only";
import { and, asc, count, desc, eq, gte, inArray, like, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { auditLog, forecastPlans, jobs, modelVersions, priceRecommendations, products, reviews, users, type AuditEntry } from "@/lib/schema";
import type { AuditRecordRef } from "@/lib/audit/describe";
import { addDays, startOfDayMs } from "@/lib/dates";
import { pageParam } from "@/lib/search-params";

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
  page: pageParam(100_000),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

function where(filter: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    // Case-insensitive on both databases (SQLite's LIKE is, PostgreSQL's is not): lower() on both sides.
    filter.actor ? like(sql`lower(${auditLog.actorEmail})`, `%${filter.actor.toLowerCase()}%`) : undefined,
    filter.action ? like(sql`lower(${auditLog.action})`, `${filter.action.toLowerCase()}%`) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditLog.at, new Date(startOfDayMs(filter.from))) : undefined,
    filter.to ? lt(auditLog.at, new Date(startOfDayMs(addDays(filter.to, 1)))) : undefined,
  ];
  return and(...parts.filter(Boolean));
}

export async function auditPage(db: Db, filter: AuditFilter) {
  const condition = where(filter);
  const total = (await db.select({ n: count() }).from(auditLog).where(condition).get())?.n ?? 0;
  const rows = await db
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
export async function auditExportRows(db: Db, filter: AuditFilter, limit = 100_000) {
  return db.select().from(auditLog).where(where(filter)).orderBy(asc(auditLog.id)).limit(limit).all();
}

export async function auditFacets(db: Db) {
  const entityTypes = await db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType).all();
  return { entityTypes: entityTypes.map((r) => r.v) };
}

const ids = (rows: AuditEntry[], entityType: string) =>
  [...new Set(rows.filter((r) => r.entityType === entityType && r.entityId && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId)))];

/**
 * What the sentences of one page of entries need from other tables, fetched in one query per kind of record: the
 * actor's name, the product (id and SKU) behind a forecast plan, price recommendation, product or review, a model
 * version's task and number, a job's task, a user's e-mail. Keyed by audit entry id.
 */
export async function auditRecordRefs(db: Db, rows: AuditEntry[]): Promise<Map<number, AuditRecordRef>> {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
  // Actors' names and user records' e-mails in one read of the users they name.
  const userIds = [...new Set([...actorIds, ...ids(rows, "user")])];
  const people = new Map(userIds.length ? (await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, userIds)).all()).map((u) => [u.id, u]) : []);

  const reviewIds = ids(rows, "review");
  const reviewProduct = new Map(reviewIds.length ? (await db.select({ id: reviews.id, productId: reviews.productId }).from(reviews).where(inArray(reviews.id, reviewIds)).all()).map((r) => [r.id, r.productId]) : []);
  const planIds = ids(rows, "forecast_plan");
  const planProduct = new Map(planIds.length ? (await db.select({ id: forecastPlans.id, productId: forecastPlans.productId }).from(forecastPlans).where(inArray(forecastPlans.id, planIds)).all()).map((r) => [r.id, r.productId]) : []);
  const recIds = ids(rows, "price_recommendation");
  const recProduct = new Map(recIds.length ? (await db.select({ id: priceRecommendations.id, productId: priceRecommendations.productId }).from(priceRecommendations).where(inArray(priceRecommendations.id, recIds)).all()).map((r) => [r.id, r.productId]) : []);

  const productOf = (r: AuditEntry): number | null => {
    const id = r.entityId && /^\d+$/.test(r.entityId) ? Number(r.entityId) : null;
    if (id === null) return null;
    if (r.entityType === "product") return id;
    if (r.entityType === "review") return reviewProduct.get(id) ?? null;
    if (r.entityType === "forecast_plan") return planProduct.get(id) ?? null;
    if (r.entityType === "price_recommendation") return recProduct.get(id) ?? null;
    return null;
  };
  const productIds = [...new Set(rows.map(productOf).filter((id): id is number => id !== null))];
  const skus = new Map(productIds.length ? (await db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.id, productIds)).all()).map((p) => [p.id, p.sku]) : []);

  const versionIds = ids(rows, "model_version");
  const versions = new Map(versionIds.length ? (await db.select({ id: modelVersions.id, task: modelVersions.task, version: modelVersions.version }).from(modelVersions).where(inArray(modelVersions.id, versionIds)).all()).map((v) => [v.id, v]) : []);
  const jobIds = ids(rows, "job");
  const jobTasks = new Map(jobIds.length ? (await db.select({ id: jobs.id, task: jobs.task }).from(jobs).where(inArray(jobs.id, jobIds)).all()).map((j) => [j.id, j.task]) : []);
  const runTasks: Record<string, string> = { forecast_run: "forecast", price_run: "pricing" };

  const refs = new Map<number, AuditRecordRef>();
  for (const r of rows) {
    const id = r.entityId && /^\d+$/.test(r.entityId) ? Number(r.entityId) : null;
    const productId = productOf(r);
    const version = r.entityType === "model_version" && id !== null ? versions.get(id) : undefined;
    refs.set(r.id, {
      actorName: r.actorId !== null ? (people.get(r.actorId)?.name ?? null) : null,
      productId,
      sku: productId !== null ? (skus.get(productId) ?? null) : null,
      task: version?.task ?? (r.entityType === "job" && id !== null ? jobTasks.get(id) : undefined) ?? runTasks[r.entityType] ?? null,
      version: version?.version ?? null,
      userEmail: r.entityType === "user" && id !== null ? (people.get(id)?.email ?? null) : null,
    });
  }
  return refs;
}
