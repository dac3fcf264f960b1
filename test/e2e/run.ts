/**
 * Browser tests: sign in as each role, see the right navigation, be refused another role's page on the server,
 * import a CSV (and be refused a broken one, by line), and find the import in the audit log.
 * Runs the production build (`next build` first) against a small demo store in a temporary data directory.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { openDb } from "../../db/client";
import { seedDemoStore } from "../../db/seed/index";
import { demoUsers, seedDemoUsers } from "../../db/seed/users";
import { areas, visibleAreas } from "../../lib/auth/permissions";
import { enqueueJob } from "../../models/jobs/queue";
import { guardrailConflictTest, ruleEditTest } from "./guardrails-and-rules";
import { importTests } from "./imports";
import { recommendationTests } from "./recommendations";
import { reviewTests } from "./reviews";
import { assert, freePort, inNewContext, launchBrowser, runTests, signIn, startApp, startWorker, tempDataDir, type E2eTest } from "./harness";
import { scoringLimitTests } from "./scoring-limits";
import { failOnCspViolations, securityTests } from "./security";

// A CC BY 4.0 slice of the UCI Online Retail sample that the repository owns (test/fixtures/datasets/README.md).
const retailSample = path.resolve(process.cwd(), "test/fixtures/datasets/online_retail_slice.csv");

async function main() {
  const data = tempDataDir();
  const db = openDb(path.join(data.dir, "storefront.db"));
  await seedDemoStore(db, { scale: 0.03 });
  await seedDemoUsers(db);
  // The forecast is trained and published by the worker like in the demo; the best seller is left without stock so
  // the planner's list has a stockout exception whatever the model says.
  enqueueJob(db, { kind: "train", task: "forecast", createdBy: null, params: { promoteIfNoChampion: true } });
  const bestSeller = db.$client
    .prepare<[], { id: number; sku: string }>("SELECT p.id, p.sku FROM daily_sales d JOIN products p ON p.id = d.product_id GROUP BY p.id ORDER BY SUM(d.units) DESC LIMIT 1")
    .get()!;
  db.$client.prepare("UPDATE inventory_positions SET on_hand = 0, on_order = 0 WHERE product_id = ?").run(bestSeller.id);
  db.$client.close();

  const app = await startApp(data.dir, await freePort());
  const worker = startWorker(data.dir);
  const browser = await launchBrowser();
  const user = (role: string) => demoUsers.find((u) => u.role === role)!;
  // Every page any test opens is watched for Content-Security-Policy violations; a test that caused one fails.
  const cspChecks: (() => void)[] = [];
  const newContext = browser.newContext.bind(browser);
  Object.assign(browser, {
    newContext: async (...args: Parameters<typeof newContext>) => {
      const context = await newContext(...args);
      context.on("page", (page) => cspChecks.push(failOnCspViolations(page)));
      return context;
    },
  });

  const withPage = (fn: (page: import("playwright-core").Page) => Promise<void>) => inNewContext(browser, fn);

  const tests: E2eTest[] = [
    {
      name: "an anonymous visitor is sent to sign in",
      run: () =>
        withPage(async (page) => {
          await page.goto(`${app.url}/audit`);
          assert(page.url().endsWith("/signin"), `expected /signin, got ${page.url()}`);
        }),
    },
    {
      name: "a wrong password is refused with a clear message",
      run: () =>
        withPage(async (page) => {
          await page.goto(`${app.url}/signin`);
          await page.getByLabel("Email").fill(user("admin").email);
          await page.getByLabel("Password").fill("not-the-password");
          await page.getByRole("button", { name: "Sign in", exact: true }).click();
          await page.getByRole("alert").filter({ hasText: "Email or password is not right." }).waitFor();
        }),
    },
  ];

  for (const role of ["admin", "merchandiser", "planner", "risk_analyst", "viewer"] as const) {
    const expected = visibleAreas(role).map((a) => a.label);
    const refused = areas.find((a) => !expected.includes(a.label));
    tests.push({
      name: `${role} signs in, sees ${expected.length} areas, KPIs from the database${refused ? `, and is refused ${refused.href}` : ""}`,
      run: () =>
        withPage(async (page) => {
          await signIn(page, app.url, user(role).email, user(role).password);
          const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
          assert(JSON.stringify(nav) === JSON.stringify(expected), `nav ${JSON.stringify(nav)} != ${JSON.stringify(expected)}`);
          const revenue = await page.getByTestId("kpi-revenue").innerText();
          assert(/\$[1-9]/.test(revenue), `revenue KPI should show real sales, got ${revenue}`);
          if (refused) {
            const response = await page.goto(`${app.url}${refused.href}`);
            assert(response?.status() === 403, `expected 403 on ${refused.href}, got ${response?.status()}`);
            await page.getByText("Not available to your role").waitFor();
          }
        }),
    });
  }

  tests.push(...securityTests({ browser, url: app.url, users: demoUsers }), ...scoringLimitTests({ url: app.url, dataDir: data.dir }));

  tests.push({
    name: "an admin imports the UCI online retail orders file, then a broken copy is refused by line, and both are audited",
    run: () =>
      withPage(async (page) => {
        assert(existsSync(retailSample), `missing ${retailSample}`);
        await signIn(page, app.url, user("admin").email, user("admin").password);
        await page.goto(`${app.url}/data`);
        await page.locator('select[name="kind"]').selectOption("orders");
        await page.locator('input[type="file"]').setInputFiles(retailSample);
        await page.getByRole("button", { name: "Import", exact: true }).click();
        const status = page.getByRole("status");
        await status.waitFor({ timeout: 60_000 });
        const summary = await status.innerText();
        assert(/Imported/.test(summary), `unexpected import result: ${summary}`);

        // Line 3 of the file gets a quantity that is not a number: the whole file must be refused, naming line 3.
        const lines = readFileSync(retailSample, "utf8").split("\n");
        lines[2] = lines[2]!.replace(/,(-?\d+),"/, ',"lots","');
        const broken = path.join(data.dir, "broken_orders.csv");
        writeFileSync(broken, lines.join("\n"));
        await page.locator('input[type="file"]').setInputFiles(broken);
        await page.getByRole("button", { name: "Import", exact: true }).click();
        const alert = page.getByRole("alert").filter({ hasText: "Import refused" });
        await alert.waitFor({ timeout: 60_000 });
        const rows = await page.getByTestId("import-errors").locator("tbody tr").allInnerTexts();
        assert(rows.some((r) => r.startsWith("3\t") || r.startsWith("3 ")), `expected an error on line 3, got ${rows.slice(0, 3).join(" | ")}`);

        await page.goto(`${app.url}/audit?action=data.import`);
        const audit = await page.getByTestId("audit-table").innerText();
        assert(audit.includes("data.import.refused") && /data\.import\b/.test(audit), `audit log lacks the imports: ${audit.slice(0, 300)}`);
        assert(audit.includes(user("admin").email), "audit entries should name the admin");

        await page.goto(`${app.url}/audit?action=auth.sign_in&actor=${encodeURIComponent(user("viewer").email)}`);
        const signIns = await page.getByTestId("audit-table").innerText();
        assert(signIns.includes("auth.sign_in"), "the viewer's earlier sign-in should be in the audit log");
      }),
  });

  tests.push({
    name: "a planner sees a stockout exception, overrides a week with a reason, approves, and sees the order suggestion and the audit entry",
    run: () =>
      withPage(async (page) => {
        await signIn(page, app.url, user("planner").email, user("planner").password);
        // The worker trains and publishes the forecast after start-up: wait for the list.
        const table = page.getByTestId("forecast-table");
        for (let tries = 0; !(await table.isVisible()); tries++) {
          assert(tries < 90, "the forecast list never appeared");
          await page.goto(`${app.url}/forecasts?exception=stockout`);
          if (!(await table.isVisible())) await page.waitForTimeout(2000);
        }
        const row = table.locator("tbody tr").filter({ hasText: bestSeller.sku });
        await row.getByText("Stockout risk").first().waitFor();
        await row.getByRole("link", { name: bestSeller.sku }).click();
        await page.getByRole("heading", { name: new RegExp(bestSeller.sku) }).waitFor();

        const week = (await page.getByLabel(/^Units for week /).first().getAttribute("id"))!;
        const weekLabel = (await page.locator(`label[for="${week}"]`).innerText()).replace("Units for week ", "").trim();
        await page.getByLabel(`Units for week ${weekLabel}`).fill("42");
        await page.getByLabel(`Reason for week ${weekLabel}`).selectOption("promotion");
        await page.getByRole("button", { name: `Override ${weekLabel}` }).click();
        await page.getByTestId("plan-status").filter({ hasText: "open" }).waitFor();
        await page.getByText("version 2").waitFor({ timeout: 15_000 });

        await page.getByRole("button", { name: "Approve plan" }).click();
        const approved = page.getByTestId("approved-plan");
        await approved.waitFor({ timeout: 15_000 });
        const order = await approved.innerText();
        assert(/Order quantity\s+[1-9][\d,]* units/.test(order), `expected a positive order suggestion for a product with no stock, got ${order}`);

        await page.goto(`${app.url}/forecasts/plans`);
        const plans = await page.getByTestId("plans-table").innerText();
        assert(plans.includes(bestSeller.sku), `approved plans lack ${bestSeller.sku}: ${plans.slice(0, 200)}`);

        // The audit log is an admin area: the planner's decisions are there under their name.
        const admin = await browser.newContext();
        try {
          const adminPage = await admin.newPage();
          await signIn(adminPage, app.url, user("admin").email, user("admin").password);
          await adminPage.goto(`${app.url}/audit?action=forecast.`);
          const audit = await adminPage.getByTestId("audit-table").innerText();
          assert(audit.includes("forecast.override") && audit.includes("forecast.approve"), `audit lacks the planner's decisions: ${audit.slice(0, 300)}`);
          assert(audit.includes(user("planner").email), "the audit entries should name the planner");
        } finally {
          await admin.close();
        }
      }),
  });

  tests.push({
    name: "an admin starts a training job on the Models page, watches its progress, and cancels it; another finishes and is promoted",
    run: () =>
      withPage(async (page) => {
        await signIn(page, app.url, user("admin").email, user("admin").password);
        await page.goto(`${app.url}/models?task=fraud`);
        await page.getByTestId("backend").getByText(/wasm|tensorflow|cpu/).first().waitFor();
        await page.getByTestId("train-fraud").click();
        const job = page.getByTestId("jobs").locator("li").first();
        await job.getByRole("progressbar").waitFor({ timeout: 60_000 });
        await job.getByText(/epoch \d+/).waitFor({ timeout: 60_000 });
        await job.getByRole("button", { name: "Cancel" }).click();
        await job.getByTestId("job-status").filter({ hasText: "cancelled" }).waitFor({ timeout: 60_000 });

        await page.getByTestId("train-sentiment").click();
        await page.goto(`${app.url}/models?task=sentiment`);
        await page.getByTestId("promote-sentiment-1").waitFor({ timeout: 120_000 });
        await page.getByTestId("promote-sentiment-1").click();
        await page.getByTestId("versions-sentiment").getByText("champion").waitFor({ timeout: 30_000 });
      }),
  });

  // After the Models test above has promoted the first sentiment model: the reviews tests use its scores.
  tests.push(...reviewTests({ browser, url: app.url, dbFile: path.join(data.dir, "storefront.db"), users: demoUsers }));
  tests.push(...importTests({ browser, url: app.url, admin: user("admin"), dataDir: data.dir }));

  // Pricing. The train job is queued when this test starts, not before the others: the worker takes jobs oldest
  // first, and a pricing fit queued at start-up would hold up the planner's forecast and the admin's training job.
  const dbFile = path.join(data.dir, "storefront.db");
  {
    const check = openDb(dbFile);
    const withCost = check.$client.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM products WHERE cost_cents IS NOT NULL").get()!.n;
    check.$client.close();
    assert(withCost >= 2, `the demo store at scale 0.03 should have at least two products with a cost, got ${withCost}`);
  }
  const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

  tests.push({
    name: "a merchandiser runs a what-if, is refused a price below the margin floor, approves a small change, and sees it in the price history and the audit log",
    run: () =>
      withPage(async (page) => {
        const queue = openDb(dbFile);
        enqueueJob(queue, { kind: "train", task: "pricing", createdBy: null, params: { promoteIfNoChampion: true } });
        queue.$client.close();

        const merch = user("merchandiser");
        await signIn(page, app.url, merch.email, merch.password);
        // The worker trains the pricing model, promotes it as the first champion and publishes: wait for the list.
        const table = page.getByTestId("pricing-table");
        const deadline = Date.now() + 12 * 60_000;
        while (!(await table.isVisible())) {
          assert(Date.now() < deadline, "the price recommendations never appeared");
          const probe = openDb(dbFile, { migrate: false });
          const failed = probe.$client.prepare<[], { kind: string; error: string | null }>("SELECT kind, error FROM jobs WHERE task = 'pricing' AND status = 'failed' LIMIT 1").get();
          probe.$client.close();
          assert(!failed, `the pricing ${failed?.kind} job failed: ${failed?.error}`);
          await page.goto(`${app.url}/pricing`);
          if (!(await table.isVisible())) await page.waitForTimeout(3000);
        }

        // Deterministic picks from the published run: A (what-if and the refused adjustment) is the first SKU with a
        // cost; B (approved) is the smallest change under the second-approval threshold, so one approval decides it.
        const pick = openDb(dbFile, { migrate: false });
        const settings = pick.$client.prepare<[], { minMarginPct: number | null; secondApprovalPct: number }>("SELECT min_margin_pct AS minMarginPct, second_approval_pct AS secondApprovalPct FROM pricing_settings WHERE id = 1").get() ?? {
          minMarginPct: 10,
          secondApprovalPct: 15,
        };
        type Pick = { productId: number; sku: string; costCents: number; currentCents: number; recommendedCents: number; changePct: number };
        const candidates = pick.$client
          .prepare<[], Pick>(
            `SELECT r.product_id AS productId, p.sku, r.cost_cents AS costCents, r.current_price_cents AS currentCents, r.recommended_price_cents AS recommendedCents,
                    ABS(r.recommended_price_cents - r.current_price_cents) * 100.0 / r.current_price_cents AS changePct
               FROM price_recommendations r JOIN products p ON p.id = r.product_id
              WHERE r.run_id = (SELECT MAX(id) FROM price_runs) AND r.status = 'pending' AND r.cost_cents IS NOT NULL
                AND (r.bound_by IS NULL OR r.bound_by <> 'conflict')
              ORDER BY p.sku`,
          )
          .all();
        pick.$client.close();
        const a = candidates[0];
        const b = candidates.filter((c) => c.productId !== a?.productId).sort((x, y) => x.changePct - y.changePct || x.sku.localeCompare(y.sku))[0];
        assert(a && b, `expected two pending recommendations with a cost, got ${candidates.length}`);
        assert(b.changePct <= settings.secondApprovalPct, `the smallest change (${b.sku}, ${b.changePct.toFixed(1)} %) needs a second approval`);
        const margin = (settings.minMarginPct ?? 10) / 100;
        const belowFloor = Math.max(1, Math.floor((a.costCents / (1 - margin)) - 5));

        await page.goto(`${app.url}/pricing?q=${encodeURIComponent(a.sku)}`);
        await table.getByRole("link", { name: a.sku, exact: true }).click();
        await page.getByRole("heading", { name: new RegExp(a.sku) }).waitFor();
        await page.getByTestId("demand-curve").waitFor();

        // What-if at the recommended price, then a price far outside the curve.
        await page.getByLabel("What-if price").fill((a.recommendedCents / 100).toFixed(2));
        await page.getByRole("button", { name: "Calculate" }).click();
        const whatIf = await page.getByTestId("what-if-result").innerText();
        assert(/Units \/ wk\s+[\d.,]+/.test(whatIf) && /Revenue \/ wk\s+\$[\d,.]+/.test(whatIf) && /Profit \/ wk\s+-?\$[\d,.]+/.test(whatIf), `what-if lacks units, revenue or profit: ${whatIf}`);
        await page.getByLabel("What-if price").fill("99999");
        await page.getByRole("button", { name: "Calculate" }).click();
        await page.getByTestId("what-if").getByRole("alert").filter({ hasText: "choose a price in that range" }).waitFor();

        // An adjustment below the margin floor is refused by the server, naming the floor.
        await page.getByLabel("Adjusted price", { exact: true }).fill((belowFloor / 100).toFixed(2));
        await page.getByLabel("Reason", { exact: true }).fill("Match a flash sale");
        await page.getByRole("button", { name: "Adjust and approve" }).click();
        const refusal = await page.getByTestId("decision-panel").getByRole("alert").innerText();
        assert(/Margin .* below the .* floor/.test(refusal), `expected a margin floor refusal, got: ${refusal}`);
        assert((await page.getByTestId("recommendation-status").innerText()).trim() === "pending", "a refused adjustment must leave the recommendation pending");

        // B: approve at the recommended price; it becomes the price at once, in the history with the approver.
        await page.goto(`${app.url}/pricing/${b.productId}`);
        await page.getByRole("button", { name: "Approve", exact: true }).click();
        await page.getByTestId("recommendation-status").filter({ hasText: "approved" }).waitFor({ timeout: 15_000 });
        const history = await page.getByTestId("price-history").locator("tbody tr").allInnerTexts();
        const approvedRow = history.find((r) => r.includes("approved") && r.includes(usd.format(b.recommendedCents / 100)));
        assert(approvedRow?.includes(merch.email), `price history lacks the approved ${usd.format(b.recommendedCents / 100)} by ${merch.email}: ${history.slice(0, 3).join(" | ")}`);

        const admin = await browser.newContext();
        try {
          const adminPage = await admin.newPage();
          await signIn(adminPage, app.url, user("admin").email, user("admin").password);
          await adminPage.goto(`${app.url}/audit?action=pricing`);
          const audit = await adminPage.getByTestId("audit-table").innerText();
          assert(/pricing\.approve\b/.test(audit) && audit.includes(merch.email), `audit lacks the merchandiser's approval: ${audit.slice(0, 300)}`);
        } finally {
          await admin.close();
        }
      }),
  });

  // Fraud. Like pricing, the train job is queued when this test starts, so it holds up no earlier test. Its
  // promotion would score only the last 30 days (about 100 payments and 2 cases on this small store); a score job
  // over the whole history, queued right behind the train job, gives the queue some 30 cases to work.
  tests.push({
    name: "a risk analyst works three cases by keyboard, a colleague's stale tab is refused with who decided, and the admin sees the decisions in the audit log",
    run: async () => {
      const setup = openDb(dbFile);
      const trainJob = enqueueJob(setup, { kind: "train", task: "fraud", createdBy: null, params: { promoteIfNoChampion: true } });
      enqueueJob(setup, { kind: "score", task: "fraud", createdBy: null, params: { windowDays: 3650 } });
      setup.$client.close();

      const risk = user("risk_analyst");
      const risk2 = demoUsers.find((u) => u.email === "risk2@demo.store")!;
      const first = await browser.newContext();
      const second = await browser.newContext();
      try {
        const page = await first.newPage();
        await signIn(page, app.url, risk.email, risk.password);
        // The worker trains the fraud model, promotes it as the first champion and scores the payments: wait for the queue.
        const queue = page.getByTestId("fraud-queue");
        const deadline = Date.now() + 12 * 60_000;
        while (!(await queue.isVisible())) {
          assert(Date.now() < deadline, "the fraud queue never filled");
          const probe = openDb(dbFile, { migrate: false });
          const failed = probe.$client.prepare<[number], { kind: string; error: string | null }>("SELECT kind, error FROM jobs WHERE task = 'fraud' AND status = 'failed' AND id >= ? LIMIT 1").get(trainJob.id);
          probe.$client.close();
          assert(!failed, `the fraud ${failed?.kind} job failed: ${failed?.error}`);
          await page.goto(`${app.url}/fraud`);
          if (!(await queue.isVisible())) await page.waitForTimeout(3000);
        }
        const hrefs = await queue.locator('tbody a[href^="/fraud/cases/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
        assert(hrefs.length >= 4, `expected at least 4 cases in the queue, got ${hrefs.length}`);
        const ids = hrefs.slice(0, 4).map((h) => Number(/\/fraud\/cases\/(\d+)/.exec(h)?.[1]));
        const [c1, c2, c3, c4] = ids as [number, number, number, number];
        const atCase = (id: number) => new RegExp(`/fraud/cases/${id}(\\?|$)`);
        const claimStatus = (p: import("playwright-core").Page) => p.getByTestId("claim-status");

        // The colleague opens the second case first (claiming it), then gives it back; the tab stays open, at version 1.
        const stale = await second.newPage();
        await signIn(stale, app.url, risk2.email, risk2.password);
        await stale.goto(`${app.url}${hrefs[1]}`);
        await claimStatus(stale).getByText("You hold this case").waitFor({ timeout: 15_000 });
        await stale.getByRole("button", { name: "Release", exact: true }).click();
        await claimStatus(stale).getByText("You released this case").waitFor({ timeout: 15_000 });

        // The analyst works the queue from its first case: l, then f with a note, then e with a note.
        await page.goto(`${app.url}${hrefs[0]}`);
        await page.getByTestId("shortcut-legend").waitFor();
        await claimStatus(page).getByText("You hold this case").waitFor({ timeout: 15_000 });
        await page.keyboard.press("l");
        await page.waitForURL(atCase(c2), { timeout: 15_000 });

        await claimStatus(page).getByText("You hold this case").waitFor({ timeout: 15_000 });
        await page.keyboard.press("f");
        // No note yet: the key puts the cursor in the note and says how to finish.
        await page.getByText("Add a note (at least 3 characters)").waitFor();
        assert(await page.getByLabel("Note", { exact: true }).evaluate((el) => el === document.activeElement), "f without a note should focus the note");
        await page.keyboard.type("Card country differs from the IP country; new device");
        await page.keyboard.press("Control+Enter");
        await page.waitForURL(atCase(c3), { timeout: 15_000 });

        await claimStatus(page).getByText("You hold this case").waitFor({ timeout: 15_000 });
        await page.keyboard.press("e");
        await page.keyboard.type("Large first order, ask the customer");
        await page.keyboard.press("Escape");
        await page.keyboard.press("e");
        await page.waitForURL(atCase(c4), { timeout: 15_000 });

        const check = openDb(dbFile, { migrate: false });
        const statusOf = (id: number) => check.$client.prepare<[number], { status: string; note: string | null; version: number }>("SELECT status, note, version FROM fraud_cases WHERE id = ?").get(id);
        const decided = [statusOf(c1), statusOf(c2), statusOf(c3)];
        check.$client.close();
        assert(decided[0]?.status === "legitimate" && decided[1]?.status === "fraud" && decided[2]?.status === "escalated", `expected legitimate, fraud, escalated; got ${JSON.stringify(decided)}`);
        assert(decided[1]?.note?.startsWith("Card country differs") && decided[2]?.note?.startsWith("Large first order"), `the notes were not saved: ${JSON.stringify(decided)}`);

        // The colleague's tab still shows version 1 of the second case: deciding there is refused, naming who decided what.
        await stale.getByRole("button", { name: "Mark legitimate" }).click();
        const refusal = stale.getByTestId("case-workbench").getByRole("alert");
        await refusal.waitFor({ timeout: 15_000 });
        const message = await refusal.innerText();
        assert(message.includes(`${risk.email} decided this case as fraud`), `expected a conflict naming ${risk.email}, got: ${message}`);
        const after = openDb(dbFile, { migrate: false });
        const unchanged = after.$client.prepare<[number], { status: string; version: number }>("SELECT status, version FROM fraud_cases WHERE id = ?").get(c2);
        after.$client.close();
        assert(unchanged?.status === "fraud" && unchanged.version === decided[1]?.version, `the stale decision changed the case: ${JSON.stringify(unchanged)}`);
      } finally {
        await first.close();
        await second.close();
      }

      await withPage(async (adminPage) => {
        await signIn(adminPage, app.url, user("admin").email, user("admin").password);
        await adminPage.goto(`${app.url}/audit?action=fraud&actor=${encodeURIComponent(risk.email)}`);
        const audit = await adminPage.getByTestId("audit-table").innerText();
        assert(/fraud\.case\.decide\b/.test(audit) && audit.includes("fraud.case.escalate") && audit.includes(risk.email), `audit lacks the analyst's decisions: ${audit.slice(0, 300)}`);
      });
    },
  });

  // After fraud scoring: the rule edit leaves an active amount rule behind.
  tests.push(guardrailConflictTest({ browser, url: app.url, dbFile, users: demoUsers }), ruleEditTest({ browser, url: app.url, dbFile, users: demoUsers }));
  // Last: its training job is queued when it starts, behind nothing the earlier tests wait for.
  tests.push(...recommendationTests({ browser, url: app.url, dbFile, users: demoUsers }));

  // E2E_FILTER=text runs only the tests whose name contains it (the setup above still runs).
  const only = process.env.E2E_FILTER?.toLowerCase();
  const selected = only ? tests.filter((t) => t.name.toLowerCase().includes(only)) : tests;

  let result = { passed: 0, failed: selected.length };
  try {
    result = await runTests(
      selected.map((t) => ({
        name: t.name,
        run: async () => {
          cspChecks.length = 0;
          await t.run();
          for (const check of cspChecks) check();
        },
      })),
    );
  } finally {
    await browser.close();
    app.stop();
    worker.stop();
    data.cleanup();
  }
  console.log(`\nbrowser tests: ${result.passed} passed, ${result.failed} failed`);
  if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, JSON.stringify(result));
  process.exit(result.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, JSON.stringify({ passed: 0, failed: 1 }));
  process.exit(1);
});
