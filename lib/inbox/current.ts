import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { Role } from "@/lib/auth/roles";
import { inboxFor, type Inbox } from "./index";

/** The inbox of a signed-in person, read from the app's database with the configured four-eyes rule. */
export function inboxOfUser(userId: number, role: Role): Promise<Inbox> {
  return inboxFor(getDb(), { id: userId, role }, { fourEyes: env.FOUR_EYES });
}
