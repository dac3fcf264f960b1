import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, max, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { sessions, users, type Role } from "@/lib/schema";
import { toSessionUser, type SessionUser } from "./users";

/** A session lasts 8 hours from sign-in, however active (the cookie's JWT expires with it). */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;
/** last_seen_at is written at most this often: a page makes several checks, and each need not be a write. */
export const TOUCH_EVERY_MS = 60_000;

export type RevokeReason = "signed_out" | "expired" | "role_changed" | "account_disabled" | "signed_out_everywhere";

/**
 * Only a hash of the session id is stored: the id travels inside the encrypted cookie, and a copy of the database
 * alone must not be enough to act as anyone. 32 random bytes need no slow hash.
 */
const rowId = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");

export async function createSession(
  db: Db,
  s: { userId: number; role: Role; address: string | null; userAgent: string | null; now: number },
): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await db
    .insert(sessions)
    .values({
      id: rowId(sessionId),
      userId: s.userId,
      role: s.role,
      createdAt: new Date(s.now),
      lastSeenAt: new Date(s.now),
      expiresAt: new Date(s.now + SESSION_MAX_AGE_MS),
      ipAddress: s.address,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return sessionId;
}

/**
 * The person behind a session id, checked against the database on every request: the session must exist, be
 * neither revoked nor expired, and its user must be active with the role they signed in with. A session that fails
 * for a reason found here is revoked with that reason, so it can never come back.
 */
export async function sessionUser(db: Db, sessionId: string, now: number): Promise<SessionUser | null> {
  const id = rowId(sessionId);
  const row = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id)).get();
  if (!row || row.session.revokedAt) return null;
  const reason: RevokeReason | null =
    row.session.expiresAt.getTime() <= now ? "expired" : row.user.disabled ? "account_disabled" : row.user.role !== row.session.role ? "role_changed" : null;
  if (reason) {
    await revokeRows(db, eq(sessions.id, id), reason, now);
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id)).run();
  }
  return toSessionUser(row.user);
}

async function revokeRows(db: Db, where: SQL, reason: RevokeReason, now: number): Promise<number> {
  const { changes } = await db
    .update(sessions)
    .set({ revokedAt: new Date(now), revokedReason: reason })
    .where(and(where, isNull(sessions.revokedAt)))
    .run();
  return changes;
}

export async function revokeSession(db: Db, sessionId: string, reason: RevokeReason, now: number): Promise<boolean> {
  return (await revokeRows(db, eq(sessions.id, rowId(sessionId)), reason, now)) > 0;
}

/** Ends every open session of a user (role change, disabling, "sign out everywhere"); returns how many. */
export function revokeUserSessions(db: Db, userId: number, reason: RevokeReason, now: number): Promise<number> {
  return revokeRows(db, eq(sessions.userId, userId), reason, now);
}

/** Open sessions per user, with the latest activity among them. */
export async function openSessionsByUser(db: Db, now: number): Promise<Map<number, { open: number; lastSeenAt: Date | null }>> {
  const rows = await db
    .select({ userId: sessions.userId, open: count(), lastSeenAt: max(sessions.lastSeenAt) })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date(now))))
    .groupBy(sessions.userId)
    .all();
  return new Map(rows.map((r) => [r.userId, { open: r.open, lastSeenAt: r.lastSeenAt }]));
}
