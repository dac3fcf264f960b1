/**
 * The planner's flow: a stockout exception, an override with a reason, approval, the order suggestion and the audit entry.
 */
import { assert, signIn, type E2eTest, type SuiteContext } from "./harness";

export function forecastTests(ctx: SuiteContext): E2eTest[] {
  const app = { url: ctx.url };
  const { browser, user, withPage } = ctx;
  const tests: E2eTest[] = [];
  const { bestSeller } = ctx;
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
  return tests;
}
