import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { audit } from "@/lib/audit";
import { auditFilterSchema, auditPage } from "@/lib/audit/queries";

describe("audit log", () => {
  it("is append-only: the database refuses to edit or delete an entry", () => {
    const db = getDb();
    audit(db, { actor: { id: null, email: "a@test" }, action: "test.write", entityType: "thing", entityId: 1, before: null, after: { x: 1 } });
    expect(() => db.$client.exec("update audit_log set action = 'forged'")).toThrow(/append-only/);
    expect(() => db.$client.exec("delete from audit_log")).toThrow(/append-only/);
  });

  it("filters by actor, action and record, and pages through the rest", () => {
    const db = getDb();
    for (let i = 0; i < 60; i++) {
      audit(db, { actor: { id: null, email: i % 2 ? "odd@test" : "even@test" }, action: i % 3 ? "price.approve" : "fraud.decide", entityType: i % 3 ? "price" : "case", entityId: i });
    }
    const odd = auditPage(db, auditFilterSchema.parse({ actor: "odd" }));
    expect(odd.total).toBe(30);
    expect(odd.rows.every((r) => r.actorEmail === "odd@test")).toBe(true);
    const cases = auditPage(db, auditFilterSchema.parse({ entityType: "case", sort: "oldest" }));
    expect(cases.total).toBe(20);
    expect(cases.rows[0]!.entityId).toBe("0");
    const page2 = auditPage(db, auditFilterSchema.parse({ page: "2" }));
    expect(page2.rows).toHaveLength(61 - 50);
    expect(auditFilterSchema.parse({ page: "-4", sort: "sideways", from: "yesterday" })).toMatchObject({ page: 1, sort: "newest", from: undefined });
  });
});
