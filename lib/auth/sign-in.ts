import type { Db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";
import { forgiveAttempt, lockOrCount, throttleKeys } from "./throttle";
import { findUserRow, normalizeEmail, toSessionUser, type SessionUser } from "./users";

/** A real cost-10 bcrypt hash of nothing anyone can type: unknown accounts and locked attempts cost the same as a real check. */
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8Tjz0hqfxj3C6q9PHBv4w2lS0aH3Ce";

export type SignInAttempt = { email: string; password: string; address: string | null; userAgent: string | null; now: number };

/** What the sign-in form shows after an attempt: the error, and the email tried (kept in its field, the password is not). */
export type SignInState = { error: string | null; email?: string };

export type SignInResult =
  | { ok: true; user: SessionUser; sessionId: string }
  | { ok: false; reason: "refused" }
  | { ok: false; reason: "locked"; retryAfterMs: number };

type FailureReason = "wrong_password" | "unknown_account" | "disabled" | "locked";

/**
 * Email and password sign-in, throttled (throttle.ts) and audited. Every attempt does the same work whatever the
 * outcome: one user lookup, one bcrypt comparison (against a dummy hash for an unknown account, and also while
 * locked), one throttle write and one audit entry; and the person is told only "refused" or "locked", the same for
 * an account that exists and one that does not. The audit log (admins only) keeps the real reason.
 */
export async function signInWithPassword(db: Db, attempt: SignInAttempt): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email);
  const keys = throttleKeys(email, attempt.address);
  const lock = await lockOrCount(db, keys, attempt.now);
  const user = await findUserRow(db, email);
  const passwordOk = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
  const failure: FailureReason | null = lock ? "locked" : !user ? "unknown_account" : !passwordOk ? "wrong_password" : user.disabled ? "disabled" : null;

  if (!failure && user) {
    await forgiveAttempt(db, keys);
    const signedIn = toSessionUser(user);
    const sessionId = await openSession(db, signedIn, { provider: "credentials", address: attempt.address, userAgent: attempt.userAgent, now: attempt.now });
    return { ok: true, user: signedIn, sessionId };
  }

  await audit(db, {
    actor: { id: null, email },
    action: "auth.sign_in.failed",
    entityType: "user",
    entityId: user?.id ?? null,
    after: { reason: failure, address: attempt.address, ...(lock ? { lockedScope: lock.scope, lockedUntil: new Date(lock.until).toISOString() } : {}) },
  });
  return lock ? { ok: false, reason: "locked", retryAfterMs: lock.until - attempt.now } : { ok: false, reason: "refused" };
}

/**
 * How every sign-in ends, by password or by single sign-on (lib/auth/options.ts): a server-side session with the
 * role the user has now, and an audit entry. Returns the session id, for the cookie.
 */
export async function openSession(
  db: Db,
  user: SessionUser,
  how: { provider: "credentials" | "oidc"; address: string | null; userAgent: string | null; now: number },
): Promise<string> {
  const sessionId = await createSession(db, { userId: user.id, role: user.role, address: how.address, userAgent: how.userAgent, now: how.now });
  await audit(db, { actor: user, action: "auth.sign_in", entityType: "user", entityId: user.id, after: { provider: how.provider, address: how.address } });
  return sessionId;
}
