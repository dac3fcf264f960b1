import { decode, encode } from "next-auth/jwt";
import { authSecret, env } from "@/lib/env";
import { SESSION_MAX_AGE_MS } from "./sessions";

export const SESSION_MAX_AGE_S = SESSION_MAX_AGE_MS / 1000;

/**
 * The session cookie, as next-auth names it (lib/auth/options.ts hands this same definition to next-auth, so a
 * single sign-on session and a password session are one cookie). It carries an encrypted JWT whose only claim is
 * the session id: who the person is and what they may do is read from the database on every request.
 */
const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
export const sessionCookie = {
  name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
  options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
};

export function encodeSessionToken(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: authSecret(), maxAge: SESSION_MAX_AGE_S });
}

/** The session id in a cookie value, or null for a missing, forged, tampered or expired token. */
export async function decodeSessionToken(value: string | undefined): Promise<string | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: authSecret() });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null;
  }
}
