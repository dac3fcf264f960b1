/**
 * Debian's chromium with the flags this closed network needs (no background calls home): playwright.config.ts
 * launches the browser tests' browser with these, and `launchBrowser` (harness.ts) the scripts' and benchmarks'.
 * Playwright's own browser builds are never downloaded here: CHROMIUM_PATH may name another installed build.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"];
