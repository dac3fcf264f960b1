/**
 * The browser tests' `test`: Playwright's, with the running app as the worker-scoped `suite` fixture (started once
 * for the whole run by global-setup.ts, which passes its URL and data directory on in the environment) and, on every
 * test, the Content-Security-Policy guard: every page any test opens, in any context, is watched, and a test that
 * caused a violation fails.
 */
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { demoUsers } from "../../db/seed/users";
import { failOnCspViolations } from "./csp";
import { noteSpecRan } from "./handoff";
import { inNewContext, type SuiteContext } from "./harness";

function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npx playwright test\` (playwright.config.ts runs test/e2e/global-setup.ts first)`);
  return value;
}

export const test = base.extend<{ cspGuard: void; ranSpecs: void }, { suite: SuiteContext }>({
  suite: [
    async ({ browser }, provide) => {
      const dataDir = fromSetup("E2E_DATA_DIR");
      await provide({
        browser,
        url: fromSetup("E2E_URL"),
        dataDir,
        dbFile: path.join(dataDir, "storefront.db"),
        users: demoUsers,
        user: (role) => demoUsers.find((u) => u.role === role)!,
        withPage: (fn) => inNewContext(browser, fn),
        bestSeller: JSON.parse(fromSetup("E2E_BEST_SELLER")) as SuiteContext["bestSeller"],
      });
    },
    { scope: "worker" },
  ],
  // The tests open their own contexts (several users at once), so the guard wraps browser.newContext for the test.
  cspGuard: [
    async ({ browser }, provide) => {
      const checks: (() => void)[] = [];
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const context = await newContext.apply(browser, args);
        context.on("page", (page) => checks.push(failOnCspViolations(page)));
        return context;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      for (const check of checks) check();
    },
    { auto: true },
  ],
  ranSpecs: [
    async ({}, provide, testInfo) => {
      noteSpecRan(path.basename(testInfo.file));
      await provide();
    },
    { auto: true },
  ],
});

export { expect };
