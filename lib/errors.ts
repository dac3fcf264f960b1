import { isUnreachableDbError } from "@/db/retry";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import type { Area, Capability } from "@/lib/auth/permissions";
import { isMessage, msg, type Message } from "@/lib/i18n/message";
import { inEnglish, translate } from "@/lib/i18n/translate";

/**
 * Domain errors carry a stable code and a Message (a catalogue key with its values); `userMessage` decides in one
 * place what a person is told, in their language. The error's own `message` is the English text, for logs.
 */
export type ErrorCode = "unauthenticated" | "forbidden" | "validation" | "conflict" | "not_found" | "import_refused" | "unavailable";

export class AppError extends Error {
  /** What a person is told; a plain string (not yet in the catalogue) is shown as it is in every language. */
  readonly userText: Message | string;
  constructor(
    readonly code: ErrorCode,
    message: Message | string,
    readonly details?: unknown,
  ) {
    super(isMessage(message) ? inEnglish(message) : message);
    this.userText = message;
    this.name = "AppError";
  }
}

export class ForbiddenError extends AppError {
  /** `what` names the refused thing in the catalogue: a capability ("fraud.decide") or an area to view. */
  constructor(what: { capability: Capability } | { area: Area }) {
    super("forbidden", "capability" in what ? msg(`errors.capabilities.${what.capability}`) : msg("errors.viewArea"));
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", msg("errors.unauthenticated"));
  }
}

export class ConflictError extends AppError {
  constructor(message: Message | string, details?: unknown) {
    super("conflict", message, details);
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  validation: 400,
  conflict: 409,
  not_found: 404,
  import_refused: 422,
  unavailable: 503,
};

/**
 * Unknown errors are logged with their stack and never shown raw: they may carry SQL or file paths. A database that
 * cannot be reached (PostgreSQL down, restarting, out of connections) is "unavailable" (503): nothing was done, and
 * the same request will work once it is back (each statement opens a fresh connection from the pool).
 */
export function userMessage(error: unknown, locale: Locale = defaultLocale): { code: ErrorCode | "internal"; message: string } {
  if (error instanceof AppError) return { code: error.code, message: isMessage(error.userText) ? translate(locale, error.userText) : error.userText };
  if (isUnreachableDbError(error)) {
    console.error(`[db] unreachable: ${error instanceof Error ? error.message : String(error)}`);
    return { code: "unavailable", message: translate(locale, msg("errors.databaseUnavailable")) };
  }
  console.error(error);
  return { code: "internal", message: translate(locale, msg("errors.internal")) };
}
