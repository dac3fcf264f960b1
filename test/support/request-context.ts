/**
 * Stands in for `next/headers` in integration tests: the cookies and headers a page, action or route handler reads
 * from the request it serves. Sessions are real (a row in `sessions`, an encrypted cookie), so tests exercise the
 * same checks as the app. Use it with
 *   vi.mock("next/headers", () => import("../support/request-context"));
 *   import { session } from "../support/request-context";
 * and `session.userId = id` to sign a user in (a new session, with the role they have now) or `= null` to sign out.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { users } from "@/db/schema";
import { encodeSessionToken, sessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";

/** The browser's cookie jar for the app, by name; tests read and replace values in it (a copied cookie, say). */
export const jar = new Map<string, string>();
/** Headers of the next request (e.g. X-Forwarded-For); tests may set and delete entries. */
export const requestHeaders = new Headers({ "user-agent": "vitest" });

let userId: number | null = null;
// Encoding the cookie is asynchronous, so a session opened by `session.userId = id` is put in the jar on the next read.
let unsentSessionId: string | null = null;

export const session = {
  get userId() {
    return userId;
  },
  set userId(id: number | null) {
    userId = id;
    jar.delete(sessionCookie.name);
    unsentSessionId = null;
    if (id === null) return;
    const user = getDb().select().from(users).where(eq(users.id, id)).get();
    if (!user) throw new Error(`no user ${id}`);
    unsentSessionId = createSession(getDb(), { userId: id, role: user.role, address: null, userAgent: "vitest", now: Date.now() });
  },
};

export async function cookies() {
  if (unsentSessionId) {
    jar.set(sessionCookie.name, await encodeSessionToken(unsentSessionId));
    unsentSessionId = null;
  }
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (value === "" || options?.maxAge === 0) jar.delete(name);
      else jar.set(name, value);
    },
    delete: (name: string) => jar.delete(name),
  };
}

export async function headers() {
  return requestHeaders;
}
