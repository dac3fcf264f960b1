/**
 * What the accessibility tests (17-accessibility.spec.ts) and the screenshot script (scripts/screenshots.ts) share:
 * a themed context, opening a page, measuring its width; and the axe-core run and the walk over every page by role.
 */
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Role } from "../../db/schema";
import { signIn, type SuiteContext } from "./harness";
import { dashboardPages, type DashboardPage } from "./pages";

const requireFrom = createRequire(import.meta.url);
const axePath = requireFrom.resolve("axe-core/axe.min.js");

export type Theme = "light" | "dark";
export const phone = { width: 390, height: 844 } as const;

/**
 * A context whose pages load in the given theme: the theme script (components/layout/theme-script.ts) reads
 * localStorage "theme" before paint, so it is set before any page script runs. bypassCSP lets axe be injected under
 * the app's nonce-based Content-Security-Policy.
 */
export async function themedContext(browser: Browser, theme: Theme, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: true, viewport, colorScheme: theme });
  await context.addInitScript((t: string) => {
    try {
      localStorage.setItem("theme", t);
    } catch {
      /* storage unavailable before the origin is known (about:blank) */
    }
  }, theme);
  return context;
}

/** Opens a page and waits until it has painted its charts; refuses a page that did not load (403, 404, 500). */
export async function openPage(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
  expect(response?.ok(), `${url} answered ${response?.status()}`).toBeTruthy();
  // Charts measure their container after hydration; give them a moment to draw.
  await page.waitForTimeout(400);
}

/**
 * Reads the document's width and the innermost elements that stick out past the viewport's right edge (the cause,
 * not every ancestor of it). Kept as source text: tsx would wrap named functions in a helper the page does not have.
 */
const widthProbe = `(() => {
  const viewport = window.innerWidth;
  // Inside a box that scrolls or clips sideways (a wide table's region) sticking out is fine: the page does not widen.
  // An absolutely placed element (screen-reader-only text) is clipped only by a box at or above its containing block.
  const placed = (style) => style.position === "absolute" || style.position === "fixed";
  const clipped = (el) => {
    let escapes = placed(getComputedStyle(el));
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const positioned = style.position !== "static";
      if ((!escapes || positioned) && style.overflowX !== "visible") return true;
      if (positioned) escapes = false;
      if (placed(style)) escapes = true;
    }
    return false;
  };
  const sticksOut = (el) => el.getBoundingClientRect().right > viewport + 1 && !clipped(el);
  const culprits = [...document.body.querySelectorAll("*")].filter((el) => sticksOut(el) && ![...el.children].some(sticksOut));
  return {
    width: document.documentElement.scrollWidth,
    viewport,
    culprits: culprits.slice(0, 3).map((el) => {
      const testId = el.getAttribute("data-testid");
      const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).filter(Boolean).slice(0, 4) : [];
      return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (testId ? "[data-testid=" + testId + "]" : "") + classes.map((c) => "." + c).join("") +
        " (right edge " + Math.round(el.getBoundingClientRect().right) + " px)";
    }),
  };
})()`;

/** How wide the document is, and what sticks out past the viewport. */
export function measureWidth(page: Page): Promise<{ width: number; viewport: number; culprits: string[] }> {
  return page.evaluate(widthProbe);
}

/** The one role each page is checked as: a business role where one may see it (they see the decision controls), else the admin. */
function checkedAs(page: DashboardPage): Role {
  return page.roles.find((r) => r !== "admin") ?? page.roles[0]!;
}

type AxeFinding = { id: string; impact: string; help: string; targets: string[]; detail: string };

export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? "",
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        // e.g. the measured contrast and both colours: enough to fix it without opening the page.
        detail: (v.nodes[0]?.failureSummary ?? "").split("\n").slice(1).join(" ").trim(),
      }));
  });
}

/** Signs in as each role once and visits that role's share of the pages in a fresh themed context. */
export async function walk(ctx: SuiteContext, pages: DashboardPage[], theme: Theme, viewport: { width: number; height: number }, visit: (page: Page, target: DashboardPage) => Promise<void>) {
  const byRole = new Map<Role, DashboardPage[]>();
  for (const p of pages) byRole.set(checkedAs(p), [...(byRole.get(checkedAs(p)) ?? []), p]);
  for (const [role, list] of byRole) {
    const context = await themedContext(ctx.browser, theme, viewport);
    try {
      const page = await context.newPage();
      await signIn(page, ctx.url, ctx.user(role).email, ctx.user(role).password);
      for (const target of list) {
        await openPage(page, `${ctx.url}${target.path}`);
        await visit(page, target);
      }
    } finally {
      await context.close();
    }
  }
}

export function everyPage(ctx: SuiteContext): DashboardPage[] {
  const pages = dashboardPages(ctx.dbFile);
  expect(pages.length >= 18, `expected every dashboard page, found only ${pages.length}`).toBeTruthy();
  return pages;
}
