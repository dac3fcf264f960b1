/** Domain errors carry a stable code; `userMessage` decides in one place what a person is told. */
export type ErrorCode = "unauthenticated" | "forbidden" | "validation" | "conflict" | "not_found" | "import_refused" | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class ForbiddenError extends AppError {
  constructor(what: string) {
    super("forbidden", `Your role may not ${what}.`);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", "Please sign in again.");
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
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

/** Unknown errors are logged with their stack and never shown raw: they may carry SQL or file paths. */
export function userMessage(error: unknown): { code: ErrorCode | "internal"; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  console.error(error);
  return { code: "internal", message: "Something went wrong on the server. It has been logged." };
}
