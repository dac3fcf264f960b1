/**
 * The risk analyst on a phone (390 x 844): the queue's first case shows its score, reason and due time in the first
 * screenful, opens, and is decided with a note; no fraud page is wider than the screen. Runs after 11-fraud.spec.ts,
 * whose jobs fill the queue (`npx playwright test -g "risk analyst"` runs both).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

const PHONE = { width: 390, height: 844 };

/** The page's width against the screen's, naming the widest elements that stick out when it is too wide. */
async function overflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate((width) => {
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  }, PHONE.width);
}

async function assertFits(page: Page, what: string) {
  const { scrollWidth, culprits } = await overflow(page);
  expect(scrollWidth <= PHONE.width, `${what} is ${scrollWidth} px wide on a ${PHONE.width} px screen: ${culprits.join(", ")}`).toBeTruthy();
}

/** Screenshots for a person to look at, only when E2E_SHOTS names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test("a risk analyst works the queue on a phone: the first case's score and reason at once, decided with a note, and no fraud page wider than the screen", async ({ suite }) => {
  const { browser, dbFile, url } = suite;
  const analyst = suite.users.find((u) => u.email === "risk2@demo.store")!;
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await signIn(page, url, analyst.email, analyst.password);
    await page.goto(`${url}/fraud`);
    const firstCard = page.getByTestId("queue-card").first();
    await firstCard.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error("no case in the phone queue: this test runs after the fraud queue test, which fills it");
    });
    await shot(page, "phone-queue");

    // The first case, with its score, reason and due time, is in the first screenful, without scrolling.
    expect((await page.evaluate(() => window.scrollY)) === 0, "the queue should open at the top").toBeTruthy();
    const box = await firstCard.boundingBox();
    expect(box !== null && box.y >= 0 && box.y + box.height <= PHONE.height, `the first case should be in the first ${PHONE.height} px, it spans ${box?.y}-${box ? box.y + box.height : "?"}`).toBeTruthy();
    const card = await firstCard.innerText();
    expect(/Score\s*\d\.\d\d/.test(card), `the first card shows no score: ${card}`).toBeTruthy();
    expect(/due in|overdue/.test(card), `the first card shows no due time: ${card}`).toBeTruthy();
    const reason = (await firstCard.getByTestId("queue-card-reason").innerText()).trim();
    expect(reason.length > 3 && (await firstCard.getByTestId("queue-card-reason").isVisible()), `the first card shows no reason: "${reason}"`).toBeTruthy();
    // The filters wait behind a button until asked for.
    const filters = page.getByRole("search", { name: "Filter cases" });
    expect(!(await filters.isVisible()), "the filters should be collapsed on a phone").toBeTruthy();
    const toggle = page.getByRole("button", { name: /^Filters/ });
    await toggle.click();
    await filters.waitFor();
    expect((await toggle.getAttribute("aria-expanded")) === "true", "the filters button should say it is expanded").toBeTruthy();
    await toggle.click();
    await assertFits(page, "the queue");

    // Open the first case and decide it with a note.
    const href = (await firstCard.getByRole("link").first().getAttribute("href")) ?? "";
    const caseId = Number(/\/fraud\/cases\/(\d+)/.exec(href)?.[1]);
    expect(caseId > 0, `the first card links nowhere: ${href}`).toBeTruthy();
    await firstCard.getByRole("link").first().click();
    await page.waitForURL(new RegExp(`/fraud/cases/${caseId}(\\?|$)`), { timeout: 15_000 });
    await page.getByTestId("case-workbench").waitFor();
    await page.getByTestId("claim-status").getByText("Nobody holds this case").waitFor({ timeout: 15_000 });
    await assertFits(page, "the case page");
    await shot(page, "phone-case");
    await page.getByLabel("Note", { exact: true }).fill("Checked on the phone: same device as two chargebacks");
    await page.getByRole("button", { name: "Confirm fraud" }).click();
    // The "done" line shows only until the next case opens, which can be at once: wait for the navigation itself.
    await page.waitForURL((u) => !u.pathname.endsWith(`/fraud/cases/${caseId}`), { timeout: 15_000 });

    const db = openDb(dbFile, { migrate: false });
    const decided = db.$client.prepare<[number], { status: string; note: string | null; assignee: number | null }>("SELECT status, note, assignee_id AS assignee FROM fraud_cases WHERE id = ?").get(caseId);
    db.$client.close();
    expect(decided?.status === "fraud" && decided.note?.startsWith("Checked on the phone") && decided.assignee === null, `the phone decision was not saved: ${JSON.stringify(decided)}`).toBeTruthy();

    // The other fraud pages fit the phone too.
    for (const [path_, what] of [
      ["/fraud/threshold", "the threshold page"],
      ["/fraud/performance", "the performance page"],
      ["/fraud/rules", "the rules page"],
    ] as const) {
      await page.goto(`${url}${path_}`);
      await page.waitForLoadState("networkidle");
      await assertFits(page, what);
      await shot(page, `phone-${path_.split("/").pop()}`);
    }
    if (process.env.E2E_SHOTS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const p of ["/fraud/threshold", "/fraud/performance", "/fraud"]) {
        await page.goto(`${url}${p}`);
        await page.waitForLoadState("networkidle");
        await shot(page, `desktop-${p.split("/").pop()}`);
      }
    }
  } finally {
    await context.close();
  }
});
