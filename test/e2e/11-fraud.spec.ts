/**
 * The risk analyst's queue: the queue and three cases by keyboard (shortcuts only with focus in the decision panel, and
 * off when switched off), no claim left behind by opening or paging, a colleague's stale tab refused naming who
 * decided, the decisions in the audit log.
 */
import { count, eq, isNotNull } from "drizzle-orm";
import { enqueueJob } from "../../lib/jobs/queue";
import { fraudCases, users } from "../../lib/schema";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";
import { failedJob, withStore } from "./store";

// Fraud. Like pricing, the train job is queued when this test starts, so it holds up no earlier test. Its
// promotion would score only the last 30 days (about 100 payments and 2 cases on this small store); a score job
// over the whole history, queued right behind the train job, gives the queue some 30 cases to work.
test("a risk analyst works three cases by keyboard, a colleague's stale tab is refused with who decided, and the admin sees the decisions in the audit log", async ({ suite }) => {
  const app = { url: suite.url };
  const { browser, user, withPage } = suite;
  const demoUsers = suite.users;
  const trainJob = await withStore(async (db) => {
    // A retry starts from a queue nobody holds (a failed try may have left its claim, which lapses only after 15 minutes).
    await db.update(fraudCases).set({ assigneeId: null, claimedAt: null }).where(isNotNull(fraudCases.assigneeId)).run();
    const train = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null, params: { promoteIfNoChampion: true } });
    await enqueueJob(db, { kind: "score", task: "fraud", createdBy: null, params: { windowDays: 3650 } });
    return train;
  });

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
      expect(Date.now() < deadline, "the fraud queue never filled").toBeTruthy();
      const failed = await failedJob("fraud", trainJob.id);
      expect(!failed, `the fraud ${failed?.kind} job failed: ${failed?.error}`).toBeTruthy();
      await page.goto(`${app.url}/fraud`);
      if (!(await queue.isVisible())) await page.waitForTimeout(3000);
    }
    const hrefs = await queue.locator('tbody a[href^="/fraud/cases/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length >= 4, `expected at least 4 cases in the queue, got ${hrefs.length}`).toBeTruthy();
    const ids = hrefs.slice(0, 4).map((h) => Number(/\/fraud\/cases\/(\d+)/.exec(h)?.[1]));
    const [c1, c2, c3, c4] = ids as [number, number, number, number];
    const atCase = (id: number) => new RegExp(`/fraud/cases/${id}(\\?|$)`);
    const claimStatus = (p: import("@playwright/test").Page) => p.getByTestId("claim-status");
    const workbench = (p: import("@playwright/test").Page) => p.getByTestId("case-workbench");
    const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute("href") ?? null);
    /** Cases the analyst holds, once the release beacons have landed (they are not awaited by the page). */
    const claimsHeldBy = async (email: string, settle = true) => {
      const held = () =>
        withStore(async (db) => (await db.select({ n: count() }).from(fraudCases).innerJoin(users, eq(users.id, fraudCases.assigneeId)).where(eq(users.email, email)).get())?.n ?? 0);
      const until = Date.now() + (settle ? 10_000 : 0);
      let n = await held();
      while (n > 0 && Date.now() < until) {
        await page.waitForTimeout(250);
        n = await held();
      }
      return n;
    };
    const statusOfCase = (id: number) =>
      withStore((db) => db.select({ status: fraudCases.status, assignee: fraudCases.assigneeId }).from(fraudCases).where(eq(fraudCases.id, id)).get());

    // The queue by keyboard: the skip link lands on the first case, J and K move between cases, Enter opens one.
    await page.getByRole("link", { name: "Skip to the first case" }).focus();
    await page.keyboard.press("Enter");
    expect((await focusedHref()) === hrefs[0], `the skip link should focus the first case, focus is on ${await focusedHref()}`).toBeTruthy();
    await page.keyboard.press("j");
    expect((await focusedHref()) === hrefs[1], `j should move to the second case, focus is on ${await focusedHref()}`).toBeTruthy();
    await page.keyboard.press("k");
    expect((await focusedHref()) === hrefs[0], `k should move back to the first case, focus is on ${await focusedHref()}`).toBeTruthy();
    await page.keyboard.press("Enter");
    await page.waitForURL(atCase(c1), { timeout: 15_000 });
    // Opening a case claims nothing.
    await claimStatus(page).getByText("Nobody holds this case").waitFor({ timeout: 15_000 });
    const opened = await statusOfCase(c1);
    expect(opened?.assignee === null, `opening case ${c1} claimed it: ${JSON.stringify(opened)}`).toBeTruthy();

    // Taking a case, then paging away with j, leaves no claim behind.
    await workbench(page).getByRole("button", { name: "Take case" }).click();
    await claimStatus(page).getByText("You hold this case").waitFor({ timeout: 15_000 });
    expect((await statusOfCase(c1))?.assignee !== null, "Take case should claim the case").toBeTruthy();
    // Paging away with j gives the claim back. (Shortcuts act with focus in the decision panel: on the next case's page
    // focus starts outside it, so further keys pressed at once would change nothing; the test used to press j, k, j, k.)
    await page.keyboard.press("j");
    await page.waitForURL(atCase(c2), { timeout: 15_000 });
    await page.waitForLoadState("networkidle");
    const leftBehind = await claimsHeldBy(risk.email);
    expect(leftBehind === 0, `paging away with j left ${leftBehind} claim(s) by ${risk.email} behind`).toBeTruthy();

    // The colleague opens the second case, takes it, then gives it back; the tab stays open, at version 1.
    const stale = await second.newPage();
    await signIn(stale, app.url, risk2.email, risk2.password);
    await stale.goto(`${app.url}${hrefs[1]}`);
    await workbench(stale).getByRole("button", { name: "Take case" }).click();
    await claimStatus(stale).getByText("You hold this case").waitFor({ timeout: 15_000 });
    await stale.getByRole("button", { name: "Release", exact: true }).click();
    await claimStatus(stale).getByText("You released this case").waitFor({ timeout: 15_000 });

    // A stray key with focus outside the decision panel decides nothing (WCAG 2.1.4) ...
    await page.goto(`${app.url}${hrefs[0]}`);
    await page.getByTestId("shortcut-legend").waitFor();
    await page.keyboard.press("l");
    await page.waitForTimeout(1000);
    const afterStray = await statusOfCase(c1);
    expect(afterStray?.status === "open" && atCase(c1).test(page.url()), `a stray l outside the panel decided case ${c1}: ${JSON.stringify(afterStray)}`).toBeTruthy();
    // ... nor inside it once the shortcuts are switched off, which this browser remembers across a reload.
    const shortcutsSwitch = workbench(page).getByRole("switch", { name: "Keyboard shortcuts" });
    await shortcutsSwitch.click();
    await page.reload();
    // Checked only once the page's script has read this browser's choice (the server renders the default, on).
    await workbench(page).getByRole("switch", { name: "Keyboard shortcuts", checked: false }).waitFor({ timeout: 10_000 });
    await workbench(page).getByRole("heading", { name: "Decision" }).click();
    await page.keyboard.press("l");
    await page.waitForTimeout(1000);
    expect((await statusOfCase(c1))?.status === "open", `l decided case ${c1} with the shortcuts off`).toBeTruthy();

    // The analyst works the queue from its first case by keyboard, focus in the panel: l, then f with a note, then e with a note.
    await shortcutsSwitch.click();
    await workbench(page).getByRole("switch", { name: "Keyboard shortcuts", checked: true }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("l");
    await page.waitForURL(atCase(c2), { timeout: 15_000 });

    await claimStatus(page).getByText("Nobody holds this case").waitFor({ timeout: 15_000 });
    await page.keyboard.press("f");
    // No note yet: the key puts the cursor in the note and says how to finish.
    await page.getByText("Add a note (at least 3 characters)").waitFor();
    expect(await page.getByLabel("Note", { exact: true }).evaluate((el) => el === document.activeElement), "f without a note should focus the note").toBeTruthy();
    await page.keyboard.type("Card country differs from the IP country; new device");
    // Writing the note is working on the case: it claims it.
    await claimStatus(page).getByText("You hold this case").waitFor({ timeout: 15_000 });
    await page.keyboard.press("Control+Enter");
    await page.waitForURL(atCase(c3), { timeout: 15_000 });

    await claimStatus(page).getByText("Nobody holds this case").waitFor({ timeout: 15_000 });
    await page.keyboard.press("e");
    await page.keyboard.type("Large first order, ask the customer");
    await page.keyboard.press("Escape");
    await page.keyboard.press("e");
    await page.waitForURL(atCase(c4), { timeout: 15_000 });
    const heldAfter = await claimsHeldBy(risk.email);
    expect(heldAfter === 0, `deciding left ${heldAfter} claim(s) by ${risk.email} behind`).toBeTruthy();

    const caseState = (id: number) =>
      withStore((db) => db.select({ status: fraudCases.status, note: fraudCases.note, version: fraudCases.version }).from(fraudCases).where(eq(fraudCases.id, id)).get());
    const decided = [await caseState(c1), await caseState(c2), await caseState(c3)];
    expect(decided[0]?.status === "legitimate" && decided[1]?.status === "fraud" && decided[2]?.status === "escalated", `expected legitimate, fraud, escalated; got ${JSON.stringify(decided)}`).toBeTruthy();
    expect(decided[1]?.note?.startsWith("Card country differs") && decided[2]?.note?.startsWith("Large first order"), `the notes were not saved: ${JSON.stringify(decided)}`).toBeTruthy();

    // The colleague's tab still shows version 1 of the second case: deciding there is refused, naming who decided what.
    await stale.getByRole("button", { name: "Mark legitimate" }).click();
    const refusal = stale.getByTestId("case-workbench").getByRole("alert");
    await refusal.waitFor({ timeout: 15_000 });
    const message = await refusal.innerText();
    expect(message.includes(`${risk.email} decided this case as fraud`), `expected a conflict naming ${risk.email}, got: ${message}`).toBeTruthy();
    const unchanged = await caseState(c2);
    expect(unchanged?.status === "fraud" && unchanged.version === decided[1]?.version, `the stale decision changed the case: ${JSON.stringify(unchanged)}`).toBeTruthy();
  } finally {
    await first.close();
    await second.close();
  }

  await withPage(async (adminPage) => {
    await signIn(adminPage, app.url, user("admin").email, user("admin").password);
    await adminPage.goto(`${app.url}/audit?action=fraud&actor=${encodeURIComponent(risk.email)}`);
    const audit = await adminPage.getByTestId("audit-table").innerText();
    expect(/fraud\.case\.decide\b/.test(audit) && audit.includes("fraud.case.escalate") && audit.includes(risk.email), `audit lacks the analyst's decisions: ${audit.slice(0, 300)}`).toBeTruthy();
  });
});
