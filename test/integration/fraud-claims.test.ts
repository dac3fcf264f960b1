/**
 * Claims on fraud cases as the case page now uses them: nothing is claimed by opening a case, the first action
 * claims it, a decision takes an unclaimed (or lapsed) case and leaves no claim behind, leaving releases it through
 * the beacon route, and a colleague's live claim is never stolen or released by someone else.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
import { session } from "../support/request-context";

import { eq } from "drizzle-orm";
import { claimCaseAction, decideCaseAction } from "@/app/(dashboard)/fraud/actions";
import { POST as releaseRoute } from "@/app/api/fraud/release/route";
import { getDb, type Db } from "@/lib/db";
import { fraudCases, fraudScores, paymentTransactions, users, type Role } from "@/lib/schema";
import { ConflictError } from "@/lib/errors";
import { caseDetail, CLAIM_IDLE_MS, claimCase, decideCase, releaseCase } from "@/lib/fraud/cases";

type Analyst = { id: number; email: string };
let db: Db;
let ann: Analyst;
let bob: Analyst;

const MIN = 60_000;
const NOW = Date.now();
let serial = 0;

async function addUser(email: string, role: Role): Promise<Analyst> {
  return { id: (await db.insert(users).values({ email, name: email, role, passwordHash: null, createdAt: new Date() }).returning({ id: users.id }).get())!.id, email };
}

/** A payment, its score and an open case, optionally claimed by someone at some time. */
async function openCase(claim: { by: Analyst; at: number } | null = null, status: "open" | "escalated" = "open"): Promise<number> {
  serial++;
  const hourAgo = new Date(NOW - 3_600_000);
  const paymentId = (await db.insert(paymentTransactions).values({ externalId: `PAY-${serial}`, createdAt: hourAgo, amountCents: 5000, status: "approved", cardHash: `card-${serial}` }).returning({ id: paymentTransactions.id }).get())!.id;
  const scoreId = (await db.insert(fraudScores).values({ paymentId, score: 0.8, decision: "review", decidedBy: "model", reasons: [], source: "api", createdAt: hourAgo }).returning({ id: fraudScores.id }).get())!.id;
  const values = {
    paymentId,
    scoreId,
    status,
    assigneeId: claim?.by.id ?? null,
    claimedAt: claim ? new Date(claim.at) : null,
    dueAt: new Date(NOW + 3_600_000),
    version: 1,
    createdAt: hourAgo,
    updatedAt: hourAgo,
  };
  return (await db.insert(fraudCases).values(values).returning({ id: fraudCases.id }).get())!.id;
}

const caseOf = async (id: number) => (await db.select().from(fraudCases).where(eq(fraudCases.id, id)).get())!;

function beacon(body: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }): Promise<Response> {
  return releaseRoute(new Request("http://localhost/api/fraud/release", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } }));
}

beforeAll(async () => {
  db = getDb();
  ann = await addUser("ann@claims.test", "risk_analyst");
  bob = await addUser("bob@claims.test", "risk_analyst");
});

beforeEach(async () => {
  for (const table of [fraudCases, fraudScores, paymentTransactions]) await db.delete(table);
  session.userId = null;
});

describe("opening a case", () => {
  it("reads the case without claiming it", async () => {
    const caseId = await openCase();
    expect((await caseDetail(db, caseId))?.assignee).toBeNull();
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: null, claimedAt: null });
  });
});

describe("claim on decide", () => {
  it("lets an analyst decide a case nobody holds, and leaves no claim behind", async () => {
    const caseId = await openCase();
    await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "legitimate" });
    expect(await caseOf(caseId)).toMatchObject({ status: "legitimate", decidedBy: ann.id, assigneeId: null, claimedAt: null, version: 2 });
  });

  it("clears the analyst's own claim when they decide or escalate", async () => {
    const decided = await openCase({ by: ann, at: NOW - MIN });
    await decideCase(db, ann, { caseId: decided, expectedVersion: 1, decision: "fraud", note: "card testing" });
    expect(await caseOf(decided)).toMatchObject({ status: "fraud", assigneeId: null, claimedAt: null });
    const escalated = await openCase({ by: ann, at: NOW - MIN });
    await decideCase(db, ann, { caseId: escalated, expectedVersion: 1, decision: "escalate", note: "ask the customer" });
    expect(await caseOf(escalated)).toMatchObject({ status: "escalated", assigneeId: null, claimedAt: null });
  });

  it("takes a case whose claim by a colleague has lapsed", async () => {
    const caseId = await openCase({ by: bob, at: NOW - CLAIM_IDLE_MS - MIN });
    await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "legitimate" });
    expect(await caseOf(caseId)).toMatchObject({ status: "legitimate", decidedBy: ann.id, assigneeId: null });
  });

  it("refuses while a colleague holds a live claim, naming them, and changes nothing", async () => {
    const caseId = await openCase({ by: bob, at: NOW - MIN });
    await expect(decideCase(db, ann, { caseId, expectedVersion: 1, decision: "legitimate" })).rejects.toThrow(ConflictError);
    await expect(decideCase(db, ann, { caseId, expectedVersion: 1, decision: "legitimate" })).rejects.toThrow(/bob@claims\.test is working on case/);
    expect(await caseOf(caseId)).toMatchObject({ status: "open", assigneeId: bob.id, version: 1 });
  });

  it("refuses a stale tab after a colleague decided, naming who decided what", async () => {
    const caseId = await openCase();
    await decideCase(db, ann, { caseId, expectedVersion: 1, decision: "fraud", note: "burst on one card" });
    session.userId = bob.id;
    const result = await decideCaseAction({ caseId, expectedVersion: 1, decision: "legitimate" });
    expect(result).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("ann@claims.test decided this case as fraud") });
    expect(await caseOf(caseId)).toMatchObject({ status: "fraud", version: 2 });
  });
});

describe("claims held by someone else, and expired claims", () => {
  it("does not take a colleague's live claim through Take case", async () => {
    const caseId = await openCase({ by: bob, at: NOW - MIN });
    session.userId = ann.id;
    expect(await claimCaseAction({ caseId })).toEqual({ ok: true, data: { claimed: false, version: 1, heldBy: { email: "bob@claims.test", claimedAt: new Date(NOW - MIN).toISOString() } } });
    expect((await caseOf(caseId)).assigneeId).toBe(bob.id);
  });

  it("lets Take case have a claim idle past 15 minutes, but not one a minute younger", async () => {
    const lapsed = await openCase({ by: bob, at: NOW - CLAIM_IDLE_MS - 1 });
    const live = await openCase({ by: bob, at: NOW - CLAIM_IDLE_MS + MIN });
    expect(await claimCase(db, ann, { caseId: lapsed }, new Date(NOW))).toMatchObject({ claimed: true });
    expect(await claimCase(db, ann, { caseId: live }, new Date(NOW))).toMatchObject({ claimed: false });
    expect((await caseOf(lapsed)).assigneeId).toBe(ann.id);
    expect((await caseOf(live)).assigneeId).toBe(bob.id);
  });

  it("reports an expired claim as not live on the case page", async () => {
    const caseId = await openCase({ by: bob, at: NOW - CLAIM_IDLE_MS - MIN });
    expect((await caseDetail(db, caseId, new Date(NOW)))?.assignee).toMatchObject({ email: "bob@claims.test", live: false });
  });

  it("never releases a colleague's claim, live or lapsed", async () => {
    const live = await openCase({ by: bob, at: NOW - MIN });
    const lapsed = await openCase({ by: bob, at: NOW - CLAIM_IDLE_MS - MIN });
    expect(await releaseCase(db, ann, { caseId: live })).toEqual({ released: false });
    expect(await releaseCase(db, ann, { caseId: lapsed })).toEqual({ released: false });
    expect((await caseOf(live)).assigneeId).toBe(bob.id);
    expect((await caseOf(lapsed)).assigneeId).toBe(bob.id);
  });
});

describe("releasing on leaving: POST /api/fraud/release (the page's beacon)", () => {
  it("gives back the analyst's own claim", async () => {
    const caseId = await openCase();
    await claimCase(db, ann, { caseId });
    session.userId = ann.id;
    const response = await beacon(`caseId=${caseId}`);
    expect(response.status).toBe(204);
    expect(await caseOf(caseId)).toMatchObject({ assigneeId: null, claimedAt: null, version: 1 });
  });

  it("answers 204 and changes nothing when the caller holds no claim (left a case they only looked at)", async () => {
    const mine = await openCase();
    const bobs = await openCase({ by: bob, at: NOW - MIN });
    session.userId = ann.id;
    expect((await beacon(`caseId=${mine}`)).status).toBe(204);
    expect((await beacon(`caseId=${bobs}`)).status).toBe(204);
    expect(await caseOf(bobs)).toMatchObject({ assigneeId: bob.id });
  });

  it("refuses a request another site's page makes the browser send", async () => {
    const caseId = await openCase({ by: ann, at: NOW - MIN });
    session.userId = ann.id;
    const response = await beacon(`caseId=${caseId}`, { "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    expect((await caseOf(caseId)).assigneeId).toBe(ann.id);
  });

  it("refuses a caller without a session, and a body naming no case", async () => {
    const caseId = await openCase({ by: ann, at: NOW - MIN });
    expect((await beacon(`caseId=${caseId}`)).status).toBe(401);
    session.userId = ann.id;
    expect((await beacon("caseId=abc")).status).toBe(400);
    expect((await caseOf(caseId)).assigneeId).toBe(ann.id);
  });
});
