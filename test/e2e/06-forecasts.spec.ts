/**
 * The planner's flow: a stockout exception, an override saved from the weekly grid with a reason, the adjusted
 * forecast on the chart, approval and the order suggestion, the approved plan locked until it is reopened with a
 * reason, the audit entries, and the forecast pages fitting a phone's width.
 */
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

const PHONE = { width: 390, height: 844 };

/**
 * Runs in the page: the document's width and the outermost elements reaching past `limit` outside any scrolling
 * container (where the layout breaks; their children only follow them). A string, not a function: tsx's transform would add helpers the page lacks.
 */
const widthProbe = (limit: number) => `(() => {
  // Clipped by a scrolling box: an absolutely positioned element is clipped only when that box (or an element
  // inside it) is its containing block, so one escaping it (an sr-only label in a table cell) still counts.
  const clipped = (e) => {
    let escapes = getComputedStyle(e).position === "absolute";
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position !== "static") escapes = false;
      if (style.overflowX !== "visible" && !escapes) return true;
    }
    return false;
  };
  const name = (e) => e.tagName.toLowerCase() + "." + String(e.getAttribute("class") || "").split(" ").slice(0, 4).join(".");
  const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > ${limit} + 1 && !clipped(e));
  const outer = wide.filter((e) => !wide.includes(e.parentElement)).map((e) => name(e) + " (" + Math.round(e.getBoundingClientRect().right) + " px)");
  // Text that runs out of its box (a long word, nowrap) widens the page without widening any element.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && texts.length < 3; n = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    const right = range.getBoundingClientRect().right;
    if (right > ${limit} + 1 && n.parentElement && !clipped(n.parentElement) && !wide.includes(n.parentElement)) texts.push("text " + JSON.stringify(n.textContent.slice(0, 40)) + " in " + name(n.parentElement) + " (" + Math.round(right) + " px)");
  }
  return { width: document.documentElement.scrollWidth, culprits: [...outer.slice(0, 5), ...texts] };
})()`;

/** Opens each page at a phone's width and fails naming the widest elements of any page wider than the viewport. */
async function assertFitsPhone(browser: Browser, baseUrl: string, login: { email: string; password: string }, paths: string[]): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    await signIn(page, baseUrl, login.email, login.password);
    const tooWide: string[] = [];
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator("main").waitFor();
      const { width, culprits } = (await page.evaluate(widthProbe(PHONE.width))) as { width: number; culprits: string[] };
      if (width > PHONE.width) tooWide.push(`${path}: ${width} px wide; ${culprits.join(", ")}`);
    }
    expect(tooWide.length === 0, `pages wider than a ${PHONE.width} px phone:\n${tooWide.join("\n")}`).toBeTruthy();
  } finally {
    await context.close();
  }
}

test("a planner sees a stockout exception, overrides a week from the grid, approves, reopens with a reason, and the forecast pages fit a phone", async ({ suite }) => {
  const app = { url: suite.url };
  const { browser, user, withPage, bestSeller } = suite;
  await withPage(async (page) => {
    await signIn(page, app.url, user("planner").email, user("planner").password);
    // The worker trains and publishes the forecast after start-up: wait for the list.
    const table = page.getByTestId("forecast-table");
    for (let tries = 0; !(await table.isVisible()); tries++) {
      expect(tries < 90, "the forecast list never appeared").toBeTruthy();
      await page.goto(`${app.url}/forecasts?exception=stockout`);
      if (!(await table.isVisible())) await page.waitForTimeout(2000);
    }
    const row = table.locator("tbody tr").filter({ hasText: bestSeller.sku });
    await row.getByText("Stockout risk").first().waitFor();
    await row.getByRole("link", { name: bestSeller.sku }).click();
    await page.getByRole("heading", { name: new RegExp(bestSeller.sku) }).waitFor();
    const productUrl = page.url();

    // One grid, one row per week; a filled units cell asks for a reason, and one button saves every changed week.
    const grid = page.getByTestId("override-grid");
    const weekLabel = (await grid.locator("tbody th").first().innerText()).trim();
    // The week reads as a day in the reader's format ("Mar 4, 2024"), and the row's inputs are named after it.
    expect(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/.test(weekLabel), `the grid's first row should name its week, got ${weekLabel}`).toBeTruthy();
    expect((await page.getByRole("button", { name: /^Override / }).count()) === 0, "the per-week override forms should be gone").toBeTruthy();
    const secondWeek = (await grid.locator("tbody th").nth(1).innerText()).trim();
    await page.getByLabel(`Units for week ${weekLabel}`).fill("42");
    await page.getByLabel(`Reason for week ${weekLabel}`).selectOption("promotion");
    // One bad week refuses the whole save, with the message beside that week and nothing written.
    await page.getByLabel(`Units for week ${secondWeek}`).fill("-5");
    await page.getByLabel(`Reason for week ${secondWeek}`).selectOption("event");
    await page.getByRole("button", { name: "Save overrides" }).click();
    await page.getByText("Nothing was saved").waitFor({ timeout: 15_000 });
    const badRow = await grid.locator("tbody tr").nth(1).innerText();
    expect(badRow.includes("Units cannot be negative"), `the negative week should say why beside it: ${badRow}`).toBeTruthy();
    expect(await page.getByLabel(`Units for week ${secondWeek}`).getAttribute("aria-invalid"), "the negative week's units should be marked invalid").toBeTruthy();
    expect((await page.getByText("version 1").count()) > 0, "a refused save should leave the plan at version 1").toBeTruthy();
    await page.getByLabel(`Units for week ${secondWeek}`).fill("");
    await page.getByRole("button", { name: "Save overrides" }).click();
    await page.getByTestId("plan-status").filter({ hasText: "open" }).waitFor();
    await page.getByText("version 2").waitFor({ timeout: 15_000 });
    // The chart draws the adjusted forecast as its own line, named in the legend.
    await page.getByTestId("forecast-chart").getByText("adjusted P50 (overrides applied)").waitFor();
    const inForce = await grid.locator("tbody tr").first().innerText();
    expect(inForce.includes("42") && inForce.includes("Promotion"), `the week's override in force should show 42 (Promotion): ${inForce}`).toBeTruthy();

    await page.getByRole("button", { name: "Approve plan" }).click();
    const approved = page.getByTestId("approved-plan");
    await approved.waitFor({ timeout: 15_000 });
    const order = await approved.innerText();
    expect(/Order quantity\s+[1-9][\d,]* units/.test(order), `expected a positive order suggestion for a product with no stock, got ${order}`).toBeTruthy();

    // Approved: the grid is read-only, with no save, until the plan is reopened.
    await page.getByRole("button", { name: "Reopen", exact: true }).waitFor();
    expect((await page.getByLabel(/^Units for week /).count()) === 0, "an approved plan's weeks should not be editable").toBeTruthy();
    expect((await page.getByRole("button", { name: "Save overrides" }).count()) === 0, "an approved plan should offer no save").toBeTruthy();

    await page.goto(`${app.url}/forecasts/plans`);
    const plans = await page.getByTestId("plans-table").innerText();
    expect(plans.includes(bestSeller.sku), `approved plans lack ${bestSeller.sku}: ${plans.slice(0, 200)}`).toBeTruthy();

    // While a plan is approved the plans page has rows: the phone check sees every forecast page filled.
    await assertFitsPhone(browser, app.url, user("planner"), ["/forecasts", "/forecasts/plans", "/forecasts/value-added", new URL(productUrl).pathname]);

    // Reopening asks why: too short a reason cannot be sent; a real one reopens the plan at a new version.
    await page.goto(productUrl);
    await page.getByRole("button", { name: "Reopen", exact: true }).click();
    const reason = page.getByLabel(/^Reason for reopening/);
    await reason.fill("ok");
    expect(await page.getByRole("button", { name: "Reopen plan" }).isDisabled(), "a two-letter reason should not reopen the plan").toBeTruthy();
    await reason.fill("Supplier moved the launch by two weeks");
    await page.getByRole("button", { name: "Reopen plan" }).click();
    await page.getByTestId("plan-status").filter({ hasText: "open" }).waitFor({ timeout: 15_000 });
    await page.getByText("version 4").waitFor({ timeout: 15_000 });
    await page.getByLabel(`Units for week ${weekLabel}`).waitFor();
    expect((await page.getByTestId("approved-plan").count()) === 0, "a reopened plan should no longer show approved quantities").toBeTruthy();
    // Open again, the grid's units, reason and note cells are back: the product page must still fit a phone.
    await assertFitsPhone(browser, app.url, user("planner"), [new URL(productUrl).pathname]);

    // The audit log is an admin area: the planner's decisions are there under their name, the reopen with its reason.
    const admin = await browser.newContext();
    try {
      const adminPage = await admin.newPage();
      await signIn(adminPage, app.url, user("admin").email, user("admin").password);
      await adminPage.goto(`${app.url}/audit?action=forecast.`);
      const audit = await adminPage.getByTestId("audit-table").innerText();
      for (const action of ["forecast.override", "forecast.approve", "forecast.reopen"]) expect(audit.includes(action), `audit lacks ${action}: ${audit.slice(0, 400)}`).toBeTruthy();
      // textContent: the entry's before/after may sit in a closed <details>, which innerText leaves out.
      const details = (await adminPage.getByTestId("audit-table").textContent()) ?? "";
      expect(details.includes("Supplier moved the launch by two weeks"), "the reopen entry should carry its reason").toBeTruthy();
      expect(audit.includes(user("planner").email), "the audit entries should name the planner").toBeTruthy();
    } finally {
      await admin.close();
    }
  });
});
