/**
 * The risk analyst's queue: three cases by keyboard, a colleague's stale tab refused naming who decided, the decisions in the audit log.
 */
import { openDb } from "../../db/client";
import { enqueueJob } from "../../models/jobs/queue";
import { assert, signIn, type E2eTest, type SuiteContext } from "./harness";

export function fraudTests(ctx: SuiteContext): E2eTest[] {
  const app = { url: ctx.url };
  const { browser, dbFile, user, withPage } = ctx;
  const tests: E2eTest[] = [];
  const demoUsers = ctx.users;
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
  return tests;
}
