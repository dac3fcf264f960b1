import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { authSecret, env, oidcEnabled } from "@/lib/env";
import { clientAddress } from "./client-address";
import { SESSION_MAX_AGE_S, sessionCookie } from "./session-cookie";
import { revokeSession } from "./sessions";
import { openSession } from "./sign-in";
import { findOrCreateOidcUser } from "./users";

/**
 * next-auth runs single sign-on (OIDC) and nothing else: email and password sign-in is a server action
 * (app/(auth)/actions.ts) so that it can be throttled, answer "locked", and post without JavaScript. Both end the
 * same way (openSession in sign-in.ts): a row in `sessions`, an audit entry, and a cookie that carries only its id.
 */
const providers: NextAuthOptions["providers"] = [];

if (oidcEnabled) {
  providers.push({
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: { sub: string; email: string; name?: string }) {
      return { id: profile.sub, email: profile.email, name: profile.name ?? profile.email };
    },
  });
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  useSecureCookies: sessionCookie.options.secure,
  cookies: { sessionToken: sessionCookie },
  // next-auth's own pages (sign-in, error) would be served without our layout and security headers.
  pages: { signIn: "/signin", error: "/signin" },
  providers,
  events: {
    // /api/auth/signout (next-auth's own sign-out) ends the server-side session too, like the sign-out button.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(getDb(), token.sid, "signed_out", Date.now());
    },
  },
  callbacks: {
    // At a single sign-on: map the person to a local user, open a server-side session, and keep only its id.
    async jwt({ token, user, account }) {
      if (!user || account?.provider !== "oidc") return token;
      const db = getDb();
      const local = user.email ? await findOrCreateOidcUser(db, user.email, user.name ?? user.email, env.OIDC_DEFAULT_ROLE) : null;
      if (!local) throw new Error("This account is disabled.");
      const request = await headers();
      const sid = await openSession(db, local, { provider: "oidc", address: clientAddress(request, env.TRUST_PROXY), userAgent: request.get("user-agent"), now: Date.now() });
      return { sid };
    },
  },
};
