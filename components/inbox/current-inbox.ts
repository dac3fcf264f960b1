import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import type { Role } from "@/db/schema/auth";
import { env } from "@/lib/env";
import { inboxFor } from "@/lib/inbox";

/**
 * The signed-in person's inbox, read once per request: the layout's navigation badge and the "My work" page both
 * need it, and React's cache lets them share one read.
 */
export const currentInbox = cache((userId: number, role: Role) => inboxFor(getDb(), { id: userId, role }, { fourEyes: env.FOUR_EYES }));
