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
import { users } from "@/lib/schema";
import { encodeSessionToken, sessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";

/** The browser's cookie jar for the app, by name; tests read and replace values in it (a copied cookie, say). */
export const jar = new Map<string, string>();
/** Headers of the next request (e.g. X-Forwarded-For); tests may set and delete entries. */
export const requestHeaders = new Headers({ "user-agent": "vitest" });

let userId: number | null = null;
// Opening the session and encoding the cookie are asynchronous: `session.userId = id` starts both at once (the user is
// read, and the session gets their role, before anything the test does next), and the next read of the cookies waits
// for them and puts the cookie in the jar.
let unsentSession: Promise<string> | null = null;

async function openTestSession(id: number): Promise<string> {
  const user = await getDb().select().from(users).where(eq(users.id, id)).get();
  if (!user) throw new Error(`no user ${id}`);
  return createSession(getDb(), { userId: id, role: user.role, address: null, userAgent: "vitest", now: Date.now() });
}

export const session = {
  get userId() {
    return userId;
  },
  set userId(id: number | null) {
    userId = id;
    jar.delete(sessionCookie.name);
    unsentSession = null;
    if (id === null) return;
    const opening = openTestSession(id);
    // Reported when the cookies are read (below), not as an unhandled rejection in between.
    opening.catch(() => undefined);
    unsentSession = opening;
  },
  /** Resolves once the session `userId = id` opened is written (for a test that snapshots the database next). */
  async ready(): Promise<void> {
    if (unsentSession) await unsentSession;
  },
};

export async function cookies() {
  if (unsentSession) {
    const opening = unsentSession;
    unsentSession = null;
    jar.set(sessionCookie.name, await encodeSessionToken(await opening));
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
