import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { users } from "@/lib/schema";
import { demoUsers } from "@/db/seed/users";
import { seedDemoAccounts } from "@/lib/platform/demo-store";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { findOrCreateOidcUser } from "@/lib/auth/users";

const signIn = (email: string, password: string) => signInWithPassword(getDb(), { email, password, address: null, userAgent: null, now: Date.now() });

describe("credentials sign-in", () => {
  it("stores only bcrypt hashes and accepts the right password, in any email case", async () => {
    const db = getDb();
    await seedDemoAccounts(db);
    const stored = await db.select().from(users).all();
    expect(stored.every((u) => u.passwordHash?.startsWith("$2") && !demoUsers.some((d) => u.passwordHash!.includes(d.password)))).toBe(true);
    const planner = demoUsers.find((u) => u.role === "planner")!;
    expect(await signIn(planner.email.toUpperCase(), planner.password)).toMatchObject({ ok: true, user: { role: "planner" } });
    expect(await signIn(planner.email, "wrong")).toEqual({ ok: false, reason: "refused" });
    expect(await signIn("nobody@demo.store", planner.password)).toEqual({ ok: false, reason: "refused" });
  });

  it("refuses a disabled account even with the right password", async () => {
    const db = getDb();
    const viewer = demoUsers.find((u) => u.role === "viewer")!;
    await db.update(users).set({ disabled: true }).where(eq(users.email, viewer.email)).run();
    expect(await signIn(viewer.email, viewer.password)).toEqual({ ok: false, reason: "refused" });
  });

  it("gives a first single sign-on the configured default role, and keeps an existing user's role", async () => {
    const db = getDb();
    expect(await findOrCreateOidcUser(db, "New.Person@corp.example", "New Person", "viewer")).toMatchObject({ role: "viewer", email: "new.person@corp.example" });
    expect(await findOrCreateOidcUser(db, "risk@demo.store", "Rita", "viewer")).toMatchObject({ role: "risk_analyst" });
  });
});
