/**
 * Transient database errors and how long to wait before trying again.
 *
 * SQLite allows one writer at a time. A connection that finds the write lock taken waits up to its busy_timeout
 * (5 s, db/client.ts) and then fails with SQLITE_BUSY; nothing is wrong with the statement, the lock was simply held
 * longer (an import, a long transaction). Such a failure is worth repeating later; any other error is not.
 *
 * PostgreSQL's are a serialization failure or deadlock (the transaction lost a race and was rolled back whole), and a
 * connection lost or refused (the server restarting, failing over, or out of connections): the statement never
 * committed half, so repeating the whole transaction is safe.
 */
const transientCodes = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_TIMEOUT",
  "SQLITE_LOCKED",
  "SQLITE_LOCKED_SHAREDCACHE",
  // PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected, admin/crash shutdown, cannot_connect_now,
  // too_many_connections, and class 08 (connection exceptions).
  "40001",
  "40P01",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  // Node's socket errors, as node-postgres passes them on.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
]);

/** Messages node-postgres gives a lost connection without a code. */
const lostConnection = /Connection terminated|connection timeout|Client has encountered a connection error/i;

/** Whether the error says the database could not be reached at all (for a 503), rather than a statement failing. */
export function isUnreachableDbError(error: unknown): boolean {
  return someCause(error, (code, message) => code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "57P03" || (code?.startsWith("08") ?? false) || lostConnection.test(message));
}

export function isTransientDbError(error: unknown): boolean {
  return someCause(error, (code, message) => (code !== undefined && transientCodes.has(code)) || lostConnection.test(message));
}

// drizzle wraps driver errors ("Failed query: ...") with the driver's error as `cause`; AggregateError (a refused
// connection to several addresses) holds them in `errors`.
function someCause(error: unknown, test: (code: string | undefined, message: string) => boolean): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0 && seen.size < 16) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (test(typeof code === "string" ? code : undefined, typeof message === "string" ? message : "")) return true;
    stack.push((e as { cause?: unknown }).cause);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) stack.push(...errors);
  }
  return false;
}

/**
 * A unique key was taken (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). On PostgreSQL a
 * concurrent transaction can take a key between a check and the write, where SQLite's one writer cannot.
 */
export function isUniqueViolation(error: unknown): boolean {
  return someCause(error, (code) => code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY");
}

/** Exponential backoff with jitter: about base, 2 x base, 4 x base ... capped at max (attempt counts from 1). */
export function backoffMs(attempt: number, options: { baseMs?: number; maxMs?: number } = {}): number {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 10_000;
  const exact = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  // Jitter keeps two processes that failed together from retrying together.
  return Math.round(exact * (0.75 + Math.random() * 0.5));
}

export type RetryOptions = { attempts?: number; baseMs?: number; maxMs?: number; label?: string };

/**
 * Runs `fn` (a database write, usually a whole transaction) and repeats it after a backoff while it fails
 * with a transient error, up to `attempts` times (8 by default: with the 5 s busy timeout, about a minute of a held
 * lock). Other errors, and the last transient one, are thrown.
 */
export async function retryTransient<T>(fn: () => T | Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      // Awaited here, so an asynchronous transaction's failure is caught and retried too.
      return await fn();
    } catch (error) {
      if (!isTransientDbError(error) || attempt >= attempts) throw error;
      const wait = backoffMs(attempt, options);
      console.error(`[db] ${options.label ?? "write"}: database busy (attempt ${attempt} of ${attempts}); retrying in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
