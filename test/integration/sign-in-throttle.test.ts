/**
 * Password sign-in under attack: wrong passwords lock the account (and, when it can be known, the address), unknown
 * accounts are answered exactly like known ones, and every failure is in the audit log. The clock is a parameter.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Counts bcrypt comparisons, to show that a locked or unknown account costs the same work as a real check.
const bcrypt = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return { ...real, verifyPassword: (password: string, hash: string) => (bcrypt.calls++, real.verifyPassword(password, hash)) };
});

import { getDb } from "@/lib/db";
import { auditLog, sessions, users } from "@/lib/schema";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, type SignInAttempt } from "@/lib/auth/sign-in";
import { signInPolicy } from "@/lib/auth/throttle";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 4, 1, 9, 0, 0);
const accounts = Array.from({ length: 12 }, (_, i) => `person-${i}@test`);
let email = "";

beforeAll(async () => {
  const passwordHash = await hashPassword("right-password");
  await getDb()
    .insert(users)
    .values(accounts.map((a) => ({ email: a, name: a, role: "viewer" as const, passwordHash, createdAt: new Date(T0) })))
    .run();
});

/** Each test gets accounts of its own, so no counter carries over; `email` is the one attempts use by default. */
let next = 0;
function freshAccount(): string {
  email = accounts[next++]!;
  return email;
}

const attempt = (over: Partial<SignInAttempt> & { now: number }): Promise<Awaited<ReturnType<typeof signInWithPassword>>> =>
  signInWithPassword(getDb(), { email, password: "wrong", address: null, userAgent: "vitest", ...over });

describe("sign-in throttling", () => {
  it("locks an account after 5 wrong passwords, so that the right one is refused too, then lets it in once the lock is over", async () => {
    freshAccount();
    for (let i = 0; i < 5; i++) expect(await attempt({ now: T0 + i * 1000 })).toEqual({ ok: false, reason: "refused" });
    const locked = await attempt({ password: "right-password", now: T0 + 6000 });
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(locked.ok === false && locked.reason === "locked" && locked.retryAfterMs).toBe(signInPolicy.account.firstLockMs - 2000);
    expect(await attempt({ password: "right-password", now: T0 + 4000 + signInPolicy.account.firstLockMs })).toMatchObject({ ok: true });
  });

  it("answers the issue's 30 wrong passwords in 6 seconds with a lock, and the right one after them too", async () => {
    freshAccount();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt({ now: T0 + i * 200 })));
    expect(burst.filter((r) => !r.ok && r.reason === "refused")).toHaveLength(signInPolicy.account.freeFailures);
    expect(burst.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(30 - signInPolicy.account.freeFailures);
    expect(await attempt({ password: "right-password", now: T0 + 6000 })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("doubles the lock with each further failure, up to 15 minutes", async () => {
    freshAccount();
    let now = T0;
    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      await attempt({ now });
      const probe = await attempt({ now: now + 1 });
      if (probe.ok === false && probe.reason === "locked") {
        locks.push(Math.round((probe.retryAfterMs + 1) / MINUTE));
        now += probe.retryAfterMs + 1;
      } else now += 1000;
    }
    expect(locks).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it("forgets failures after 15 quiet minutes, and a success starts the account afresh", async () => {
    freshAccount();
    for (let i = 0; i < 4; i++) await attempt({ now: T0 + i });
    expect(await attempt({ password: "right-password", now: T0 + 10 })).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await attempt({ now: T0 + 20 + i })).toEqual({ ok: false, reason: "refused" });
    const later = T0 + 30 + signInPolicy.quietMs;
    for (let i = 0; i < 4; i++) expect(await attempt({ now: later + i })).toEqual({ ok: false, reason: "refused" });
  });

  it("answers an unknown account exactly like a known one, with the same bcrypt work, and locks it the same way", async () => {
    const known = freshAccount();
    const unknown = "nobody-here@test";
    const answers = async (who: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) {
        const before = bcrypt.calls;
        out.push({ result: await attempt({ email: who, now: T0 + i }), bcrypt: bcrypt.calls - before });
      }
      return out;
    };
    const forKnown = await answers(known);
    expect(await answers(unknown)).toEqual(forKnown);
    expect(forKnown.every((a) => a.bcrypt === 1)).toBe(true);
    expect(forKnown.at(-1)!.result).toMatchObject({ reason: "locked" });
  });

  it("locks an address after 20 failures across accounts when the address is known, and not another address", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < signInPolicy.address.freeFailures; i++) await attempt({ email: `spray-${i}@test`, address, now: T0 + i });
    const victim = freshAccount();
    expect(await attempt({ email: victim, address, password: "right-password", now: T0 + 100 })).toMatchObject({ ok: false, reason: "locked" });
    expect(await attempt({ email: victim, address: "198.51.100.2", password: "right-password", now: T0 + 101 })).toMatchObject({ ok: true });
  });

  it("audits every failure with the email tried, the address and the reason, and opens a session only on success", async () => {
    const disabled = freshAccount();
    await getDb().update(users).set({ disabled: true }).where(eq(users.email, disabled)).run();
    const address = "192.0.2.44";
    await attempt({ email: disabled, password: "right-password", address, now: T0 });
    await attempt({ email: "ghost@test", address, now: T0 + 1 });
    const ok = freshAccount();
    await attempt({ email: ok, address, now: T0 + 2 });
    const signedIn = await attempt({ email: ok, address, password: "right-password", now: T0 + 3 });

    const entries = (await getDb().select().from(auditLog).all()).filter((e) => (e.after as { address?: string } | null)?.address === address);
    expect(entries.map((e) => [e.action, e.actorEmail, (e.after as { reason?: string }).reason])).toEqual([
      ["auth.sign_in.failed", disabled, "disabled"],
      ["auth.sign_in.failed", "ghost@test", "unknown_account"],
      ["auth.sign_in.failed", ok, "wrong_password"],
      ["auth.sign_in", ok, undefined],
    ]);
    expect(signedIn.ok).toBe(true);
    const opened = (await getDb().select().from(sessions).all()).filter((s) => s.ipAddress === address);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ role: "viewer", revokedAt: null, expiresAt: new Date(T0 + 3 + 8 * 60 * MINUTE) });
  });

  it("audits an attempt refused by a lock as locked", async () => {
    freshAccount();
    for (let i = 0; i < 6; i++) await attempt({ now: T0 + i });
    const last = (await getDb().select().from(auditLog).all()).at(-1)!;
    expect(last).toMatchObject({ action: "auth.sign_in.failed", actorEmail: email });
    expect(last.after).toMatchObject({ reason: "locked", lockedScope: "account" });
  });
});
