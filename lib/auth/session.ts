import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, canViewArea, type Area, type Capability } from "./permissions";
import { decodeSessionToken, sessionCookie } from "./session-cookie";
import { revokeSession, sessionUser } from "./sessions";
import { signInWithPassword, type SignInAttempt, type SignInResult } from "./sign-in";
import type { SessionUser } from "./users";

export type { SessionUser };

/** The session id in this request's cookie (not yet checked against the database), or null. */
export async function currentSessionId(): Promise<string | null> {
  return decodeSessionToken((await cookies()).get(sessionCookie.name)?.value);
}

/**
 * The signed-in user as the database knows them now, or null: used by every page, action and route for people, so
 * a sign-out, a role change or a disabled account takes effect on the very next request.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const sessionId = await currentSessionId();
  return sessionId ? sessionUser(getDb(), sessionId, Date.now()) : null;
}

/** For server actions and route handlers: the one line that checks the session and the role. */
export async function requireCapability(capability: Capability): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new UnauthenticatedError();
  if (!can(user.role, capability)) throw new ForbiddenError({ capability });
  return user;
}

/** For pages: sends the anonymous to sign in and answers 403 to a role that may not see the area. */
export async function requireArea(area: Area): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!canViewArea(user.role, area)) forbidden();
  return user;
}

/** A password sign-in against the app's database (throttled and audited, ./sign-in.ts). */
export function passwordSignIn(attempt: SignInAttempt): Promise<SignInResult> {
  return signInWithPassword(getDb(), attempt);
}

/** Ends this request's session on the server, if its cookie names one: a copy of the cookie stops working at once. */
export async function endCurrentSession(): Promise<void> {
  const sessionId = await currentSessionId();
  if (sessionId) await revokeSession(getDb(), sessionId, "signed_out", Date.now());
}
