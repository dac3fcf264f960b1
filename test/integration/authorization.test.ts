/**
 * Every role is refused, on the server, what belongs to another role: the real server action and route handler
 * are called with a session of each role, as a forged request from a browser would call them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

// test/support/setup-env.ts gives this file its own empty data directory before anything is imported.
const session = vi.hoisted(() => ({ userId: null as number | null }));

vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId === null ? null : { user: { id: session.userId } }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { count } from "drizzle-orm";
import { getDb } from "@/db/client";
import { imports, orders, roles, users, type Role } from "@/db/schema";
import { importCsvAction } from "@/app/(dashboard)/data/actions";
import { createApiKeyAction } from "@/app/(dashboard)/data/api-keys-actions";
import { approvePlansAction, overrideWeekAction } from "@/app/(dashboard)/forecasts/actions";
import { bulkDecideAction, decideCaseAction, saveRuleAction } from "@/app/(dashboard)/fraud/actions";
import { approveAction, adjustAction } from "@/app/(dashboard)/pricing/actions";
import { GET as exportAudit } from "@/app/api/export/audit/route";
import { areas, can, canViewArea, capabilityRoles, type Capability } from "@/lib/auth/permissions";
import { requireArea, requireCapability } from "@/lib/auth/session";

const idByRole = {} as Record<Role, number>;
const csv = "order_id,ordered_at,sku,quantity,unit_price\nA-1,2026-01-05,SKU-NEW,2,9.99\n";

function as(role: Role | null) {
  session.userId = role === null ? null : idByRole[role];
}

beforeAll(() => {
  const db = getDb();
  db.$client.exec("insert into channels (id, code, name) values (1,'web','Web'),(2,'app','App'),(3,'marketplace','Marketplace'),(4,'store','Store')");
  for (const role of roles) {
    idByRole[role] = db.insert(users).values({ email: `${role}@test`, name: role, role, passwordHash: null, createdAt: new Date() }).returning().get().id;
  }
});

describe("server-side authorisation", () => {
  // Each business decision belongs to one role (admins included among the refused); the check comes before the
  // input is even read, so these payloads need not point at real rows.
  const decisions: { name: string; role: Role; call: () => Promise<{ ok: boolean; code?: string }> }[] = [
    { name: "forecast override", role: "planner", call: () => overrideWeekAction({ runId: 1, productId: 1, expectedVersion: 1, week: "2026-11-01", units: 3, reason: "promotion" }) },
    { name: "forecast approval", role: "planner", call: () => approvePlansAction({ runId: 1, items: [{ productId: 1, expectedVersion: 1 }], serviceLevel: 0.95 }) },
    { name: "price approval", role: "merchandiser", call: () => approveAction({ runId: 1, items: [{ productId: 1, expectedVersion: 1 }] }) },
    { name: "price adjustment", role: "merchandiser", call: () => adjustAction({ runId: 1, productId: 1, expectedVersion: 1, priceCents: 999, reason: "match the market" }) },
    { name: "fraud decision", role: "risk_analyst", call: () => decideCaseAction({ caseId: 1, expectedVersion: 1, decision: "fraud", note: "card testing" }) },
    { name: "bulk fraud decision", role: "risk_analyst", call: () => bulkDecideAction({ items: [{ caseId: 1, expectedVersion: 1 }], decision: "legitimate" }) },
    { name: "fraud rule", role: "risk_analyst", call: () => saveRuleAction({ name: "big", kind: "amount", threshold: 100_000, action: "review" }) },
    { name: "API key creation", role: "admin", call: () => createApiKeyAction({ name: "checkout", scopes: ["fraud:score"] }) },
  ];
  for (const decision of decisions) {
    it.each(roles.filter((r) => r !== decision.role))(`refuses the ${decision.name} to %s`, async (role) => {
      as(role);
      expect(await decision.call()).toMatchObject({ ok: false, code: "forbidden" });
    });
  }

  it.each(roles.filter((r) => r !== "admin"))("refuses the admins' CSV import action to %s and writes nothing", async (role) => {
    as(role);
    const result = await importCsvAction({ kind: "orders", filename: "orders.csv", text: csv });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(getDb().select({ n: count() }).from(imports).get()!.n).toBe(0);
    expect(getDb().select({ n: count() }).from(orders).get()!.n).toBe(0);
  });

  it("refuses every action to a request with no session", async () => {
    as(null);
    expect(await importCsvAction({ kind: "orders", filename: "orders.csv", text: csv })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await exportAudit(new Request("http://x/api/export/audit"))).status).toBe(401);
  });

  it("lets an admin import, and audits it", async () => {
    as("admin");
    const result = await importCsvAction({ kind: "orders", filename: "orders.csv", text: csv });
    expect(result.ok && result.data.ok).toBe(true);
    expect(getDb().select({ n: count() }).from(orders).get()!.n).toBe(1);
  });

  it.each(roles)("answers the audit export route for %s only if the role may read the audit log", async (role) => {
    as(role);
    const response = await exportAudit(new Request("http://x/api/export/audit"));
    expect(response.status).toBe(role === "admin" ? 200 : 403);
    if (role === "admin") expect(await response.text()).toContain("data.import");
  });

  it.each(roles)("refuses %s every capability of other roles, through the one server-side guard", async (role) => {
    as(role);
    const refused = (Object.keys(capabilityRoles) as Capability[]).filter((c) => !can(role, c));
    expect(refused.length).toBeGreaterThan(0);
    for (const capability of refused) await expect(requireCapability(capability)).rejects.toMatchObject({ code: "forbidden" });
    for (const capability of Object.keys(capabilityRoles) as Capability[]) {
      if (can(role, capability)) await expect(requireCapability(capability)).resolves.toMatchObject({ role });
    }
  });

  it.each(roles)("answers 403 to %s on pages of other roles", async (role) => {
    as(role);
    for (const area of areas) {
      if (canViewArea(role, area.key)) await expect(requireArea(area.key)).resolves.toMatchObject({ role });
      else await expect(requireArea(area.key)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    }
  });

  it("reads the role from the database, so a demoted user loses access at once", async () => {
    as("planner");
    await expect(requireArea("forecasts")).resolves.toBeTruthy();
    const { eq } = await import("drizzle-orm");
    getDb().update(users).set({ role: "viewer" }).where(eq(users.id, idByRole.planner)).run();
    await expect(requireArea("forecasts")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    getDb().update(users).set({ role: "planner" }).where(eq(users.id, idByRole.planner)).run();
  });
});
