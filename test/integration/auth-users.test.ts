import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { demoUsers, seedDemoUsers } from "@/db/seed/users";
import { authenticate, findOrCreateOidcUser } from "@/lib/auth/users";

describe("credentials sign-in", () => {
  it("stores only bcrypt hashes and accepts the right password, in any email case", async () => {
    const db = getDb();
    await seedDemoUsers(db);
    const stored = db.select().from(users).all();
    expect(stored.every((u) => u.passwordHash?.startsWith("$2") && !demoUsers.some((d) => u.passwordHash!.includes(d.password)))).toBe(true);
    const planner = demoUsers.find((u) => u.role === "planner")!;
    expect(await authenticate(db, planner.email.toUpperCase(), planner.password)).toMatchObject({ role: "planner" });
    expect(await authenticate(db, planner.email, "wrong")).toBeNull();
    expect(await authenticate(db, "nobody@demo.store", planner.password)).toBeNull();
  });

  it("refuses a disabled account even with the right password", async () => {
    const db = getDb();
    const viewer = demoUsers.find((u) => u.role === "viewer")!;
    db.update(users).set({ disabled: true }).where(eq(users.email, viewer.email)).run();
    expect(await authenticate(db, viewer.email, viewer.password)).toBeNull();
  });

  it("gives a first single sign-on the configured default role, and keeps an existing user's role", () => {
    const db = getDb();
    expect(findOrCreateOidcUser(db, "New.Person@corp.example", "New Person", "viewer")).toMatchObject({ role: "viewer", email: "new.person@corp.example" });
    expect(findOrCreateOidcUser(db, "risk@demo.store", "Rita", "viewer")).toMatchObject({ role: "risk_analyst" });
  });
});
