/**
 * Transient database errors and how long to wait before trying again.
 *
 * SQLite allows one writer at a time. A connection that finds the write lock taken waits up to its busy_timeout
 * (5 s, db/client.ts) and then fails with SQLITE_BUSY; nothing is wrong with the statement, the lock was simply held
 * longer (an import, a long transaction). Such a failure is worth repeating later; any other error is not.
 */
const transientCodes = new Set(["SQLITE_BUSY", "SQLITE_BUSY_RECOVERY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_TIMEOUT", "SQLITE_LOCKED", "SQLITE_LOCKED_SHAREDCACHE"]);

export function isTransientDbError(error: unknown): boolean {
  // drizzle wraps driver errors ("Failed query: ...") with the driver's error as `cause`.
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && transientCodes.has(code)) return true;
  }
  return false;
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
 * Runs `fn` (a synchronous database write, usually a whole transaction) and repeats it after a backoff while it fails
 * with a transient error, up to `attempts` times (8 by default: with the 5 s busy timeout, about a minute of a held
 * lock). Other errors, and the last transient one, are thrown.
 */
export async function retryTransient<T>(fn: () => T, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if (!isTransientDbError(error) || attempt >= attempts) throw error;
      const wait = backoffMs(attempt, options);
      console.error(`[db] ${options.label ?? "write"}: database busy (attempt ${attempt} of ${attempts}); retrying in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
