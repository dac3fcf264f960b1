/**
 * The admin's Models page: a training job with progress, cancelled; another finishes and is promoted.
 */
import { signIn, type E2eTest, type SuiteContext } from "./harness";

export function modelTests(ctx: SuiteContext): E2eTest[] {
  const app = { url: ctx.url };
  const { user, withPage } = ctx;
  const tests: E2eTest[] = [];
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
  return tests;
}
