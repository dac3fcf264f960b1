import "server-only";
import { z } from "zod";
import { type Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { requireCapability, type SessionUser } from "@/lib/auth/session";
import type { Capability } from "@/lib/auth/permissions";
import { userMessage, type ErrorCode } from "@/lib/errors";
import { requestPreferences } from "@/lib/i18n/preferences";
import { msg } from "@/lib/i18n/message";
import { translate } from "@/lib/i18n/translate";
import { fieldErrors, zodParams } from "@/lib/i18n/zod";

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
    // The reader's language for every word this action returns (validation and errors alike).
    const { locale } = await requestPreferences();
    try {
      const user = await requireCapability(config.capability);
      // Async: some inputs are checked against the database (e.g. a forecast override against its series).
      const parsed = await config.input.safeParseAsync(raw, zodParams(locale));
      if (!parsed.success) {
        return { ok: false, code: "validation", error: translate(locale, msg("errors.invalidFields")), fieldErrors: fieldErrors(parsed.error, locale) };
      }
      return { ok: true, data: await handler(parsed.data, { user, db: getDb() }) };
    } catch (error) {
      // Next's redirect()/notFound() work by throwing; they must pass through.
      if (error && typeof error === "object" && "digest" in error) throw error;
      const { code, message } = userMessage(error, locale);
      return { ok: false, code, error: message };
    }
  };
  // What the action requires travels with it, so the authorisation test can find every action and check it.
  return Object.assign(action, { capability: config.capability });
}
