import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { audit } from "@/lib/audit";
import { auditFilterSchema, auditPage } from "@/lib/audit/queries";

/** The database's own words for a refused statement (drizzle wraps the driver's error as its `cause`). */
const refusal = (statement: Promise<unknown>) =>
  statement.then(
    () => "not refused",
    (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message),
  );

describe("audit log", () => {
  it("is append-only: the database refuses to edit or delete an entry", async () => {
    const db = getDb();
    await audit(db, { actor: { id: null, email: "a@test" }, action: "test.write", entityType: "thing", entityId: 1, before: null, after: { x: 1 } });
    expect(await refusal(db.run(sql`update audit_log set action = 'forged'`))).toMatch(/append-only/);
    expect(await refusal(db.run(sql`delete from audit_log`))).toMatch(/append-only/);
  });

  it("filters by actor, action and record, and pages through the rest", async () => {
    const db = getDb();
    for (let i = 0; i < 60; i++) {
      await audit(db, { actor: { id: null, email: i % 2 ? "odd@test" : "even@test" }, action: i % 3 ? "price.approve" : "fraud.decide", entityType: i % 3 ? "price" : "case", entityId: i });
    }
    const odd = await auditPage(db, auditFilterSchema.parse({ actor: "odd" }));
    expect(odd.total).toBe(30);
    expect(odd.rows.every((r) => r.actorEmail === "odd@test")).toBe(true);
    const cases = await auditPage(db, auditFilterSchema.parse({ entityType: "case", sort: "oldest" }));
    expect(cases.total).toBe(20);
    expect(cases.rows[0]!.entityId).toBe("0");
    const page2 = await auditPage(db, auditFilterSchema.parse({ page: "2" }));
    expect(page2.rows).toHaveLength(61 - 50);
    expect(auditFilterSchema.parse({ page: "-4", sort: "sideways", from: "yesterday" })).toMatchObject({ page: 1, sort: "newest", from: undefined });
  });
});
