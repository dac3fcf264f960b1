import { expect, type Page } from "@playwright/test";

/**
 * Records every Content-Security-Policy violation on the page (Chromium reports each one on the console, and the
 * page's `securitypolicyviolation` event names the directive) and returns a check that fails if there was any.
 * The `cspGuard` fixture (fixtures.ts) puts it on every page a test opens.
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
  return () => expect(violations.length === 0, `Content-Security-Policy violations:\n${[...new Set(violations)].join("\n")}`).toBeTruthy();
}
