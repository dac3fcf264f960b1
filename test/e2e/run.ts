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
import { hashPassword } from "../../lib/auth/password";
import { enqueueJob } from "../../lib/jobs/queue";
import { guardrailConflictTest, ruleEditTest } from "./guardrails-and-rules";
import { importTests } from "./imports";
import { recommendationTests } from "./recommendations";
import { reviewTests } from "./reviews";
import { assert, freePort, inNewContext, launchBrowser, runTests, signIn, startApp, startWorker, tempDataDir, type E2eTest, type SuiteContext } from "./harness";
import { forecastTests } from "./forecasts";
import { accessibilityTests } from "./accessibility";
import { fraudTests } from "./fraud";
import { fraudPhoneTests } from "./fraud-phone";
import { chineseTests } from "./chinese";
import { inboxTests } from "./inbox";
import { modelTests } from "./models";
import { pricingTests } from "./pricing";
import { roleTests } from "./roles";
import { scoringLimitTests } from "./scoring-limits";
import { failOnCspViolations, securityTests } from "./security";

// A CC BY 4.0 slice of the UCI Online Retail sample that the repository owns (test/fixtures/datasets/README.md).
const retailSample = path.resolve(process.cwd(), "test/fixtures/datasets/online_retail_slice.csv");

async function main() {
  const data = tempDataDir();
  const db = openDb(path.join(data.dir, "storefront.db"));
  await seedDemoStore(db, { scale: 0.03 });
  await seedDemoUsers(db, hashPassword);
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
  const dbFile = path.join(data.dir, "storefront.db");
  const suite: SuiteContext = { browser, url: app.url, dbFile, dataDir: data.dir, users: demoUsers, user, withPage, bestSeller };

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

  tests.push(...roleTests(suite));


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

  tests.push(...forecastTests(suite), ...modelTests(suite));

  // After the Models test above has promoted the first sentiment model: the reviews tests use its scores.
  tests.push(...reviewTests({ browser, url: app.url, dbFile, users: demoUsers }));
  tests.push(...importTests({ browser, url: app.url, admin: user("admin"), dataDir: data.dir }));

  tests.push(...pricingTests(suite));

  tests.push(...fraudTests(suite));
  tests.push(...fraudPhoneTests(suite));
  tests.push(...chineseTests(suite));

  // After fraud scoring: the rule edit leaves an active amount rule behind.
  tests.push(guardrailConflictTest({ browser, url: app.url, dbFile, users: demoUsers }), ruleEditTest({ browser, url: app.url, dbFile, users: demoUsers }));
  // Last: its training job is queued when it starts, behind nothing the earlier tests wait for.
  tests.push(...recommendationTests({ browser, url: app.url, dbFile, users: demoUsers }));
  tests.push(...inboxTests(suite)); // "My work" last: it clears items the tests above created

  tests.push(...accessibilityTests(suite)); // last: every page, once the models have filled them
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
