/**
 * "My work": each deciding role signs in, lands on its inbox at /, and clears one item of each kind it can hold
 * (following the item's link and deciding with the area's own controls, or with the inbox's own buttons for the
 * admin), then sees that item gone and the count in the navigation lower. Where the store has no item of a kind at
 * that point, the test writes one into the database first. Best run last: the earlier tests train and publish the
 * models whose outputs fill these inboxes (run alone, e.g. `npx playwright test -g inbox`, kinds that need a model
 * nobody trained are skipped and said so; the planner waits for the set-up's forecast).
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { openDb, type Db } from "../../db/client";
import { openSqlite, rawSqlite, type Db as AppDb } from "../../lib/db";
import { latestRun, planRows } from "../../lib/forecasts/queries";
import { expect, test } from "./fixtures";
import { specsRan } from "./handoff";
import { inNewContext, signIn } from "./harness";

/** Run alone: no test of another spec file ran before these in this run (`-g inbox`), so nobody trained the models. */
function runAlone(): boolean {
  const self = path.basename(test.info().file);
  return specsRan().every((file) => file === self);
}

function withDb<T>(dbFile: string, fn: (db: Db) => T): T {
  const db = openDb(dbFile, { migrate: false });
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

/** The app's own (asynchronous) database on the suite's file, for the app's queries. */
async function withAppDb<T>(dbFile: string, fn: (db: AppDb) => Promise<T>): Promise<T> {
  const db = openSqlite(dbFile, { migrate: false });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The total on the "My work" link (read out as "My work 12 items"; no count when there is nothing). */
async function navTotal(page: Page): Promise<number> {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My work/ });
  const name = (await link.innerText()).replace(/\s+/g, " ");
  return Number(/(\d+)/.exec(name)?.[1] ?? 0);
}

async function openInbox(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole("heading", { name: "My work", level: 1 }).waitFor();
}

const item = (page: Page, kind: string, key: string) => page.locator(`[data-testid="inbox-item"][data-kind="${kind}"][data-key="${key}"]`);

/** Keys of the items of a kind shown on the page (the first few of the group). */
async function shownKeys(page: Page, kind: string): Promise<string[]> {
  return page.locator(`[data-testid="inbox-item"][data-kind="${kind}"]`).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key") ?? ""));
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    expect(Date.now() < deadline, `timed out waiting until ${what}`).toBeTruthy();
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Clears one item: `decide` follows its link and decides there (or presses an inbox button); `decided` says from the
 * database when the decision is in. Then the inbox no longer shows it and the count went down.
 */
async function clearItem(page: Page, url: string, kind: string, key: string, decide: () => Promise<void>, decided: () => boolean): Promise<void> {
  await openInbox(page, url);
  const before = await navTotal(page);
  expect(before > 0, `the My work link shows no count while a ${kind} item is listed`).toBeTruthy();
  await item(page, kind, key).waitFor();
  await decide();
  await waitFor(`the ${kind} item ${key} is decided`, decided);
  await openInbox(page, url);
  expect((await item(page, kind, key).count()) === 0, `the ${kind} item ${key} is still in the inbox after its decision`).toBeTruthy();
  const after = await navTotal(page);
  expect(after < before, `the My work count did not go down after clearing ${kind} ${key}: ${before} -> ${after}`).toBeTruthy();
}

async function followLink(page: Page, kind: string, key: string): Promise<void> {
  const link = item(page, kind, key).getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  await link.click();
  await page.waitForURL((u) => u.pathname === href.split("?")[0]);
}

function skip(kind: string, why: string): void {
  expect(runAlone(), `no ${kind} item: ${why}`).toBeTruthy();
  console.log(`    (skipped ${kind}: ${why})`);
}

test("inbox: a planner lands on My work and clears a forecast exception and a plan to approve", async ({ suite }) => {
  const { browser, url, dbFile, user } = suite;
  const planStatus = (productId: number) =>
    withDb(dbFile, (db) => db.$client.prepare<[number], { status: string }>("SELECT status FROM forecast_plans WHERE product_id = ? AND run_id = (SELECT max(id) FROM forecast_runs)").get(productId)?.status);
  await inNewContext(browser, async (page) => {
    // The set-up's forecast training publishes the run (already done when the earlier tests ran): wait for it.
    const deadline = Date.now() + 5 * 60_000;
    while (!(await withAppDb(dbFile, async (db) => latestRun(db))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 3000));
    // Make sure both kinds exist: a stockout (no stock) on an open plan, and a reviewed plan without exceptions.
    const keys = await withAppDb(dbFile, async (db) => {
      const run = await latestRun(db);
      if (!run) return null;
      let rows = (await planRows(db, run)).filter((r) => r.status !== "approved");
      if (!rows.some((r) => r.exceptions.length > 0)) {
        const busiest = [...rows].sort((a, b) => b.horizonDemand - a.horizonDemand)[0];
        if (busiest) rawSqlite(db).$client.prepare("UPDATE inventory_positions SET on_hand = 0, on_order = 0 WHERE product_id = ?").run(busiest.productId);
        rows = (await planRows(db, run)).filter((r) => r.status !== "approved");
      }
      if (!rows.some((r) => r.exceptions.length === 0 && (r.status === "reviewed" || r.overrides > 0))) {
        const calm = rows.find((r) => r.exceptions.length === 0);
        if (calm) rawSqlite(db).$client.prepare("UPDATE forecast_plans SET status = 'reviewed', version = version + 1 WHERE id = ?").run(calm.planId);
      }
      return true;
    });
    await signIn(page, url, user("planner").email, user("planner").password);
    await openInbox(page, url);
    if (!keys) return skip("forecast", "no forecast run is published");
    for (const kind of ["forecast_exception", "forecast_plan"]) {
      const key = (await shownKeys(page, kind))[0];
      if (!key) {
        skip(kind, "every plan of the run is approved or without exceptions");
        continue;
      }
      await clearItem(
        page,
        url,
        kind,
        key,
        async () => {
          await followLink(page, kind, key);
          await page.getByRole("button", { name: "Approve plan" }).click();
        },
        () => planStatus(Number(key)) === "approved",
      );
    }
  });
});

test("inbox: a merchandiser lands on My work and clears a price, a second approval, a review summary and a placement", async ({ suite }) => {
  const { browser, url, dbFile, user } = suite;
  await inNewContext(browser, async (page) => {
    const merch = user("merchandiser");
    const prepared = withDb(dbFile, (db) => prepareMerchandiserItems(db, merch.email));
    await signIn(page, url, merch.email, merch.password);
    const recStatus = (productId: number) =>
      withDb(dbFile, (db) => db.$client.prepare<[number], { status: string }>("SELECT status FROM price_recommendations WHERE product_id = ? AND run_id = (SELECT max(id) FROM price_runs)").get(productId)?.status);

    if (!prepared.prices) skip("price", "no price run is published");
    else {
      // A pending recommendation the guardrails allow (a conflict cannot be approved as it stands).
      await openInbox(page, url);
      const shown = await shownKeys(page, "price_recommendation");
      const key = shown.find((k) => !prepared.conflicts.includes(Number(k)))!;
      expect(key, `no approvable price recommendation among ${shown.join(", ")}`).toBeTruthy();
      // A large change only gets its first approval: it then waits for someone else and leaves this inbox too.
      await clearItem(page, url, "price_recommendation", key, async () => {
        await followLink(page, "price_recommendation", key);
        await page.getByRole("button", { name: "Approve", exact: true }).click();
      }, () => recStatus(Number(key)) !== "pending");

      const second = String(withDb(dbFile, (db) => awaitingSecond(db, Number(key))) ?? "");
      expect(second, "no recommendation could wait for a second approval").toBeTruthy();
      await clearItem(page, url, "price_second_approval", second, async () => {
        await followLink(page, "price_second_approval", second);
        await page.getByRole("button", { name: "Approve", exact: true }).click();
      }, () => recStatus(Number(second)) === "approved");
    }

    if (prepared.summary === null) skip("review_summary", "no product has scored reviews (no sentiment model)");
    else {
      const key = String(prepared.summary);
      const version = () => withDb(dbFile, (db) => db.$client.prepare<[number], { v: number | null }>("SELECT max(version) AS v FROM review_summaries WHERE product_id = ?").get(Number(key))?.v ?? 0);
      const before = version();
      await clearItem(page, url, "review_summary", key, async () => {
        await followLink(page, "review_summary", key);
        await page.getByTestId("summary-form").locator("textarea").fill(`Checked again from My work by e2e ${Date.now()}: buyers' views as summarised.`);
        await page.getByTestId("approve-summary").click();
      }, () => version() > before);
    }

    await openInbox(page, url);
    const placement = (await shownKeys(page, "placement"))[0];
    if (!placement) skip("placement", "no recommendation model is champion");
    else {
      const approvedVersion = () => withDb(dbFile, (db) => db.$client.prepare<[string], { v: number | null }>("SELECT max(version) AS v FROM placement_scenarios WHERE placement = ?").get(placement)?.v ?? 0);
      const before = approvedVersion();
      await clearItem(page, url, "placement", placement, async () => {
        await followLink(page, "placement", placement);
        const form = page.getByTestId("approve-form");
        await form.waitFor();
        const acknowledge = form.getByRole("checkbox");
        if ((await acknowledge.count()) > 0) await acknowledge.check();
        await page.getByTestId("approve-placement").click();
      }, () => approvedVersion() > before);
    }
  });
});

test("inbox: a risk analyst lands on My work and clears the most urgent fraud case", async ({ suite }) => {
  const { browser, url, dbFile, user } = suite;
  await inNewContext(browser, async (page) => {
    withDb(dbFile, ensureFraudCase);
    const risk = user("risk_analyst");
    await signIn(page, url, risk.email, risk.password);
    await openInbox(page, url);
    const key = (await shownKeys(page, "fraud_case"))[0]!;
    expect(key, "no fraud case in the risk analyst's inbox").toBeTruthy();
    const status = () => withDb(dbFile, (db) => db.$client.prepare<[number], { status: string }>("SELECT status FROM fraud_cases WHERE id = ?").get(Number(key))?.status);
    await clearItem(page, url, "fraud_case", key, async () => {
      await followLink(page, "fraud_case", key);
      const take = page.getByRole("button", { name: "Take case" });
      if (await take.isVisible()) await take.click();
      await page.getByLabel("Note", { exact: true }).fill("Known customer, checked from My work (e2e).");
      await page.getByRole("button", { name: "Mark legitimate" }).click();
    }, () => status() === "legitimate");
  });
});

test("inbox: an admin lands on My work and dismisses a failed job, acknowledges a drift alert and dismisses a version", async ({ suite }) => {
  const { browser, url, dbFile, user } = suite;
  await inNewContext(browser, async (page) => {
    const made = withDb(dbFile, prepareAdminItems);
    const admin = user("admin");
    await signIn(page, url, admin.email, admin.password);
    const acknowledged = (jobId: number) => withDb(dbFile, (db) => db.$client.prepare<[number], { at: number | null }>("SELECT acknowledged_at AS at FROM jobs WHERE id = ?").get(jobId)?.at != null);
    const dismissed = (versionId: number) => withDb(dbFile, (db) => db.$client.prepare<[number], { at: number | null }>("SELECT dismissed_at AS at FROM model_versions WHERE id = ?").get(versionId)?.at != null);
    const steps = [
      { kind: "failed_job", id: made.failedJob, testId: `inbox-dismiss-job-${made.failedJob}`, done: () => acknowledged(made.failedJob) },
      { kind: "drift_alert", id: made.driftJob, testId: `inbox-acknowledge-drift-${made.driftJob}`, done: () => made.driftJob !== null && acknowledged(made.driftJob) },
      { kind: "version_to_promote", id: made.version, testId: `inbox-dismiss-version-${made.version}`, done: () => made.version !== null && dismissed(made.version) },
    ];
    for (const step of steps) {
      if (step.id === null) {
        skip(step.kind, "no model is champion yet");
        continue;
      }
      await clearItem(page, url, step.kind, String(step.id), () => page.getByTestId(step.testId).click(), step.done);
    }
  });
});

type MerchandiserSetup = { prices: boolean; conflicts: number[]; summary: number | null };

/** Pending prices exist after publication; a review summary item is made by a new scored review after an approval. */
function prepareMerchandiserItems(db: Db, merchEmail: string): MerchandiserSetup {
  const sql = db.$client;
  const run = sql.prepare<[], { id: number }>("SELECT max(id) AS id FROM price_runs").get()?.id ?? null;
  const conflicts = run === null ? [] : sql.prepare<[number], { productId: number }>("SELECT product_id AS productId FROM price_recommendations WHERE run_id = ? AND bound_by = 'conflict'").all(run).map((r) => r.productId);
  // A product with an approved summary gets one more scored review (outdated); else any product with scores gets an
  // "approved" summary that counted one review fewer than it has.
  const scoredProduct = sql
    .prepare<[], { productId: number; scored: number; model: number }>(
      `SELECT s.product_id AS productId, count(*) AS scored, max(s.model_version_id) AS model FROM review_scores s
        GROUP BY s.product_id HAVING count(*) >= 5 ORDER BY (SELECT count(*) FROM review_summaries x WHERE x.product_id = s.product_id) DESC, count(*) DESC LIMIT 1`,
    )
    .get();
  let summary: number | null = null;
  if (scoredProduct) {
    const merch = sql.prepare<[string], { id: number }>("SELECT id FROM users WHERE email = ?").get(merchEmail)!;
    const latest = sql.prepare<[number], { version: number }>("SELECT max(version) AS version FROM review_summaries WHERE product_id = ?").get(scoredProduct.productId)?.version ?? 0;
    sql.prepare(
      `INSERT INTO review_summaries (product_id, version, body, draft_body, sentiment, aspects, model_version_id, approved_by, approved_at)
       VALUES (?, ?, 'Summary approved before the latest review (e2e).', 'Draft.', json_object('reviews', ?, 'positiveShare', 0.5, 'low', 0.3, 'high', 0.7), '[]', ?, ?, ?)`,
    ).run(scoredProduct.productId, latest + 1, scoredProduct.scored - 1, scoredProduct.model, merch.id, Date.now());
    summary = scoredProduct.productId;
  }
  return { prices: run !== null, conflicts, summary };
}

/**
 * A recommendation waiting for a second approval by someone other than this merchandiser: one already waiting, or a
 * pending one given a first approval by a second merchandiser (created here; the demo store has one).
 */
function awaitingSecond(db: Db, exceptProductId: number): number | null {
  const sql = db.$client;
  const run = sql.prepare<[], { id: number }>("SELECT max(id) AS id FROM price_runs").get()!.id;
  let other = sql.prepare<[], { id: number }>("SELECT id FROM users WHERE email = 'merch2@e2e.test'").get()?.id;
  other ??= Number(sql.prepare("INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('merch2@e2e.test', 'Second Merchandiser', 'merchandiser', 'x', ?)").run(Date.now()).lastInsertRowid);
  const waiting = sql.prepare<[number, number], { productId: number }>("SELECT product_id AS productId FROM price_recommendations WHERE run_id = ? AND status = 'awaiting_second' AND first_approved_by = ? LIMIT 1").get(run, other);
  if (waiting) return waiting.productId;
  const pending = sql
    .prepare<[number, number], { id: number; productId: number; recommended: number }>(
      `SELECT id, product_id AS productId, recommended_price_cents AS recommended FROM price_recommendations
        WHERE run_id = ? AND status = 'pending' AND product_id != ? AND COALESCE(bound_by, '') != 'conflict' ORDER BY id LIMIT 1`,
    )
    .get(run, exceptProductId);
  if (!pending) return null;
  sql.prepare("UPDATE price_recommendations SET status = 'awaiting_second', first_approved_by = ?, decided_price_cents = ?, version = version + 1, updated_at = ? WHERE id = ?").run(other, pending.recommended, Date.now(), pending.id);
  return pending.productId;
}

/** An open case for the analyst: the fraud tests leave some; alone, one is written (a payment flagged for review). */
function ensureFraudCase(db: Db): void {
  const sql = db.$client;
  if (sql.prepare("SELECT 1 FROM fraud_cases WHERE status IN ('open', 'escalated') LIMIT 1").get()) return;
  const now = Date.now();
  const payment = Number(
    sql.prepare("INSERT INTO payment_transactions (external_id, created_at, amount_cents, currency, status, card_hash) VALUES (?, ?, 4800, 'USD', 'approved', 'card-e2e-inbox')").run(`PAY-E2E-${now}`, now).lastInsertRowid,
  );
  const score = Number(
    sql.prepare("INSERT INTO fraud_scores (payment_id, score, decision, decided_by, reasons, source, created_at) VALUES (?, 0.8, 'review', 'model', '[]', 'batch', ?)").run(payment, now).lastInsertRowid,
  );
  sql.prepare("INSERT INTO fraud_cases (payment_id, score_id, status, due_at, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?)").run(payment, score, now - 60_000, now, now);
}

/** One of each admin item: a failed job, a drift alert on a champion, a candidate trained after that champion. */
function prepareAdminItems(db: Db): { failedJob: number; driftJob: number | null; version: number | null } {
  const sql = db.$client;
  const now = Date.now();
  const failedJob = Number(
    sql.prepare("INSERT INTO jobs (kind, task, status, params, error, created_at, started_at, finished_at) VALUES ('train', 'pricing', 'failed', '{}', 'e2e: the worker ran out of memory', ?, ?, ?)").run(now, now, now).lastInsertRowid,
  );
  const champion = sql.prepare<[], { id: number; task: string; version: number }>("SELECT id, task, version FROM model_versions WHERE status = 'champion' ORDER BY id LIMIT 1").get();
  if (!champion) return { failedJob, driftJob: null, version: null };
  const drift = { versionId: champion.id, version: champion.version, windowDays: 30, flagged: true, features: [{ name: "amount", psi: 0.42, flagged: true, recentCount: 120 }] };
  const driftJob = Number(
    sql
      .prepare("INSERT INTO jobs (kind, task, status, params, progress, created_at, started_at, finished_at) VALUES ('evaluate', ?, 'succeeded', '{}', ?, ?, ?, ?)")
      .run(champion.task, JSON.stringify({ stage: "done", history: [], drift }), now, now, now).lastInsertRowid,
  );
  const next = sql.prepare<[string], { v: number }>("SELECT max(version) AS v FROM model_versions WHERE task = ?").get(champion.task)!.v + 1;
  const version = Number(
    sql.prepare("INSERT INTO model_versions (task, version, status, params, created_at) VALUES (?, ?, 'candidate', '{}', ?)").run(champion.task, next, now).lastInsertRowid,
  );
  return { failedJob, driftJob, version };
}
