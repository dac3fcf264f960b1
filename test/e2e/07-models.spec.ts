/**
 * The admin's Models page: a training job with progress that never goes back, cancelled; a second "Train" for a
 * task with a job queued is refused; another job finishes and is promoted after a confirmation.
 */
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

test("an admin starts a training job on the Models page, watches its progress, and cancels it; another finishes and is promoted", async ({ suite }) => {
  const app = { url: suite.url };
  const { user, withPage } = suite;
  await withPage(async (page) => {
    await signIn(page, app.url, user("admin").email, user("admin").password);
    await page.goto(`${app.url}/models?task=fraud`);
    await page.getByTestId("backend").getByText(/wasm|tensorflow|cpu/).first().waitFor();
    await page.getByTestId("train-fraud").click();
    // While it is queued or running, the task's "Train" is a link to the job.
    const link = page.getByTestId("train-fraud-job");
    await link.waitFor({ timeout: 30_000 });
    expect((await page.getByTestId("train-fraud").count()) === 0, "a second fraud training job should not be offered while one is queued").toBeTruthy();
    // The link leads to the job's entry (other jobs, e.g. publishing forecasts, may be listed above it).
    const jobId = /#job-(\d+)$/.exec((await link.getAttribute("href")) ?? "")?.[1];
    expect(jobId, "the link should point at the job").toBeTruthy();
    const job = page.getByTestId(`job-${jobId}`);
    const bar = job.getByRole("progressbar");
    // It may wait behind the set-up's forecast training (one worker, one job at a time).
    await bar.waitFor({ timeout: 180_000 });
    // The bar only grows, across refreshes and stages: read it until the fit reports an epoch, then cancel at
    // once (on this small store the fit can end within seconds, and the job must still be running to cancel).
    const seen: number[] = [];
    const epoch = job.getByTestId("job-progress").filter({ hasText: /epoch \d+/ });
    for (const until = Date.now() + 60_000; !(await epoch.isVisible()); ) {
      expect(Date.now() < until, "the fraud fit never reported an epoch").toBeTruthy();
      const now = await bar.getAttribute("aria-valuenow", { timeout: 1_000 }).catch(() => null);
      if (now !== null) seen.push(Number(now));
      await page.waitForTimeout(200);
    }
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), `progress went back: ${seen.join(", ")}`).toBeTruthy();
    const line = await job.getByTestId("job-progress").innerText({ timeout: 2_000 }).catch(() => "");
    expect(!/\d+ (s|min|h) left/.test(line) || /about \d+(\.\d+)? (s|min|h) left/.test(line), `time left without "about": ${line}`).toBeTruthy();
    await job.getByRole("button", { name: "Cancel" }).click();
    await job.getByTestId("job-status").filter({ hasText: "cancelled" }).waitFor({ timeout: 60_000 });

    // A second tab, left in the background (so it does not refresh), still shows "Train" for sentiment: once a
    // job is queued from the first tab, the server refuses the stale button.
    const stale = await page.context().newPage();
    try {
      await stale.addInitScript(() => Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" }));
      await stale.goto(`${app.url}/models?task=sentiment`);
      await stale.getByTestId("train-sentiment").waitFor();
      await page.getByTestId("train-sentiment").click();
      await page.getByTestId("train-sentiment-job").waitFor({ timeout: 30_000 });
      await stale.getByTestId("train-sentiment").click();
      await stale.getByRole("alert").filter({ hasText: /A sentiment training job \(#\d+\) is already (queued|running)/ }).waitFor({ timeout: 30_000 });
    } finally {
      await stale.close();
    }

    await page.goto(`${app.url}/models?task=sentiment`);
    const promote = page.getByTestId("promote-sentiment-1");
    await promote.waitFor({ timeout: 120_000 });
    // Promotion asks first: Cancel changes nothing, Confirm promotes.
    await promote.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Promote sentiment v1 to champion?").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    const championCell = page.getByTestId("versions-sentiment").getByRole("cell", { name: "champion", exact: true });
    expect((await championCell.count()) === 0, "Cancel should not promote").toBeTruthy();
    await promote.click();
    await dialog.getByRole("button", { name: "Confirm promotion" }).click();
    await championCell.waitFor({ timeout: 30_000 });
    await dialog.waitFor({ state: "hidden" });
  });
});
