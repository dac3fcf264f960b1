import "server-only";
import { cache } from "react";
import type { Role } from "@/lib/auth/roles";
import { inboxOfUser } from "@/lib/inbox/current";

/**
 * The signed-in person's inbox, read once per request: the layout's navigation badge and the "My work" page both
 * need it, and React's cache lets them share one read.
 */
export const currentInbox = cache((userId: number, role: Role) => inboxOfUser(userId, role));
