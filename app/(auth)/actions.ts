"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { endCurrentSession, passwordSignIn } from "@/lib/auth/session";
import { encodeSessionToken, SESSION_MAX_AGE_S, sessionCookie } from "@/lib/auth/session-cookie";
import type { SignInState } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { requestPreferences } from "@/lib/i18n/preferences";
import { translator } from "@/lib/i18n/translate";

// The two actions that cannot ask for a session first (test/integration/authorization.test.ts lists them as public):
// sign-in authorizes by the password (throttled and audited, lib/auth/sign-in.ts), sign-out acts only on the
// caller's own session. They take FormData so that the forms post, and work, before the page's JavaScript has loaded.

const credentials = z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = form.get("email");
  const tried = typeof email === "string" ? email.slice(0, 200) : "";
  const t = translator((await requestPreferences()).locale);
  const REFUSED = t("auth.refused");
  const parsed = credentials.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return { error: REFUSED, email: tried };
  const request = await headers();
  const result = await passwordSignIn({
    ...parsed.data,
    address: clientAddress(request, env.TRUST_PROXY),
    userAgent: request.get("user-agent"),
    now: Date.now(),
  });
  if (!result.ok) {
    if (result.reason === "refused") return { error: REFUSED, email: tried };
    const minutes = Math.ceil(result.retryAfterMs / 60_000);
    return { error: t("auth.throttled", { minutes }), email: tried };
  }
  (await cookies()).set(sessionCookie.name, await encodeSessionToken(result.sessionId), { ...sessionCookie.options, maxAge: SESSION_MAX_AGE_S });
  redirect("/");
}

/** Ends the session on the server (a copy of the cookie stops working at once), then forgets the cookie. */
export async function signOutAction(): Promise<never> {
  await endCurrentSession();
  (await cookies()).set(sessionCookie.name, "", { ...sessionCookie.options, maxAge: 0 });
  redirect("/signin");
}
