/**
 * Browser tests of sign-in and session security. (The CSP guard for every page the suite opens is csp.ts, put on
 * every test by the `cspGuard` fixture in fixtures.ts.)
 */
import type { Browser, Page, Response } from "@playwright/test";
import { failOnCspViolations } from "./csp";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

const header = (response: Response | null, name: string) => response?.headers()[name.toLowerCase()] ?? "";

/** A page in a fresh context (JavaScript off on request), checked for Content-Security-Policy violations. */
async function withPage(browser: Browser, fn: (page: Page) => Promise<void>, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const checkCsp = failOnCspViolations(page);
  try {
    await fn(page);
    checkCsp();
  } finally {
    await context.close();
  }
}

test("signing in before any JavaScript runs posts the form, and the password never appears in a URL", async ({ suite }) => {
  const { browser, url, user } = suite;
  await withPage(
    browser,
    async (page) => {
      const viewer = user("viewer");
      const urls: string[] = [];
      page.on("request", (request) => urls.push(request.url()));
      await page.goto(`${url}/signin`);
      expect((await page.locator("form").first().getAttribute("method"))?.toLowerCase() === "post", "the sign-in form must post").toBeTruthy();

      await page.getByLabel("Email").fill(viewer.email);
      await page.getByLabel("Password").fill("not-the-password");
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
      await page.getByRole("alert").filter({ hasText: "Email or password is not right." }).waitFor();

      await page.getByLabel("Email").fill(viewer.email);
      await page.getByLabel("Password").fill(viewer.password);
      await Promise.all([page.waitForURL(`${url}/`), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
      await page.getByTestId("user-name").waitFor({ state: "attached" });

      const leaked = urls.filter((u) => u.includes("not-the-password") || u.includes(encodeURIComponent(viewer.password)) || /[?&]password=/.test(u));
      expect(leaked.length === 0, `a password went into a URL: ${leaked.join(", ")}`).toBeTruthy();
    },
    { javaScriptEnabled: false },
  );
});

test("a session cookie copied before sign-out is refused after it, by pages and exports", async ({ suite }) => {
  const { browser, url, user } = suite;
  const admin = user("admin");
  const first = await browser.newContext();
  const copy = await browser.newContext();
  try {
    const page = await first.newPage();
    await signIn(page, url, admin.email, admin.password);
    const cookies = await first.cookies();
    expect((await first.request.get(`${url}/api/export/audit`)).status() === 200, "the admin should get the audit export before signing out").toBeTruthy();
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL(`${url}/signin`);

    await copy.addCookies(cookies);
    const stolen = await copy.newPage();
    await stolen.goto(`${url}/audit`);
    expect(stolen.url() === `${url}/signin`, `a copied cookie reached ${stolen.url()} after sign-out`).toBeTruthy();
    const exported = await copy.request.get(`${url}/api/export/audit`);
    expect(exported.status() === 401, `a copied cookie got ${exported.status()} from the audit export after sign-out`).toBeTruthy();
  } finally {
    await first.close();
    await copy.close();
  }
});

test("an admin signs a user out everywhere on the Users page, and that user's open page is refused at once", async ({ suite }) => {
  const { browser, url, user } = suite;
  const viewer = user("viewer");
  const victim = await browser.newContext();
  try {
    const viewerPage = await victim.newPage();
    await signIn(viewerPage, url, viewer.email, viewer.password);
    await withPage(browser, async (page) => {
      await signIn(page, url, user("admin").email, user("admin").password);
      await page.goto(`${url}/users`);
      const row = page.getByTestId("users-table").locator("tr").filter({ hasText: viewer.email });
      page.once("dialog", (dialog) => void dialog.accept());
      await row.getByRole("button", { name: "Sign out everywhere" }).click();
      await row.getByRole("button", { name: "Sign out everywhere" }).waitFor({ state: "detached" });
    });
    await viewerPage.goto(`${url}/reviews`);
    expect(viewerPage.url() === `${url}/signin`, `the signed-out viewer still reached ${viewerPage.url()}`).toBeTruthy();
  } finally {
    await victim.close();
  }
});

test("five wrong passwords lock sign-in for that email, told in minutes, whether or not the account exists", async ({ suite }) => {
  const { browser, url } = suite;
  await withPage(browser, async (page) => {
    // An email no account has, so no other test is locked out, and the lock is seen to reveal nothing.
    const email = `nobody-${Date.now()}@demo.store`;
    await page.goto(`${url}/signin`);
    const alert = page.getByRole("alert");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`guess-${attempt}`);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin"),
        page.getByRole("button", { name: "Sign in", exact: true }).click(),
      ]);
      const expected = attempt <= 5 ? "Email or password is not right." : "Too many attempts. Try again in 1 minute.";
      await alert.filter({ hasText: expected }).waitFor();
      // The attempt is over once the button is back (React then resets the form; filling it before that would be
      // undone, and the next click would submit an empty password).
      await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
      expect((await page.getByLabel("Email").inputValue()) === email, "the email tried should stay in its field after a failed attempt").toBeTruthy();
    }
  });
});

test("pages and CSV exports carry the security headers; charts and the theme toggle work under the page's policy", async ({ suite }) => {
  const { browser, url, user } = suite;
  await withPage(browser, async (page) => {
    const planner = user("planner");
    await signIn(page, url, planner.email, planner.password);
    const response = await page.goto(`${url}/overview`);
    const policy = header(response, "content-security-policy");
    expect(/script-src [^;]*'nonce-[^']+'/.test(policy) && policy.includes("frame-ancestors 'none'") && !policy.includes("unsafe-eval"), `page CSP: ${policy}`).toBeTruthy();
    for (const [name, value] of [
      ["x-frame-options", "DENY"],
      ["x-content-type-options", "nosniff"],
      ["referrer-policy", "strict-origin-when-cross-origin"],
    ]) {
      expect(header(response, name!) === value, `page ${name}: ${header(response, name!)}`).toBeTruthy();
    }
    expect(header(response, "permissions-policy").includes("camera=()"), "page Permissions-Policy missing").toBeTruthy();

    await page.locator(".recharts-surface").first().waitFor();
    await page.getByRole("button", { name: "Toggle dark mode" }).first().click();
    await page.reload();
    // The inline theme script (allowed by its hash) runs before paint and restores the choice.
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark")), "the theme script did not run under the CSP").toBeTruthy();

    const exported = await page.context().request.get(`${url}/api/export/forecast-plans`);
    expect(exported.status() === 200 && (exported.headers()["content-type"] ?? "").startsWith("text/csv"), `the plans export answered ${exported.status()}`).toBeTruthy();
    const exportPolicy = exported.headers()["content-security-policy"] ?? "";
    expect(exportPolicy.includes("default-src 'none'") && exportPolicy.includes("frame-ancestors 'none'"), `export CSP: ${exportPolicy}`).toBeTruthy();
    expect(exported.headers()["x-content-type-options"] === "nosniff" && exported.headers()["x-frame-options"] === "DENY", "export headers missing").toBeTruthy();
  });
});
