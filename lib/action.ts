import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { requireCapability, type SessionUser } from "@/lib/auth/session";
import type { Capability } from "@/lib/auth/permissions";
import { userMessage, type ErrorCode } from "@/lib/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "internal"; error: string; fieldErrors?: Record<string, string[]> };

type Context = { user: SessionUser; db: Db };

/**
 * Every server action is built here: parse the input with zod, check the session and the capability on the
 * server, run, and return a typed result. No raw error reaches the browser.
 */
export function defineAction<S extends z.ZodType, T>(
  config: { name: string; capability: Capability; input: S },
  handler: (input: z.infer<S>, ctx: Context) => Promise<T> | T,
): ((raw: z.input<S>) => Promise<ActionResult<T>>) & { capability: Capability } {
  const action = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await requireCapability(config.capability);
      const parsed = config.input.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.join(".") || "_";
          (fieldErrors[key] ??= []).push(issue.message);
        }
        return { ok: false, code: "validation", error: "Some fields are not valid.", fieldErrors };
      }
      return { ok: true, data: await handler(parsed.data, { user, db: getDb() }) };
    } catch (error) {
      // Next's redirect()/notFound() work by throwing; they must pass through.
      if (error && typeof error === "object" && "digest" in error) throw error;
      const { code, message } = userMessage(error);
      return { ok: false, code, error: message };
    }
  };
  // What the action requires travels with it, so the authorisation test can find every action and check it.
  return Object.assign(action, { capability: config.capability });
}
