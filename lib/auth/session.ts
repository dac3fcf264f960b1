import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { authOptions } from "./options";
import { can, canViewArea, type Area, type Capability } from "./permissions";
import { loadActiveUser, type SessionUser } from "./users";

export type { SessionUser };

/** The signed-in user as the database knows them now, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return typeof id === "number" ? loadActiveUser(getDb(), id) : null;
}

/** For server actions and route handlers: the one line that checks the session and the role. */
export async function requireCapability(capability: Capability): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new UnauthenticatedError();
  if (!can(user.role, capability)) throw new ForbiddenError(capability.replace(".", " "));
  return user;
}

/** For pages: sends the anonymous to sign in and answers 403 to a role that may not see the area. */
export async function requireArea(area: Area): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!canViewArea(user.role, area)) forbidden();
  return user;
}
