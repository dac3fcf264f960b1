/**
 * The "My work" inbox on a real (temporary) database (SQLite, or PostgreSQL's schema of this file): each role's items appear, are ordered deadlines first, and
 * leave once decided; the admin's inbox actions are refused to other roles, audited, and work once.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", async (original) => ({ ...(await original<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { and, desc, eq, sql } from "drizzle-orm";
import { acknowledgeDriftAction, dismissFailedJobAction, dismissVersionAction, retryFailedJobAction } from "@/app/(dashboard)/inbox-actions";
import { getDb, type Db } from "@/lib/db";
import { auditLog, forecastPlans, jobs, modelVersions, priceRecommendations, reviewScores, roles, users, type Role } from "@/lib/schema";
import { visibleAreas } from "@/lib/auth/permissions";
import { decideCase } from "@/lib/fraud/cases";
import { approvePlans } from "@/lib/forecasts/plans";
import { inboxFor, inboxItems, type InboxItem } from "@/lib/inbox";
import { compareItems } from "@/lib/inbox/order";
import { inboxWords } from "@/lib/inbox/words";
import { englishFormat } from "@/lib/format";
import type { Message } from "@/lib/i18n/message";
import { inEnglish } from "@/lib/i18n/translate";
import { reject } from "@/lib/pricing/decisions";
import { placements } from "@/lib/recommendations/placements";
import { messages } from "@/lib/i18n/messages";
import { session } from "../support/request-context";

const HOUR = 3_600_000;
const NOW = Date.now();
/** An item's words as an English reader sees them. */
const english = (message: Message) => inEnglish(inboxWords(message, englishFormat));

let db: Db;
const ids = {} as Record<"admin" | "admin2" | "planner" | "merch" | "merch2" | "risk" | "viewer", number>;

async function addUser(email: string, role: Role): Promise<number> {
  return (await db.insert(users).values({ email, name: email, role, passwordHash: "x", createdAt: new Date() }).returning().get())!.id;
}

const kinds = (items: InboxItem[]) => items.map((i) => `${i.kind}:${i.key}`);
const userOf = (key: keyof typeof ids, role: Role) => ({ id: ids[key], role });

beforeAll(async () => {
  db = getDb();
  ids.admin = await addUser("admin@test", "admin");
  ids.admin2 = await addUser("admin2@test", "admin");
  ids.planner = await addUser("planner@test", "planner");
  ids.merch = await addUser("merch@test", "merchandiser");
  ids.merch2 = await addUser("merch2@test", "merchandiser");
  ids.risk = await addUser("risk@test", "risk_analyst");
  ids.viewer = await addUser("viewer@test", "viewer");

  for (const [id, sku] of [[1, "SKU-A"], [2, "SKU-B"], [3, "SKU-C"]] as const) {
    await db.run(sql`INSERT INTO products (id, sku, name, category, price_cents, cost_cents, created_at) VALUES (${id}, ${sku}, ${`Product ${sku}`}, 'home', 1000, 500, ${NOW})`);
  }

  // Model versions: forecast and pricing champions; a fraud champion v1 with a newer candidate v2 and a dismissed v3.
  const version = (id: number, task: string, v: number, status: string, at: number, trainedBy: number | null) =>
    db.run(sql`INSERT INTO model_versions (id, task, version, status, params, created_at, trained_by) VALUES (${id}, ${task}, ${v}, ${status}, '{}', ${at}, ${trainedBy})`);
  await version(1, "forecast", 1, "champion", NOW - 10 * HOUR, null);
  await version(2, "pricing", 1, "champion", NOW - 10 * HOUR, null);
  await version(3, "fraud", 1, "champion", NOW - 10 * HOUR, null);
  await version(4, "fraud", 2, "candidate", NOW - 5 * HOUR, ids.admin);
  await version(5, "sentiment", 1, "champion", NOW - 10 * HOUR, null);

  // Forecast run: A has no stock (a stockout exception), B is overridden by hand (a plan to approve), C is approved.
  await db.run(sql`INSERT INTO forecast_runs (id, model_version_id, first_week, horizon_weeks, history_end, created_at) VALUES (1, 1, '2024-03-04', 4, '2024-03-03', ${NOW})`);
  const weeks = ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"];
  for (const id of [1, 2, 3]) {
    await db.run(sql`INSERT INTO forecast_series (run_id, product_id, method, segment, backtest_mase) VALUES (1, ${id}, 'network', 'smooth', 0.5)`);
    for (const w of weeks) await db.run(sql`INSERT INTO forecast_lines (run_id, product_id, week, p10, p50, p90) VALUES (1, ${id}, ${w}, 6, 10, 14)`);
    await db.run(sql`INSERT INTO forecast_plans (run_id, product_id, status, version, updated_at) VALUES (1, ${id}, ${id === 3 ? "approved" : "open"}, 1, ${NOW})`);
  }
  for (const [id, onHand] of [[1, 0], [2, 30], [3, 30]] as const) {
    await db.run(sql`INSERT INTO inventory_positions (product_id, on_hand, on_order, lead_time_days, as_of) VALUES (${id}, ${onHand}, 0, 14, '2024-03-03')`);
  }
  await db.run(
    sql`INSERT INTO forecast_overrides (run_id, product_id, week, units, model_p50, reason, created_by, created_at) VALUES (1, 2, '2024-03-11', 12, 10, 'promotion', ${ids.planner}, ${NOW})`,
  );

  // Prices: A pending (+20 %), B awaiting a second approval after merch's first, C rejected already.
  await db.run(sql`INSERT INTO price_runs (id, model_version_id, settings, created_at) VALUES (1, 2, '{}', ${NOW})`);
  const rec = (productId: number, cents: number, status: string, firstApprovedBy: number | null) =>
    db.run(sql`INSERT INTO price_recommendations (run_id, product_id, current_price_cents, recommended_price_cents, unconstrained_price_cents, expected, confidence,
       adjustments, competitor_prices, curve, status, first_approved_by, updated_at)
       VALUES (1, ${productId}, 1000, ${cents}, ${cents}, '{}', 'high', '[]', '{}', '{}', ${status}, ${firstApprovedBy}, ${NOW})`);
  await rec(1, 1200, "pending", null);
  await rec(2, 800, "awaiting_second", ids.merch);
  await rec(3, 1100, "rejected", null);

  // Reviews: A's approved summary counted 1 review, 2 are scored now (outdated).
  for (const id of [1, 2]) {
    await db.run(sql`INSERT INTO reviews (id, product_id, rating, title, body, created_at) VALUES (${id}, 1, 5, 'Good', 'Works well.', ${NOW - id * HOUR})`);
    await db.insert(reviewScores).values({ reviewId: id, productId: 1, modelVersionId: 5, score: 0.9, positive: true, scoredAt: new Date(NOW) }).run();
  }
  await db.run(
    sql`INSERT INTO review_summaries (product_id, version, body, draft_body, sentiment, aspects, model_version_id, approved_by, approved_at)
     VALUES (1, 1, 'Buyers like it.', 'Buyers like it.', '{"reviews":1,"positiveShare":1,"low":0.2,"high":1}', '[]', 5, ${ids.merch}, ${NOW})`,
  );

  // Fraud: case 1 overdue (score 0.6), case 2 due in 5 h (score 0.9), case 3 due in 1 h (score 0.7), case 4 decided.
  for (const [id, s, due, status] of [[1, 0.6, NOW - HOUR, "open"], [2, 0.9, NOW + 5 * HOUR, "open"], [3, 0.7, NOW + HOUR, "open"], [4, 0.95, NOW - 2 * HOUR, "fraud"]] as const) {
    await db.run(sql`INSERT INTO payment_transactions (id, external_id, created_at, amount_cents, status, card_hash) VALUES (${id}, ${`PAY-${id}`}, ${NOW - 10 * HOUR}, 5000, 'approved', 'card')`);
    await db.run(
      sql`INSERT INTO fraud_scores (id, payment_id, model_version_id, score, decision, decided_by, reasons, source, created_at) VALUES (${id}, ${id}, 3, ${s}, 'review', 'model', '[]', 'batch', ${NOW - 10 * HOUR})`,
    );
    await db.run(
      sql`INSERT INTO fraud_cases (id, payment_id, score_id, status, due_at, created_at, updated_at) VALUES (${id}, ${id}, ${id}, ${status}, ${due}, ${NOW - 10 * HOUR}, ${NOW - 10 * HOUR})`,
    );
  }

  // Jobs: a failed training, a failed score already acknowledged, a drift check that flagged the fraud champion.
  const job = (id: number, kind: string, task: string, status: string, params: string, progress: string | null, error: string | null, at: number, acknowledgedAt: number | null) =>
    db.run(sql`INSERT INTO jobs (id, kind, task, status, params, progress, error, created_at, finished_at, acknowledged_at)
      VALUES (${id}, ${kind}, ${task}, ${status}, ${params}, ${progress}, ${error}, ${at}, ${at}, ${acknowledgedAt})`);
  await job(1, "train", "pricing", "failed", '{"epochs":3}', null, "Out of memory", NOW - 3 * HOUR, null);
  await job(2, "score", "forecast", "failed", "{}", null, "Old failure", NOW - 9 * HOUR, NOW - 8 * HOUR);
  const drift = { drift: { versionId: 3, version: 1, windowDays: 30, flagged: true, features: [{ name: "amount", psi: 0.41, flagged: true, recentCount: 300 }, { name: "hour", psi: 0.02, flagged: false, recentCount: 300 }] } };
  await job(3, "evaluate", "fraud", "succeeded", "{}", JSON.stringify(drift), null, NOW - 2 * HOUR, null);
  // An older drift check of sentiment that flagged, superseded by a clean one: no alert.
  await job(4, "evaluate", "sentiment", "succeeded", "{}", JSON.stringify({ drift: { ...drift.drift, versionId: 5 } }), null, NOW - 6 * HOUR, null);
  await job(5, "evaluate", "sentiment", "succeeded", "{}", JSON.stringify({ drift: { ...drift.drift, versionId: 5, flagged: false } }), null, NOW - 5 * HOUR, null);
});

describe("a planner's inbox", () => {
  it("lists the stockout exception and the overridden plan, not the approved one, and drops a plan once approved", async () => {
    const items = await inboxItems(db, userOf("planner", "planner"));
    expect(kinds(items)).toEqual(["forecast_exception:1", "forecast_plan:2"]);
    expect(items[0]!.href).toBe("/forecasts/1");
    expect(english(items[0]!.why)).toMatch(/^Stockout risk: .*not approved/);

    const plan = (await db.select({ version: forecastPlans.version }).from(forecastPlans).where(and(eq(forecastPlans.runId, 1), eq(forecastPlans.productId, 1))).get())!;
    await approvePlans(db, { id: ids.planner, email: "planner@test" }, { runId: 1, serviceLevel: 0.95, items: [{ productId: 1, expectedVersion: plan.version }] });
    expect(kinds(await inboxItems(db, userOf("planner", "planner")))).toEqual(["forecast_plan:2"]);
  });
});

describe("a merchandiser's inbox", () => {
  it("lists pending prices, second approvals only for someone other than the first approver, and outdated summaries", async () => {
    const mine = await inboxFor(db, userOf("merch", "merchandiser"));
    expect(mine.groups.map((g) => [g.kind, g.count])).toEqual([
      ["price_recommendation", 1],
      ["review_summary", 1],
    ]);
    const other = await inboxItems(db, userOf("merch2", "merchandiser"));
    expect(kinds(other)).toEqual(expect.arrayContaining(["price_second_approval:2", "price_recommendation:1", "review_summary:1"]));
    const second = other.find((i) => i.kind === "price_second_approval")!;
    expect(english(second.why)).toContain("merch@test approved this −20.0\u00a0% change");
    expect(english(other.find((i) => i.kind === "review_summary")!.why)).toBe("1 review has come in since the storefront summary was approved.");
  });

  it("drops a price recommendation once rejected", async () => {
    const { version } = (await db.select({ version: priceRecommendations.version }).from(priceRecommendations).where(eq(priceRecommendations.productId, 1)).get())!;
    await reject(db, { id: ids.merch, email: "merch@test" }, { runId: 1, productId: 1, expectedVersion: version, reason: "Too steep for now" });
    expect(kinds(await inboxItems(db, userOf("merch", "merchandiser")))).toEqual(["review_summary:1"]);
  });


  it("lists placements that serve nothing approved once a recommender is champion, and drops one once approved", async () => {
    const placementKeys = async () => (await inboxItems(db, userOf("merch", "merchandiser"))).filter((i) => i.kind === "placement").map((i) => i.key);
    expect(await placementKeys()).toEqual([]);
    await db.run(sql`INSERT INTO model_versions (id, task, version, status, params, created_at) VALUES (6, 'recommend', 1, 'champion', '{}', ${NOW})`);
    expect(await placementKeys()).toEqual(["home", "product", "cart", "email"]);
    // The untouched draft of the cart placement, approved as version 1: the storefront serves what the draft says.
    const cart = placements.cart;
    await db.run(
      sql`INSERT INTO placement_scenarios (placement, version, model_version_id, champion_version_id, rules, n, approved_by, approved_at)
        VALUES ('cart', 1, NULL, 6, ${JSON.stringify(cart.rules)}, ${cart.n}, ${ids.merch}, ${NOW})`,
    );
    expect(await placementKeys()).toEqual(["home", "product", "email"]);
  });
});

describe("a risk analyst's inbox", () => {
  it("orders open cases overdue first, then by due time, whatever their score, and drops a decided case", async () => {
    const items = await inboxItems(db, userOf("risk", "risk_analyst"), { now: new Date(NOW) });
    expect(kinds(items)).toEqual(["fraud_case:1", "fraud_case:3", "fraud_case:2"]);
    expect(items.map((i) => i.overdue)).toEqual([true, false, false]);
    expect(items[0]!.href).toBe("/fraud/cases/1");

    await decideCase(db, { id: ids.risk, email: "risk@test" }, { caseId: 1, expectedVersion: 1, decision: "legitimate" });
    expect(kinds(await inboxItems(db, userOf("risk", "risk_analyst"), { now: new Date(NOW) }))).toEqual(["fraud_case:3", "fraud_case:2"]);
  });

  it("caps a long group and keeps its full count", async () => {
    const inbox = await inboxFor(db, userOf("risk", "risk_analyst"), { cap: 1, now: new Date(NOW) });
    expect(inbox.total).toBe(2);
    expect(inbox.groups[0]).toMatchObject({ kind: "fraud_case", count: 2, allHref: "/fraud?sort=due" });
    expect(inbox.groups[0]!.items).toHaveLength(1);
  });
});

describe("ordering", () => {
  it("puts overdue items first, then those due soonest, then the rest by severity", async () => {
    const item = (key: string, extra: Partial<InboxItem>): InboxItem => ({ kind: "fraud_case", key, title: { key: "inbox.titles.product", values: { sku: key, name: key } }, why: { key: "inbox.why.caseFlagged", values: { scoreShare: 0 } }, href: "/", severity: 0, ...extra });
    const sorted = [
      item("later", { dueAt: new Date(NOW + 2 * HOUR) }),
      item("severe", { severity: 9 }),
      item("overdue", { dueAt: new Date(NOW - HOUR), overdue: true }),
      item("mild", { severity: 1 }),
      item("soon", { dueAt: new Date(NOW + HOUR) }),
    ].sort(compareItems);
    expect(sorted.map((i) => i.key)).toEqual(["overdue", "soon", "later", "severe", "mild"]);
  });
});

describe("an admin's inbox", () => {
  it("lists the unacknowledged failed job, the live drift alert and the candidate trained after the champion", async () => {
    const items = await inboxItems(db, userOf("admin", "admin"));
    expect(kinds(items).sort()).toEqual(["drift_alert:3", "failed_job:1", "version_to_promote:4"]);
    expect(english(items.find((i) => i.kind === "drift_alert")!.why)).toContain("amount, PSI 0.41");
    expect(items.every((i) => i.href.startsWith("/models?task="))).toBe(true);
  });

  it("gives a viewer nothing to decide, and every role My work as its first area", async () => {
    expect(await inboxFor(db, userOf("viewer", "viewer"))).toEqual({ role: "viewer", total: 0, groups: [] });
    for (const role of roles) expect(visibleAreas(role)[0]).toEqual({ key: "inbox", href: "/" });
    expect(messages.en.nav.areas.inbox).toBe("My work");
  });

  it("refuses the inbox actions to every other role, changing nothing", async () => {
    for (const key of ["planner", "merch", "risk", "viewer"] as const) {
      session.userId = ids[key];
      for (const result of [
        await dismissFailedJobAction({ jobId: 1 }),
        await retryFailedJobAction({ jobId: 1 }),
        await acknowledgeDriftAction({ jobId: 3 }),
        await dismissVersionAction({ versionId: 4 }),
      ]) {
        expect(result).toMatchObject({ ok: false, code: "forbidden" });
      }
    }
    expect(await inboxItems(db, userOf("admin", "admin"))).toHaveLength(3);
  });

  it("dismisses, retries, acknowledges and dismisses once each, audited, and the items leave", async () => {
    session.userId = ids.admin;
    expect(await retryFailedJobAction({ jobId: 1 })).toMatchObject({ ok: true, data: { jobId: 1 } });
    const retry = await db.select().from(jobs).where(eq(jobs.status, "queued")).all();
    expect(retry.map((j) => [j.kind, j.task, j.params])).toEqual([["train", "pricing", { epochs: 3 }]]);
    expect(await dismissFailedJobAction({ jobId: 1 })).toMatchObject({ ok: false, code: "conflict" });

    expect(await acknowledgeDriftAction({ jobId: 3 })).toMatchObject({ ok: true });
    expect(await acknowledgeDriftAction({ jobId: 5 })).toMatchObject({ ok: false, code: "conflict" });
    expect(await dismissVersionAction({ versionId: 4 })).toMatchObject({ ok: true });
    expect(await dismissVersionAction({ versionId: 3 })).toMatchObject({ ok: false, code: "conflict" });
    expect(await dismissVersionAction({ versionId: 0 })).toMatchObject({ ok: false, code: "validation" });
    expect(await db.select().from(modelVersions).where(eq(modelVersions.id, 4)).get()).toMatchObject({ status: "candidate", dismissedBy: ids.admin });

    expect(await inboxItems(db, userOf("admin2", "admin"))).toEqual([]);
    const entries = (await db.select().from(auditLog).orderBy(auditLog.id).all()).filter((e) => e.actorId === ids.admin);
    expect(entries.map((e) => [e.action, e.entityId])).toEqual([
      ["job.retry", "1"],
      ["model.drift_acknowledged", "3"],
      ["model.version_dismissed", "4"],
    ]);
  });

  it("dismisses a failed job without queuing anything", async () => {
    await db.run(sql`INSERT INTO jobs (id, kind, task, status, params, error, created_at) VALUES (9, 'score', 'fraud', 'failed', '{}', 'boom', ${NOW})`);
    session.userId = ids.admin2;
    const queued = async () => (await db.select().from(jobs).where(eq(jobs.status, "queued")).all()).length;
    const before = await queued();
    expect(await dismissFailedJobAction({ jobId: 9 })).toMatchObject({ ok: true });
    expect(await queued()).toBe(before);
    expect(await db.select().from(auditLog).orderBy(desc(auditLog.id)).get()).toMatchObject({ action: "job.failure_dismissed", actorEmail: "admin2@test", entityId: "9" });
    expect(await inboxItems(db, userOf("admin", "admin"))).toEqual([]);
  });
});
