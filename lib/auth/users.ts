import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { users, type Role, type User } from "@/lib/schema";
import { isLocale, isTimeZone, type Locale } from "@/lib/i18n/locales";

export type SessionUser = { id: number; email: string; name: string; role: Role; locale: Locale | null; timeZone: string | null };

export function toSessionUser(u: User): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: isLocale(u.locale) ? u.locale : null, timeZone: isTimeZone(u.timeZone) ? u.timeZone : null };
}

/** Emails are stored trimmed and lower-case; every lookup goes through here so "Ada@X" and "ada@x" are one account. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function findUserRow(db: Db, email: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

/** OIDC sign-ins map to a local user by email, created on first sign-in with the configured default role. */
export async function findOrCreateOidcUser(db: Db, email: string, name: string, defaultRole: Role): Promise<SessionUser | null> {
  const existing = await findUserRow(db, email);
  if (existing) return existing.disabled ? null : toSessionUser(existing);
  const created = await db
    .insert(users)
    .values({ email: normalizeEmail(email), name, role: defaultRole, passwordHash: null, createdAt: new Date() })
    .onConflictDoNothing({ target: users.email })
    .returning()
    .get();
  if (created) return toSessionUser(created);
  // Created meanwhile by a sign-in of the same person in another request: that account, as it is.
  const existingNow = await findUserRow(db, email);
  return existingNow && !existingNow.disabled ? toSessionUser(existingNow) : null;
}

/** A user's e-mail by id, or null for none or an unknown id: the one lookup behind "decided by", "edited by", .... */
export async function userEmail(db: Db, id: number | null | undefined): Promise<string | null> {
  if (id === null || id === undefined) return null;
  return (await db.select({ email: users.email }).from(users).where(eq(users.id, id)).get())?.email ?? null;
}

/** E-mails of several users at once (one query), keyed by id. */
export async function userEmails(db: Db, ids: Iterable<number | null | undefined>): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === "number"))];
  if (wanted.length === 0) return new Map();
  return new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, wanted)).all()).map((u) => [u.id, u.email]));
}
