import "next-auth/jwt";

// The session cookie's token carries only the id of a server-side session row (lib/auth/sessions.ts).
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
