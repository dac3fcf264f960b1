/**
 * Sessions the server can end: a cookie copied before sign-out stops working at sign-out, and a role change or a
 * disabled account ends the person's open sessions on their very next request. Admins do this on the Users page.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", async (original) => ({ ...(await original<typeof import("next/cache")>()), revalidatePath: () => undefined }));

import { signInAction, signOutAction } from "@/app/(auth)/actions";
import { changeRoleAction, setDisabledAction, signOutEverywhereAction } from "@/app/(dashboard)/users/actions";
import { GET as exportAudit } from "@/app/api/export/audit/route";
import { getDb } from "@/lib/db";
import { auditLog, sessions, users, type Role } from "@/lib/schema";
import { authOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { currentUser, requireArea } from "@/lib/auth/session";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { createSession, SESSION_MAX_AGE_MS, sessionUser, TOUCH_EVERY_MS } from "@/lib/auth/sessions";
import { listUsers } from "@/lib/auth/user-admin";
import { jar, session } from "../support/request-context";

const ids: Record<string, number> = {};

beforeAll(async () => {
  const passwordHash = await hashPassword("pw-admin");
  const people: [string, Role][] = [
    ["admin", "admin"],
    ["admin2", "admin"],
    ["planner", "planner"],
    ["planner2", "planner"],
    ["merch", "merchandiser"],
    ["analyst", "risk_analyst"],
  ];
  for (const [name, role] of people) {
    ids[name] = (await getDb().insert(users).values({ email: `${name}@test`, name, role, passwordHash, createdAt: new Date() }).returning().get()).id;
  }
});

/** Signs `name` in on a new "browser" and returns its session cookie, as someone copying it would. */
async function signInAndCopyCookie(name: string): Promise<string> {
  session.userId = ids[name]!;
  await currentUser();
  return jar.get(sessionCookie.name)!;
}

function putCookie(value: string) {
  jar.set(sessionCookie.name, value);
}

const sessionsOf = (name: string) => getDb().select().from(sessions).where(eq(sessions.userId, ids[name]!)).all();
const expected = async (name: string) => {
  const u = (await getDb().select().from(users).where(eq(users.id, ids[name]!)).get())!;
  return { role: u.role, disabled: u.disabled };
};

describe("server-side sessions", () => {
  it("refuses a session cookie copied before sign-out, on pages, actions and routes alike", async () => {
    session.userId = null;
    const form = new FormData();
    form.set("email", "ADMIN@test");
    form.set("password", "pw-admin");
    await expect(signInAction({ error: null }, form)).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/;/) });
    const copied = jar.get(sessionCookie.name)!;
    expect(copied).toBeTruthy();
    expect((await exportAudit(new Request("http://x/api/export/audit"))).status).toBe(200);

    await expect(signOutAction()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin/) });
    expect(jar.has(sessionCookie.name)).toBe(false);

    putCookie(copied);
    expect(await currentUser()).toBeNull();
    expect((await exportAudit(new Request("http://x/api/export/audit"))).status).toBe(401);
    expect(await signOutEverywhereAction({ userId: ids.admin! })).toMatchObject({ ok: false, code: "unauthenticated" });
    await expect(requireArea("audit")).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin/) });
    expect((await sessionsOf("admin")).find((s) => s.revokedReason === "signed_out")).toBeTruthy();
  });

  it("ends a demoted user's open session at once, and the demotion is audited", async () => {
    const plannerCookie = await signInAndCopyCookie("planner");
    await signInAndCopyCookie("admin");
    expect(await changeRoleAction({ userId: ids.planner!, expected: await expected("planner"), role: "viewer" })).toEqual({ ok: true, data: { role: "viewer", sessionsEnded: 1 } });

    putCookie(plannerCookie);
    expect(await currentUser()).toBeNull();
    expect((await sessionsOf("planner")).map((s) => s.revokedReason)).toEqual(["role_changed"]);
    const entry = await getDb().select().from(auditLog).where(eq(auditLog.action, "user.role.change")).get();
    expect(entry).toMatchObject({ actorEmail: "admin@test", entityId: String(ids.planner), before: { role: "planner" }, after: { role: "viewer", sessionsEnded: 1 } });
  });

  it("ends a disabled user's open session at once", async () => {
    const merchCookie = await signInAndCopyCookie("merch");
    await signInAndCopyCookie("admin");
    expect(await setDisabledAction({ userId: ids.merch!, expected: await expected("merch"), disabled: true })).toMatchObject({ ok: true, data: { sessionsEnded: 1 } });
    putCookie(merchCookie);
    expect(await currentUser()).toBeNull();
    expect((await sessionsOf("merch")).map((s) => s.revokedReason)).toEqual(["account_disabled"]);
  });

  it("refuses a session whose role no longer matches, even when the role was changed outside the Users page", async () => {
    const cookie = await signInAndCopyCookie("planner2");
    await getDb().update(users).set({ role: "merchandiser" }).where(eq(users.id, ids.planner2!)).run();
    putCookie(cookie);
    expect(await currentUser()).toBeNull();
    expect((await sessionsOf("planner2")).map((s) => s.revokedReason)).toEqual(["role_changed"]);
  });

  it("ends every session of a user with sign out everywhere", async () => {
    const first = await signInAndCopyCookie("admin2");
    const second = await signInAndCopyCookie("admin2");
    await signInAndCopyCookie("admin");
    expect((await listUsers(getDb(), Date.now())).find((u) => u.id === ids.admin2)).toMatchObject({ openSessions: 2 });
    expect(await signOutEverywhereAction({ userId: ids.admin2! })).toEqual({ ok: true, data: { sessionsEnded: 2 } });
    for (const cookie of [first, second]) {
      putCookie(cookie);
      expect(await currentUser()).toBeNull();
    }
    expect((await listUsers(getDb(), Date.now())).find((u) => u.id === ids.admin2)).toMatchObject({ openSessions: 0 });
  });

  it("refuses a forged or altered cookie", async () => {
    const cookie = await signInAndCopyCookie("admin");
    putCookie(cookie.slice(0, -4) + (cookie.endsWith("AAAA") ? "BBBB" : "AAAA"));
    expect(await currentUser()).toBeNull();
    putCookie("not-a-token");
    expect(await currentUser()).toBeNull();
  });

  it("opens a server-side session at a single sign-on, and next-auth's own sign-out ends it", async () => {
    const token = await authOptions.callbacks!.jwt!({
      token: {},
      user: { id: "oidc-sub-1", email: "Sso.Person@corp.example", name: "Sso Person" },
      account: { provider: "oidc", type: "oauth", providerAccountId: "oidc-sub-1" },
    } as never);
    expect(Object.keys(token)).toEqual(["sid"]);
    const sid = token.sid as string;
    expect(await sessionUser(getDb(), sid, Date.now())).toMatchObject({ email: "sso.person@corp.example", role: "viewer" });
    await authOptions.events!.signOut!({ token, session: null } as never);
    expect(await sessionUser(getDb(), sid, Date.now())).toBeNull();
  });

  it("expires a session 8 hours after sign-in, and records activity at most once a minute", async () => {
    const db = getDb();
    const t0 = Date.UTC(2026, 4, 1, 9);
    const sid = await createSession(db, { userId: ids.admin!, role: "admin", address: null, userAgent: null, now: t0 });
    const lastSeen = async () => (await sessionsOf("admin")).find((s) => s.createdAt.getTime() === t0)!.lastSeenAt.getTime();
    expect(await sessionUser(db, sid, t0 + TOUCH_EVERY_MS - 1)).toMatchObject({ role: "admin" });
    expect(await lastSeen()).toBe(t0);
    expect(await sessionUser(db, sid, t0 + TOUCH_EVERY_MS)).toMatchObject({ role: "admin" });
    expect(await lastSeen()).toBe(t0 + TOUCH_EVERY_MS);
    expect(await sessionUser(db, sid, t0 + SESSION_MAX_AGE_MS)).toBeNull();
    expect((await sessionsOf("admin")).find((s) => s.createdAt.getTime() === t0)).toMatchObject({ revokedReason: "expired" });
  });
});

describe("the Users page's rules", () => {
  it("refuses a change made on a stale page, naming who changed the account", async () => {
    // Both admins' pages show the analyst as a risk analyst; admin changes the role first.
    const shown = await expected("analyst");
    await signInAndCopyCookie("admin");
    expect(await changeRoleAction({ userId: ids.analyst!, expected: shown, role: "viewer" })).toMatchObject({ ok: true });
    await signInAndCopyCookie("admin2");
    const refused = await changeRoleAction({ userId: ids.analyst!, expected: shown, role: "planner" });
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect(!refused.ok && refused.error).toMatch(/analyst@test is now viewer, active \(changed by admin@test at .+\)/);
    expect((await expected("analyst")).role).toBe("viewer");
  });

  it("does not let an admin demote or disable themselves", async () => {
    await signInAndCopyCookie("admin");
    expect(await changeRoleAction({ userId: ids.admin!, expected: await expected("admin"), role: "viewer" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await setDisabledAction({ userId: ids.admin!, expected: await expected("admin"), disabled: true })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await expected("admin")).toEqual({ role: "admin", disabled: false });
    expect(await currentUser()).toMatchObject({ role: "admin" });
  });
});
