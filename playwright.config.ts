import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./test/e2e/chromium";

/**
 * The browser tests (`npm run test:e2e`, after `npm run build`): test/e2e/NN-*.spec.ts against the production build
 * and the training worker on a small demo store that test/e2e/global-setup.ts seeds once per run.
 * One test: `npx playwright test -g "wrong password"` (or a file: `npx playwright test test/e2e/07-models.spec.ts`).
 */
export default defineConfig({
  testDir: "test/e2e",
  testMatch: "*.spec.ts",
  globalSetup: "./test/e2e/global-setup.ts",
  // One worker, the files in the order of their numbers and the tests of a file in order: the tests share one store,
  // one app and one training worker, and later tests build on earlier ones (the models page promotes the sentiment
  // model the reviews tests use, the fraud tests fill the queue the phone and Chinese tests work, the inbox clears
  // what the others left, accessibility walks the filled pages). The worker's trainings also take both CI cores.
  workers: 1,
  fullyParallel: false,
  // A test that fails runs once more in a fresh worker process and counts as flaky if it then passes: pages are
  // slow while the worker trains beside them on CI's 2 cores. Values one test leaves for the next live in a file
  // (test/e2e/handoff.ts), so a retry finds them.
  retries: 1,
  forbidOnly: Boolean(process.env.CI),
  // Several tests wait minutes for the worker to train, promote and publish a model (each with its own deadline).
  timeout: 20 * 60_000,
  outputDir: "test-results",
  reporter: [
    ["list"],
    ["html", { outputFolder: "playwright-report", open: "never" }],
    // scripts/test-all.sh sets PLAYWRIGHT_JSON_OUTPUT_FILE for its summary line.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["json"] as ["json"]] : []),
  ],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: "on-first-retry",
    // As playwright-core's defaults: an action or a navigation that waits longer than 30 s (unless told) fails.
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
  },
});
