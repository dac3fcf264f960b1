import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { signInThrottle } from "@/lib/schema";
import { lockFor } from "@/lib/transaction-lock";
import { normalizeEmail } from "./users";

const MINUTE = 60_000;

/**
 * Sign-in limits, per account (the email tried, whether or not it exists) and per client address (when one can be
 * known, see client-address.ts). A key's failures are forgotten after `quietMs` with no failure and no lock.
 * - account: the first 5 failures are free; from the 5th on, each one locks the account for 1, 2, 4, 8 and then
 *   15 minutes at most, so a guesser gets about 4 tries an hour once the free ones are spent;
 * - address: 20 failures lock the address for 15 minutes (a guesser spraying many accounts from one place).
 * While a key is locked its attempts are refused without looking at the password and are not counted.
 */
export const signInPolicy = {
  quietMs: 15 * MINUTE,
  account: { freeFailures: 5, firstLockMs: MINUTE, maxLockMs: 15 * MINUTE },
  address: { freeFailures: 20, lockMs: 15 * MINUTE },
} as const;

export type ThrottleScope = "account" | "address";
export type Lock = { scope: ThrottleScope; until: number };

export function throttleKeys(email: string, address: string | null): string[] {
  const keys = [`account:${normalizeEmail(email)}`];
  if (address) keys.push(`address:${address}`);
  return keys;
}

const scopeOf = (key: string): ThrottleScope => (key.startsWith("address:") ? "address" : "account");

function lockMs(scope: ThrottleScope, failures: number): number {
  if (scope === "address") {
    const { freeFailures, lockMs } = signInPolicy.address;
    return failures >= freeFailures ? lockMs : 0;
  }
  const { freeFailures, firstLockMs, maxLockMs } = signInPolicy.account;
  return failures >= freeFailures ? Math.min(maxLockMs, firstLockMs * 2 ** (failures - freeFailures)) : 0;
}

/**
 * The check and the count of one attempt, in one transaction that ends before the password is checked
 * (bcrypt yields), so that a burst of parallel attempts is counted in full. Returns the lock that refuses the attempt,
 * which is then not counted, or null once the attempt is counted as a failure (a success is forgiven afterwards).
 */
export function lockOrCount(db: Db, keys: string[], now: number): Promise<Lock | null> {
  return db.transaction(async () => {
    await lockKeys(db, keys);
    const lock = await activeLock(db, keys, now);
    if (!lock) await countAttempt(db, keys, now);
    return lock;
  });
}

/**
 * Parallel attempts on one key count one after the other: on SQLite the transaction's write lock already does it; on
 * PostgreSQL each key's advisory lock does (taken in one order, so two attempts never wait on each other).
 */
async function lockKeys(db: Db, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) await lockFor(db, `sign_in_throttle:${key}`);
}

/** The lock that ends last among the keys, or null when every key is free at `now`. */
async function activeLock(db: Db, keys: string[], now: number): Promise<Lock | null> {
  let lock: Lock | null = null;
  for (const row of await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all()) {
    const until = row.lockedUntil?.getTime() ?? 0;
    if (until > now && (!lock || until > lock.until)) lock = { scope: scopeOf(row.key), until };
  }
  return lock;
}

/**
 * Counts an attempt as a failure for each of its keys. Keys whose failures are forgotten are deleted first, so that
 * guessed emails do not pile up and a forgotten key starts again from zero.
 */
async function countAttempt(db: Db, keys: string[], now: number): Promise<void> {
  const forgottenBefore = new Date(now - signInPolicy.quietMs);
  // Neither the last failure nor the lock's end is after forgottenBefore (SQLite's two-argument max() is not PostgreSQL's).
  await db
    .delete(signInThrottle)
    .where(and(lte(signInThrottle.lastFailedAt, forgottenBefore), or(isNull(signInThrottle.lockedUntil), lte(signInThrottle.lockedUntil, forgottenBefore))))
    .run();
  const existing = new Map((await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all()).map((row) => [row.key, row]));
  for (const key of keys) {
    const row = existing.get(key);
    const failures = (row?.failures ?? 0) + 1;
    const wait = lockMs(scopeOf(key), failures);
    const values = {
      failures,
      windowStartedAt: row?.windowStartedAt ?? new Date(now),
      lastFailedAt: new Date(now),
      lockedUntil: wait > 0 ? new Date(now + wait) : null,
    };
    await db
      .insert(signInThrottle)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: signInThrottle.key, set: values })
      .run();
  }
}

/** A successful sign-in: the account starts afresh; the address only gets back the attempt counted for it. */
export function forgiveAttempt(db: Db, keys: string[]): Promise<void> {
  // One transaction, so that an attempt counted meanwhile is not lost by the read-then-write below.
  return db.transaction(async () => {
    await lockKeys(db, keys);
    for (const key of keys) {
      if (scopeOf(key) === "account") {
        await db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
        continue;
      }
      const row = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
      if (!row) continue;
      const failures = Math.max(0, row.failures - 1);
      const lockedUntil = lockMs("address", failures) > 0 ? row.lockedUntil : null;
      await db.update(signInThrottle).set({ failures, lockedUntil }).where(eq(signInThrottle.key, key)).run();
    }
  });
}
