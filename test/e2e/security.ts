/**
 * Browser tests of sign-in and session security, and the CSP guard for every page the suite opens.
 * run.ts calls `securityTests({ browser, url, users })` and `failOnCspViolations(page)` on each page it opens.
 */
import type { Browser, Page, Response } from "playwright-core";
import { assert, signIn, type E2eTest } from "./harness";

export type SecurityContext = { browser: Browser; url: string; users: { email: string; password: string; role: string }[] };

/**
 * Records every Content-Security-Policy violation on the page (Chromium reports each one on the console, and the
 * page's `securitypolicyviolation` event names the directive) and returns a check that throws if there was any.
 */
export function failOnCspViolations(page: Page): () => void {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  // An init script is injected by the browser itself, outside the page's policy.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
  return () => assert(violations.length === 0, `Content-Security-Policy violations:\n${[...new Set(violations)].join("\n")}`);
}

const header = (response: Response | null, name: string) => response?.headers()[name.toLowerCase()] ?? "";

export function securityTests({ browser, url, users }: SecurityContext): E2eTest[] {
  const user = (role: string) => users.find((u) => u.role === role)!;

  async function withPage(fn: (page: Page) => Promise<void>, options: { javaScriptEnabled?: boolean } = {}) {
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

  return [
    {
      name: "signing in before any JavaScript runs posts the form, and the password never appears in a URL",
      run: () =>
        withPage(
          async (page) => {
            const viewer = user("viewer");
            const urls: string[] = [];
            page.on("request", (request) => urls.push(request.url()));
            await page.goto(`${url}/signin`);
            assert((await page.locator("form").first().getAttribute("method"))?.toLowerCase() === "post", "the sign-in form must post");

            await page.getByLabel("Email").fill(viewer.email);
            await page.getByLabel("Password").fill("not-the-password");
            await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
            await page.getByRole("alert").filter({ hasText: "Email or password is not right." }).waitFor();

            await page.getByLabel("Email").fill(viewer.email);
            await page.getByLabel("Password").fill(viewer.password);
            await Promise.all([page.waitForURL(`${url}/`), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
            await page.getByTestId("user-name").waitFor({ state: "attached" });

            const leaked = urls.filter((u) => u.includes("not-the-password") || u.includes(encodeURIComponent(viewer.password)) || /[?&]password=/.test(u));
            assert(leaked.length === 0, `a password went into a URL: ${leaked.join(", ")}`);
          },
          { javaScriptEnabled: false },
        ),
    },
    {
      name: "a session cookie copied before sign-out is refused after it, by pages and exports",
      run: async () => {
        const admin = user("admin");
        const first = await browser.newContext();
        const copy = await browser.newContext();
        try {
          const page = await first.newPage();
          await signIn(page, url, admin.email, admin.password);
          const cookies = await first.cookies();
          assert((await first.request.get(`${url}/api/export/audit`)).status() === 200, "the admin should get the audit export before signing out");
          await page.getByRole("button", { name: "Sign out" }).first().click();
          await page.waitForURL(`${url}/signin`);

          await copy.addCookies(cookies);
          const stolen = await copy.newPage();
          await stolen.goto(`${url}/audit`);
          assert(stolen.url() === `${url}/signin`, `a copied cookie reached ${stolen.url()} after sign-out`);
          const exported = await copy.request.get(`${url}/api/export/audit`);
          assert(exported.status() === 401, `a copied cookie got ${exported.status()} from the audit export after sign-out`);
        } finally {
          await first.close();
          await copy.close();
        }
      },
    },
    {
      name: "an admin signs a user out everywhere on the Users page, and that user's open page is refused at once",
      run: async () => {
        const viewer = user("viewer");
        const victim = await browser.newContext();
        try {
          const viewerPage = await victim.newPage();
          await signIn(viewerPage, url, viewer.email, viewer.password);
          await withPage(async (page) => {
            await signIn(page, url, user("admin").email, user("admin").password);
            await page.goto(`${url}/users`);
            const row = page.getByTestId("users-table").locator("tr").filter({ hasText: viewer.email });
            page.once("dialog", (dialog) => void dialog.accept());
            await row.getByRole("button", { name: "Sign out everywhere" }).click();
            await row.getByRole("button", { name: "Sign out everywhere" }).waitFor({ state: "detached" });
          });
          await viewerPage.goto(`${url}/reviews`);
          assert(viewerPage.url() === `${url}/signin`, `the signed-out viewer still reached ${viewerPage.url()}`);
        } finally {
          await victim.close();
        }
      },
    },
    {
      name: "five wrong passwords lock sign-in for that email, told in minutes, whether or not the account exists",
      run: () =>
        withPage(async (page) => {
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
            assert((await page.getByLabel("Email").inputValue()) === email, "the email tried should stay in its field after a failed attempt");
          }
        }),
    },
    {
      name: "pages and CSV exports carry the security headers; charts and the theme toggle work under the page's policy",
      run: () =>
        withPage(async (page) => {
          const planner = user("planner");
          await signIn(page, url, planner.email, planner.password);
          const response = await page.goto(`${url}/overview`);
          const policy = header(response, "content-security-policy");
          assert(/script-src [^;]*'nonce-[^']+'/.test(policy) && policy.includes("frame-ancestors 'none'") && !policy.includes("unsafe-eval"), `page CSP: ${policy}`);
          for (const [name, value] of [
            ["x-frame-options", "DENY"],
            ["x-content-type-options", "nosniff"],
            ["referrer-policy", "strict-origin-when-cross-origin"],
          ]) {
            assert(header(response, name!) === value, `page ${name}: ${header(response, name!)}`);
          }
          assert(header(response, "permissions-policy").includes("camera=()"), "page Permissions-Policy missing");

          await page.locator(".recharts-surface").first().waitFor();
          await page.getByRole("button", { name: "Toggle dark mode" }).first().click();
          await page.reload();
          // The inline theme script (allowed by its hash) runs before paint and restores the choice.
          assert(await page.evaluate(() => document.documentElement.classList.contains("dark")), "the theme script did not run under the CSP");

          const exported = await page.context().request.get(`${url}/api/export/forecast-plans`);
          assert(exported.status() === 200 && (exported.headers()["content-type"] ?? "").startsWith("text/csv"), `the plans export answered ${exported.status()}`);
          const exportPolicy = exported.headers()["content-security-policy"] ?? "";
          assert(exportPolicy.includes("default-src 'none'") && exportPolicy.includes("frame-ancestors 'none'"), `export CSP: ${exportPolicy}`);
          assert(exported.headers()["x-content-type-options"] === "nosniff" && exported.headers()["x-frame-options"] === "DENY", "export headers missing");
        }),
    },
  ];
}
