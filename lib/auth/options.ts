import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authSecret, env, oidcEnabled } from "@/lib/env";
import { audit } from "@/lib/audit";
import { authenticate, findOrCreateOidcUser, findUserByEmail } from "./users";

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

const providers: NextAuthOptions["providers"] = [
  CredentialsProvider({
    name: "Email and password",
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw);
      if (!parsed.success) return null;
      const user = await authenticate(getDb(), parsed.data.email, parsed.data.password);
      return user ? { id: String(user.id), email: user.email, name: user.name, role: user.role } : null;
    },
  }),
];

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
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers,
  events: {
    // Sign-ins are audited too: who got into the tool, and how, is part of the record.
    signIn({ user, account }) {
      if (!user.email) return;
      const local = findUserByEmail(getDb(), user.email);
      audit(getDb(), {
        actor: { id: local?.id ?? null, email: user.email },
        action: "auth.sign_in",
        entityType: "user",
        entityId: local?.id ?? null,
        after: { provider: account?.provider ?? "credentials" },
      });
    },
  },
  callbacks: {
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc") {
        const local = user.email ? findOrCreateOidcUser(getDb(), user.email, user.name ?? user.email, env.OIDC_DEFAULT_ROLE) : null;
        if (!local) throw new Error("This account is disabled.");
        token.uid = local.id;
      } else if (user) {
        token.uid = Number(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "number") session.user.id = token.uid;
      return session;
    },
  },
};
