import { expect, type Page } from "@playwright/test";

/**
 * Opens each path at a 390 x 844 phone viewport and asserts the page is no wider than the screen (wide tables must
 * scroll inside their own container). Charts draw after hydration, so each page gets a moment to settle. Used by the
 * reviews, pricing and recommendations specs.
 */
export async function assertFitsPhone(page: Page, baseUrl: string, paths: string[]): Promise<void> {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("load");
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) {
        // Name the elements that stick out (not inside a scrolling container), so the failure says where to look.
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll("body *")]
            // Inside a scroll container only absolutely positioned elements can escape it (their box is placed
            // against an ancestor outside it).
            .filter((el) => el.getBoundingClientRect().right > 392 && (!el.closest(".overflow-x-auto") || ["absolute", "fixed"].includes(getComputedStyle(el).position)))
            .slice(-5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").slice(0, 60)} (right ${Math.round(el.getBoundingClientRect().right)})`),
        );
        expect(width, `${path} is ${width} px wide on a 390 px phone; sticking out: ${culprits.join(" | ")}`).toBeLessThanOrEqual(390);
      }
    }
  } finally {
    if (previous) await page.setViewportSize(previous);
  }
}
