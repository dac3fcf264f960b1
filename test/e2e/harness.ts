import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startService, type RunningService } from "../support/service-process";
import { chromiumArgs, chromiumPath } from "./chromium";

/**
 * What the browser tests, the screenshot script and the benchmarks share: the app and the worker on a temporary data
 * directory, sign-in, and (for the scripts; the tests get theirs from playwright.config.ts) the browser.
 */

/** Debian's chromium with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "storefront-e2e-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `next start` on the production build, against the given data directory. */
export function startApp(dataDir: string, port: number): Promise<RunningService> {
  const url = `http://127.0.0.1:${port}`;
  return startService("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    name: "The app",
    url,
    healthPath: "/api/health",
    env: { ...process.env, DATA_DIR: dataDir, NEXTAUTH_URL: url, NODE_ENV: "production" },
  });
}

/** The training worker, as `npm run demo` runs it beside the web server. */
export function startWorker(dataDir: string): { stop: () => void } {
  const child = spawn("npx", ["tsx", "lib/jobs/worker.ts"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  return {
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
}

/** Runs `fn` on a page of a fresh browser context (its own cookies: one signed-in user), closed afterwards. */
export async function inNewContext<T>(browser: Browser, fn: (page: Page) => Promise<T>, options: { javaScriptEnabled?: boolean } = {}): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  // By field name, not label: the page may be in either language.
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  // The first page after sign-in may be slow while the worker trains and scores beside it on these 2 cores (seen
  // once past 30 s in CI): the landing page gets more time than an ordinary navigation.
  await page.waitForURL(`${baseUrl}/`, { timeout: 90_000 });
}

/** What every spec gets as its `suite` fixture (fixtures.ts): the running app, its database file, the demo users and a page helper. */
export type SuiteContext = {
  browser: Browser;
  url: string;
  dbFile: string;
  dataDir: string;
  users: { email: string; password: string; role: string; name?: string }[];
  user: (role: string) => { email: string; password: string; role: string };
  withPage: (fn: (page: Page) => Promise<void>) => Promise<void>;
  /** The best-selling product, left without stock so the planner's list has a stockout exception. */
  bestSeller: { id: number; sku: string };
};
