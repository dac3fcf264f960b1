import { and, asc, desc, eq, like } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { auditLog, roles, users, type Role, type User } from "@/lib/schema";
import { audit } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { createFormat } from "@/lib/format";
import { defaultLocale } from "@/lib/i18n/locales";
import { msg, type Message } from "@/lib/i18n/message";
import { lockFor } from "@/lib/transaction-lock";
import { openSessionsByUser, revokeUserSessions } from "./sessions";
import type { SessionUser } from "./users";

export type ManagedUser = Pick<User, "id" | "email" | "name" | "role" | "disabled"> & { openSessions: number; lastSeenAt: Date | null };

export async function listUsers(db: Db, now = Date.now()): Promise<ManagedUser[]> {
  const open = await openSessionsByUser(db, now);
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled })
    .from(users)
    .orderBy(asc(users.email))
    .all();
  return rows.map((u) => ({ ...u, openSessions: open.get(u.id)?.open ?? 0, lastSeenAt: open.get(u.id)?.lastSeenAt ?? null }));
}

const userId = z.number().int().positive();
/** What the admin's page showed: a change made on a stale page is refused (two admins editing one account). */
const expected = z.object({ role: z.enum(roles), disabled: z.boolean() });
export const changeRoleInput = z.object({ userId, expected, role: z.enum(roles) });
export const setDisabledInput = z.object({ userId, expected, disabled: z.boolean() });
export const signOutEverywhereInput = z.object({ userId });

/**
 * The account as it stands, read inside the caller's transaction once no other change of it is under way: on
 * PostgreSQL two admins' changes of one account take turns (an advisory lock), as every transaction does on SQLite,
 * so the second one is checked against what the first one wrote.
 */
async function loadUser(db: Db, id: number): Promise<User> {
  await lockFor(db, `users:${id}`);
  const user = await db.select().from(users).where(eq(users.id, id)).get();
  if (!user) throw new AppError("not_found", msg("users.errors.notFound", { id }));
  return user;
}

/** Who changed the account last, and when (in the reader's language and time zone), or null. */
async function lastChange(db: Db, id: number, reader: SessionUser): Promise<{ by: string; at: string } | null> {
  const entry = await db
    .select({ actorEmail: auditLog.actorEmail, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, String(id)), like(auditLog.action, "user.%")))
    .orderBy(desc(auditLog.id))
    .get();
  if (!entry) return null;
  return { by: entry.actorEmail, at: createFormat(reader.locale ?? defaultLocale, reader.timeZone ?? "UTC").dateTime(entry.at) };
}

async function checkExpected(db: Db, reader: SessionUser, user: User, seen: z.infer<typeof expected>): Promise<void> {
  if (user.role === seen.role && user.disabled === seen.disabled) return;
  const now = { email: user.email, role: user.role, state: user.disabled ? "disabled" : "active" };
  const change = await lastChange(db, user.id, reader);
  const message: Message = change ? msg("users.errors.staleChangedBy", { ...now, ...change }) : msg("users.errors.stale", now);
  throw new ConflictError(message, { userId: user.id, role: user.role, disabled: user.disabled });
}

/** An admin keeps their own access: another admin must demote or disable them, so there is always an admin left. */
function refuseSelf(actor: SessionUser, user: User, what: "demote" | "disable"): void {
  if (actor.id === user.id) throw new AppError("forbidden", msg(what === "demote" ? "users.errors.selfDemote" : "users.errors.selfDisable"));
}

/** A new role ends the user's open sessions: they sign in again and get exactly the new role's access. */
export function changeRole(db: Db, actor: SessionUser, input: z.infer<typeof changeRoleInput>, now: number) {
  return db.transaction(async () => {
    const user = await loadUser(db, input.userId);
    await checkExpected(db, actor, user, input.expected);
    if (user.role === input.role) return { role: user.role, sessionsEnded: 0 };
    if (input.role !== "admin") refuseSelf(actor, user, "demote");
    await db.update(users).set({ role: input.role }).where(eq(users.id, user.id)).run();
    const sessionsEnded = await revokeUserSessions(db, user.id, "role_changed", now);
    await audit(db, { actor, action: "user.role.change", entityType: "user", entityId: user.id, before: { role: user.role }, after: { role: input.role, sessionsEnded } });
    return { role: input.role as Role, sessionsEnded };
  });
}

export function setDisabled(db: Db, actor: SessionUser, input: z.infer<typeof setDisabledInput>, now: number) {
  return db.transaction(async () => {
    const user = await loadUser(db, input.userId);
    await checkExpected(db, actor, user, input.expected);
    if (user.disabled === input.disabled) return { disabled: user.disabled, sessionsEnded: 0 };
    if (input.disabled) refuseSelf(actor, user, "disable");
    await db.update(users).set({ disabled: input.disabled }).where(eq(users.id, user.id)).run();
    const sessionsEnded = input.disabled ? await revokeUserSessions(db, user.id, "account_disabled", now) : 0;
    await audit(db, {
      actor,
      action: input.disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: user.id,
      before: { disabled: user.disabled },
      after: { disabled: input.disabled, sessionsEnded },
    });
    return { disabled: input.disabled, sessionsEnded };
  });
}

/** For a lost laptop or a leaked cookie: every open session of the user ends now; the account stays as it is. */
export function signOutEverywhere(db: Db, actor: SessionUser, input: z.infer<typeof signOutEverywhereInput>, now: number) {
  return db.transaction(async () => {
    const user = await loadUser(db, input.userId);
    const sessionsEnded = await revokeUserSessions(db, user.id, "signed_out_everywhere", now);
    await audit(db, { actor, action: "user.sessions.revoke", entityType: "user", entityId: user.id, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}
