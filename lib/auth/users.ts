import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { verifyPassword } from "./password";

export type SessionUser = { id: number; email: string; name: string; role: Role };

function toSessionUser(u: typeof users.$inferSelect): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

export async function authenticate(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  // Compare against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const hash = user?.passwordHash ?? "$2b$10$CwTycUXWue0Thq9StjUM0uJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce";
  const ok = await verifyPassword(password, hash);
  if (!user || !ok || user.disabled) return null;
  return toSessionUser(user);
}

export function findUserByEmail(db: Db, email: string): SessionUser | null {
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  return user ? toSessionUser(user) : null;
}

/** The database, not the session cookie, is the truth for role and access: a role change takes effect at once. */
export function loadActiveUser(db: Db, id: number): SessionUser | null {
  const user = db.select().from(users).where(eq(users.id, id)).get();
  return user && !user.disabled ? toSessionUser(user) : null;
}

/** OIDC sign-ins map to a local user by email, created on first sign-in with the configured default role. */
export function findOrCreateOidcUser(db: Db, email: string, name: string, defaultRole: Role): SessionUser | null {
  const normalized = email.trim().toLowerCase();
  const existing = db.select().from(users).where(eq(users.email, normalized)).get();
  if (existing) return existing.disabled ? null : toSessionUser(existing);
  const created = db
    .insert(users)
    .values({ email: normalized, name, role: defaultRole, passwordHash: null, createdAt: new Date() })
    .returning()
    .get();
  return toSessionUser(created);
}
